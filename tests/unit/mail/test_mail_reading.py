"""Reading what clients really send: tables, undeclared charsets and forwarded mails.

The fixtures of tests/fixtures/mail are mails as Outlook, Gmail, mutt, Apple Mail,
Thunderbird and an old PHP mailer compose them; the strings below are the marker lines
and header blocks of each client's forwards in English, French and Danish.
"""

from __future__ import annotations

import pytest

from mail.inbound.charsets import decode_guessed, meta_charset
from mail.inbound.forwards import inline_forward
from mail.inbound.htmltext import read_html
from mail.inbound.mail import Forwarded, InboundMail
from mail.inbound.parse import parse_message
from tests.paths import FIXTURES
from tests.unit.mail.test_mail_parse import raw_mail

OWN = {"orders@shop.test"}


def fixture(name: str) -> InboundMail:
    return parse_message((FIXTURES / "mail" / name).read_bytes(), OWN, "mx.shop.test")


# --- tables -------------------------------------------------------------------------------


def test_an_outlook_table_reads_as_rows() -> None:
    html = (
        "<table class=MsoTableGrid><tr><td><p class=MsoNormal>TEA-EARL<o:p></o:p></p></td>\n"
        "<td><p class=MsoNormal>8</p></td></tr>\n<tr><td><p class=MsoNormal>TEA-GREEN</p>"
        "</td><td><p class=MsoNormal>12</p></td></tr></table><p class=MsoNormal>Thanks</p>"
    )
    read = read_html(html)
    assert read.text == "TEA-EARL 8\nTEA-GREEN 12\nThanks"
    assert read.rows == ("TEA-EARL 8", "TEA-GREEN 12")


def test_a_cell_of_several_lines_keeps_its_lines() -> None:
    """A layout table around the whole mail, or a nested table, is not squeezed."""
    layout = "<table><tr><td><p>Hello,</p><p>3 x TEA-EARL</p></td><td>logo</td></tr></table>"
    assert read_html(layout).text == "Hello,\n3 x TEA-EARL\nlogo"
    nested = (
        "<table><tr><td><table><tr><td>TEA-EARL</td><td>2</td></tr>"
        "<tr><td>TEA-GREEN</td><td>5</td></tr></table></td></tr></table>"
    )
    assert read_html(nested) == read_html(nested.replace("<table><tr><td><table>", "<table>"))
    assert read_html(nested).text == "TEA-EARL 2\nTEA-GREEN 5"


def test_unclosed_cells_and_rows_still_read_as_rows() -> None:
    assert read_html("<table><tr><td>A-1<td>4<tr><td>B-2<td>5").text == "A-1 4\nB-2 5"
    assert read_html("<blockquote><table><tr><td>Q</td></tr></table></blockquote>X").text == "X"


def test_the_outlook_mail_is_read_from_its_html_as_its_plain_part_lost_the_rows() -> None:
    mail = fixture("outlook_table.eml")
    assert mail.body_was_html
    assert "TEA-EARL 8\nTEA-GREEN 12" in mail.body
    assert "PO: OUT-2201" in mail.body
    assert "MsoNormal" not in mail.body
    assert "font-family" not in mail.body


def test_the_plain_part_stays_when_it_has_the_rows() -> None:
    raw = (
        b"From: jane@customer.test\r\nMessage-ID: <t@customer.test>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nTEA-EARL\t8\r\n"
        b"--b\r\nContent-Type: text/html\r\n\r\n<table><tr><td>TEA-EARL</td><td>8</td></tr>"
        b"</table><blockquote>9 x OLD</blockquote>\r\n--b--\r\n"
    )
    mail = parse_message(raw, OWN, "mx.shop.test")
    assert (mail.body, mail.body_was_html) == ("TEA-EARL\t8", False)


# --- charsets -----------------------------------------------------------------------------


def test_latin1_without_a_charset_is_read_as_windows_1252() -> None:
    mail = fixture("latin1_no_charset.eml")
    assert "Réf : L1-0042" in mail.body
    assert "Société Acme" in mail.body
    assert mail.problems == ()


def test_a_charset_only_in_the_html_meta_is_used() -> None:
    mail = fixture("html_meta_charset.eml")
    assert "Réf : HM-0077" in mail.body
    assert "4,50 €" in mail.body
    assert mail.problems == ()


def test_utf8_without_a_charset_is_read_as_utf8() -> None:
    raw = raw_mail("", Content_Type="text/plain") + "Réf : U-1\r\n".encode()
    assert parse_message(raw, OWN, "mx.shop.test").body == "Réf : U-1"


def test_us_ascii_holding_8bit_bytes_is_an_undeclared_charset() -> None:
    raw = raw_mail("", Content_Type="text/plain; charset=us-ascii")
    mail = parse_message(raw + "Réf : A-1\r\n".encode("latin-1"), OWN, "mx.shop.test")
    assert (mail.body, mail.problems) == ("Réf : A-1", ())


def test_the_guess_order_is_meta_then_utf8_then_windows_1252() -> None:
    meta = b'<meta charset="iso-8859-15"><p>\xa4</p>'
    assert decode_guessed(meta, html=True) == ('<meta charset="iso-8859-15"><p>€</p>', "iso8859-15")
    assert decode_guessed("é".encode(), html=True)[1] == "utf-8"
    assert decode_guessed(b"\xe9\x80", html=False) == ("é€", "cp1252")
    assert meta_charset(b'<meta charset="x-martian">') is None  # unknown: the next guess
    assert meta_charset(b'<META CONTENT="text/html; charset=ISO-8859-1">') == "cp1252"
    assert decode_guessed(b'<meta charset="x-martian">\xe9', html=True)[1] == "cp1252"


# --- forwards -----------------------------------------------------------------------------

JEANNE = "Jeanne Martin <jeanne.martin@acme.test>"


@pytest.mark.parametrize(
    ("name", "forwarded"),
    [
        ("gmail_forward.eml", Forwarded("Bonjour Bob,\n\nPeux-tu passer cette commande ?\n\n"
         "Réf : GM-3301\n12 x TEA-GREEN\nTEA-EARL x 4\n\nMerci,\nJeanne", JEANNE, "Commande thé")),
        ("mutt_forward_rfc822.eml", Forwarded("Hello Bob,\n\nplease order for the Lyon depot:\n\n"
         "PO: MT-5501\nShip to: DEPOT\n6 x TEA-EARL\nTEA-GREEN: 3\n\nThanks,\nJeanne", JEANNE,
         "Order for the Lyon depot", attached=True, message_id="<aVXk3BvW9pQ1sLj0@acme.test>")),
        ("apple_forward_fr.eml", Forwarded("Bonjour Bob,\n\nN° de commande : AP-6610\n"
         "9 x TEA-EARL\n\nJeanne", JEANNE, "Commande")),
        ("outlook_forward_da.eml", Forwarded("Hej Bob,\n\nPO: DK-4821\nTEA-GREEN: 20\n\nJeanne",
         JEANNE, "Ordre")),
    ],
)  # fmt: skip
def test_each_client_s_forward_is_found(name: str, forwarded: Forwarded) -> None:
    mail = fixture(name)
    assert mail.forwarded == (forwarded,)
    assert "TEA-" not in mail.body  # the sender's own words hold no line


def test_an_attached_forward_brings_its_own_spreadsheets() -> None:
    mail = fixture("mutt_forward_rfc822_xlsx.eml")
    assert [a.filename for f in mail.forwarded for a in f.sheets] == ["jeanne-order.xlsx"]
    assert [a.filename for a in mail.attachments] == ["attached-message.eml"]
    assert [a.filename for a in mail.spreadsheets] == ["jeanne-order.xlsx"]
    assert mail.spreadsheets[0].data.startswith(b"PK")


BLOCK = "From: Jeanne <j@acme.test>\nDate: Mon, 7 Dec 2026\nSubject: Order\nTo: b@acme.test\n\n"


@pytest.mark.parametrize(
    ("subject", "marker", "block"),
    [
        ("Fwd: Order", "---------- Forwarded message ---------", BLOCK),
        ("Order", "-------- Forwarded Message --------", BLOCK.replace(": ", ": \t")),
        ("[j@acme.test: Order]", "----- Forwarded message from Jeanne <j@acme.test> -----", BLOCK),
        ("Fwd: Order", "Begin forwarded message:", BLOCK),
        ("TR: Commande", "---------- Message transféré ---------", BLOCK),
        ("TR: Commande", "-------- Message transféré --------", BLOCK),
        ("Fwd: Commande", "Début du message réexpédié :", BLOCK.replace("From:", "De :")),
        ("Fwd: Ordre", "---------- Videresendt meddelelse ---------", BLOCK),
        ("VS: Ordre", "Start på videresendt besked:", BLOCK.replace("From:", "Fra:")),
        ("Videresend: Ordre", "-------- Videresendt besked --------", BLOCK),
        ("FW: Order", "-----Original Message-----", BLOCK.replace("Date:", "Sent:")),
        ("VS: Ordre", "-----Oprindelig meddelelse-----", "Fra: Jeanne <j@acme.test>\n\n"),
        ("TR: Commande", "________________________________", BLOCK.replace("From:", "De :")),
        ("VS: Ordre", "", "Fra: Jeanne <j@acme.test>\nSendt: 7. dec\nTil: b\nEmne: Order\n\n"),
    ],
)
def test_forward_markers_in_english_french_and_danish(
    subject: str, marker: str, block: str
) -> None:
    text = f"Please take this one.\n\n{marker}\n{block}2 x TEA-EARL\n\n-- \nJeanne\n"
    found = inline_forward(text, subject)
    assert found is not None
    assert (found.text, found.sender) == ("2 x TEA-EARL", "Jeanne <j@acme.test>")


def test_mutt_s_end_marker_ends_the_forwarded_text() -> None:
    text = (
        "----- Forwarded message from J <j@x> -----\n\n1 x A-1\n----- End forwarded message -----"
    )
    assert inline_forward(text + "\n2 x B-2\n", "Fwd") == Forwarded("1 x A-1")


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Re: Order", "3 x A\n\n-----Original Message-----\n" + BLOCK + "9 x OLD"),
        ("Order", "3 x A\n\n-----Original Message-----\n" + BLOCK + "9 x OLD"),
        ("Order", "Thanks\n\n" + BLOCK + "9 x OLD"),
        ("Order", "Thanks\nOn Mon, Jane wrote:\n> ---------- Forwarded message ---------\n> x"),
        ("Order", "Thanks\n> Begin forwarded message:\n>\n> 9 x OLD"),
    ],
)
def test_a_reply_is_no_forward(subject: str, text: str) -> None:
    """Outlook's reply markers count only under a forward's subject; a forward quoted in
    a reply is part of the quote."""
    assert inline_forward(text, subject) is None


def test_a_reply_subject_is_no_forward_even_with_a_marker() -> None:
    raw = raw_mail("OK\n\n---------- Forwarded message ---------\n" + BLOCK + "9 x OLD\n")
    expected = Forwarded("9 x OLD", "Jeanne <j@acme.test>", "Order")
    assert parse_message(raw, OWN, "mx").forwarded == (expected,)
    for subject in (b"Re: Order", b"Re: Fwd: Order", b"SV: Ordre", b"AW: Bestellung"):
        replied = raw.replace(b"Subject: Order", b"Subject: " + subject)
        assert parse_message(replied, OWN, "mx").forwarded == (), subject


def test_a_forward_of_our_own_mail_is_ignored() -> None:
    block = BLOCK.replace("Jeanne <j@acme.test>", "orderbot <orders@shop.test>")
    raw = raw_mail("See below\n\n---------- Forwarded message ---------\n" + block + "1 x A-1")
    assert parse_message(raw, OWN, "mx").forwarded == ()


def test_a_bounce_s_returned_message_is_no_forward() -> None:
    raw = (
        b"From: MAILER-DAEMON@shop.test\r\nMessage-ID: <b@x>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@x\r\nSubject: s\r\n\r\n1 x A-1\r\n"
        b"--b--\r\n"
    )
    assert parse_message(raw, OWN, "mx").forwarded == ()


def test_a_forward_of_a_forward_is_followed_outermost_first() -> None:
    inner = "---------- Forwarded message ---------\n" + BLOCK.replace("Jeanne", "Paul")
    text = (
        "FYI\n\n---------- Forwarded message ---------\n" + BLOCK.replace("Order", "Fwd: Order")
        + "See Paul's order.\n\n" + inner + "4 x TEA-EARL\n"
    )  # fmt: skip
    mail = parse_message(raw_mail(text, Subject="Fwd: Fwd: Order"), OWN, "mx")
    assert [(f.text, f.sender, f.subject) for f in mail.forwarded] == [
        ("See Paul's order.", "Jeanne <j@acme.test>", "Fwd: Order"),
        ("4 x TEA-EARL", "Paul <j@acme.test>", "Order"),
    ]
    ours = text.replace("Paul <j@acme.test>", "orderbot <orders@shop.test>")
    mail = parse_message(raw_mail(ours, Subject="Fwd: Fwd: Order"), OWN, "mx")
    assert [f.sender for f in mail.forwarded] == ["Jeanne <j@acme.test>"]  # ours: cut there
