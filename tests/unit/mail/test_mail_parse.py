"""Reading raw inbound mail: identity, sender, thread, text, attachments, flags, DMARC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.orders.textparse import parse_order_text
from mail.inbound.classify import Dmarc
from mail.inbound.htmltext import html_to_text
from mail.inbound.mail import InboundMail, order_file_kind
from mail.inbound.parse import parse_message
from mail.inbound.quotes import strip_quoted

OWN = {"orders@acme.test"}
MX = "mx.acme.test"


def raw_mail(body: str = "10 x WIDGET-A\n", **headers: str) -> bytes:
    """A plain-text mail; keyword headers override the defaults (None-like "" drops one)."""
    fields = {
        "From": "Jane Buyer <jane@customer.test>",
        "To": "orders@acme.test",
        "Subject": "Order",
        "Date": "Thu, 03 Dec 2026 10:00:00 +0100",
        "Message-ID": "<m1@customer.test>",
        "Content-Type": "text/plain; charset=utf-8",
    }
    for name, value in headers.items():
        fields[name.replace("_", "-")] = value
    head = "".join(f"{k}: {v}\r\n" for k, v in fields.items() if v)
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def parse(raw: bytes, **kwargs: str) -> InboundMail:
    return parse_message(raw, OWN, MX, **kwargs)


# --- identity ---------------------------------------------------------------------------


def test_the_message_id_is_kept_in_brackets() -> None:
    mail = parse(raw_mail())
    assert (mail.message_id, mail.message_id_synthetic) == ("<m1@customer.test>", False)
    assert parse(raw_mail(Message_ID="m2@customer.test")).message_id == "<m2@customer.test>"


def test_a_mail_without_message_id_gets_a_stable_hash_that_cannot_collide() -> None:
    raw = raw_mail(Message_ID="")
    first, again = parse(raw), parse(raw)
    assert first.message_id_synthetic
    assert first.message_id.startswith("sha256:")
    assert len(first.message_id) == len("sha256:") + 64
    assert first.message_id == again.message_id
    assert parse(raw_mail("5 x WIDGET-B\n", Message_ID="")).message_id != first.message_id
    assert parse(raw_mail(Message_ID="   ")).message_id_synthetic


def test_sender_is_the_from_header_never_reply_to() -> None:
    mail = parse(raw_mail(Reply_To="Boss <boss@elsewhere.test>", From="Jane <JANE@Customer.TEST>"))
    assert (mail.from_address, mail.from_name) == ("jane@customer.test", "Jane")
    assert mail.reply_to == ("boss@elsewhere.test",)


@pytest.mark.parametrize(
    ("from_header", "code"),
    [
        ("", "from.missing"),
        ("a@customer.test, b@customer.test", "from.ambiguous"),
        ("a@customer.test b@customer.test", "from.ambiguous"),
        ("nobody", "from.unreadable"),
    ],
)
def test_no_single_sender_means_no_sender(from_header: str, code: str) -> None:
    mail = parse(raw_mail(From=from_header))
    assert mail.from_address is None
    assert [p.code for p in mail.problems] == [code]


def test_subject_date_and_thread_headers() -> None:
    mail = parse(
        raw_mail(
            Subject="=?utf-8?q?Commande_n=C2=B0_12?= =?iso-8859-1?q?_r=E9f?=",
            In_Reply_To="<so-42.1@acme.test>",
            References="<so-42.0@acme.test>\r\n <so-42.1@acme.test>",
            Date="Thu, 03 Dec 2026 10:00:00 -0000",
        )
    )
    assert mail.subject == "Commande n° 12 réf"
    assert mail.in_reply_to == "<so-42.1@acme.test>"
    assert mail.references == ("<so-42.0@acme.test>", "<so-42.1@acme.test>")
    assert mail.thread_ids == ("<so-42.0@acme.test>", "<so-42.1@acme.test>")
    assert mail.date == datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def test_broken_subject_encoding_and_date_do_not_stop_the_mail() -> None:
    mail = parse(raw_mail(Subject="=?x-unknown?q?Caf=E9?= order", Date="yesterday"))
    assert "order" in mail.subject
    assert mail.date is None
    assert [p.code for p in mail.problems] == ["date.unreadable"]
    assert mail.body == "10 x WIDGET-A"


# --- text ---------------------------------------------------------------------------------

GMAIL = """10 x WIDGET-A

On Thu, 3 Dec 2026 at 10:00, Orders <orders@acme.test> wrote:
> Your order SO-00041 is confirmed.
> 5 x WIDGET-B
"""
GMAIL_WRAPPED = """WIDGET-B: 2

On Thu, 3 Dec 2026 at 10:00, Orders Team of ACME
<orders@acme.test> wrote:

> 5 x WIDGET-B
"""
OUTLOOK = """WIDGET-A x 3

-----Original Message-----
From: Orders <orders@acme.test>
Sent: Thursday, December 3, 2026 10:00 AM
5 x WIDGET-B
"""
OUTLOOK_HEADER_BLOCK = """WIDGET-A x 3

________________________________
From: Orders <orders@acme.test>
Sent: Thursday, December 3, 2026 10:00 AM
To: Jane <jane@customer.test>
Subject: Your order

5 x WIDGET-B
"""
FRENCH = """Quantité : 4 WIDGET-A

Le jeu. 3 déc. 2026 à 10:00, Orders <orders@acme.test> a écrit :
> 5 x WIDGET-B
"""
FRENCH_OUTLOOK = """WIDGET-A : 4

De : Orders <orders@acme.test>
Envoyé : jeudi 3 décembre 2026 10:00
À : Jane
Objet : Votre commande

5 x WIDGET-B
"""


@pytest.mark.parametrize("body", [GMAIL, GMAIL_WRAPPED, OUTLOOK, OUTLOOK_HEADER_BLOCK, FRENCH])
def test_quoted_replies_are_not_read(body: str) -> None:
    mail = parse(raw_mail(body))
    assert "WIDGET-B" not in mail.body or "WIDGET-B: 2" in mail.body
    assert "5 x WIDGET-B" in mail.full_text
    assert len(parse_order_text(mail.body).lines) == 1


def test_french_outlook_reply() -> None:
    assert strip_quoted(FRENCH_OUTLOOK) == "WIDGET-A : 4"


def test_bottom_posted_answer_below_a_quote_is_kept_with_its_line_number() -> None:
    body = "On Thu, 3 Dec 2026, Orders <orders@acme.test> wrote:\n> old\n> lines\n\n10 x WIDGET-A"
    text = strip_quoted(body)
    assert text.splitlines()[4] == "10 x WIDGET-A"
    assert [x.line_no for x in parse_order_text(text).lines] == [5]


@pytest.mark.parametrize(
    "footer",
    ["-- \nJane Buyer\nWIDGET-B: 9", "--\nJane", "Sent from my iPhone", "Envoyé de mon iPhone"],
)
def test_signatures_are_cut(footer: str) -> None:
    assert parse(raw_mail(f"10 x WIDGET-A\n\n{footer}\n")).body == "10 x WIDGET-A"


def html_mail(html: str) -> bytes:
    return raw_mail(html, Content_Type="text/html; charset=utf-8")


def test_html_only_mail_is_read_as_text_lines() -> None:
    html = (
        "<html><head><style>p {color: red}</style><script>var q = '9 x EVIL';</script></head>"
        "<body><div>Hello,<br>please send:</div><p>10 x WIDGET-A</p>"
        "<table><tr><td>WIDGET-B</td><td>5</td></tr></table><ul><li>BOLT-M8: 3</li></ul>"
        "<p>PO:&nbsp;PO-77</p><div>Thanks &amp; regards</div></body></html>"
    )
    mail = parse(html_mail(html))
    assert mail.body_was_html
    parsed = parse_order_text(mail.body)
    assert [(x.product, int(x.quantity)) for x in parsed.lines] == [
        ("WIDGET-A", 10),
        ("WIDGET-B", 5),
        ("BOLT-M8", 3),
    ]
    assert parsed.po == "PO-77"
    assert "EVIL" not in mail.body
    assert "color" not in mail.body


def test_html_reply_drops_the_blockquote() -> None:
    html = (
        "<div>3 x WIDGET-A</div><div>On Thu, Orders &lt;orders@acme.test&gt; wrote:</div>"
        "<blockquote><div>5 x WIDGET-B</div></blockquote>"
    )
    assert html_to_text(html) == "3 x WIDGET-A\nOn Thu, Orders <orders@acme.test> wrote:"
    assert parse(html_mail(html)).body == "3 x WIDGET-A"


def test_plain_part_is_preferred_over_html() -> None:
    raw = (
        b"From: jane@customer.test\r\nMessage-ID: <alt@customer.test>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\n2 x WIDGET-A\r\n"
        b"--b\r\nContent-Type: text/html\r\n\r\n<p>9 x WIDGET-Z</p>\r\n--b--\r\n"
    )
    mail = parse(raw)
    assert (mail.body, mail.body_was_html, mail.attachments) == ("2 x WIDGET-A", False, ())


def test_an_unknown_charset_is_a_problem_not_a_failure() -> None:
    mail = parse(raw_mail("10 x WIDGET-A\n", Content_Type="text/plain; charset=x-martian"))
    assert mail.body == "10 x WIDGET-A"
    assert [p.code for p in mail.problems] == ["charset.unknown"]


def test_latin1_body_is_decoded_by_its_charset() -> None:
    raw = raw_mail("", Content_Type="text/plain; charset=iso-8859-1")
    mail = parse(raw + "Quantité : 2 WIDGET-A\r\n".encode("latin-1"))
    assert mail.body == "Quantité : 2 WIDGET-A"
    assert mail.problems == ()


# --- attachments --------------------------------------------------------------------------


def mixed(*parts: tuple[str, str, bytes]) -> bytes:
    """A multipart/mixed mail: a text part, then each (headers, content type, payload)."""
    out = [
        "From: jane@customer.test\r\nMessage-ID: <att@customer.test>\r\nMIME-Version: 1.0\r\n",
        'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n',
        "--XX\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n",
    ]
    for disposition, ctype, payload in parts:
        out.append(f"--XX\r\nContent-Type: {ctype}\r\n{disposition}\r\n\r\n")
        out.append(payload.decode("latin-1") + "\r\n")
    out.append("--XX--\r\n")
    return "".join(out).encode("latin-1")


def attached(param: str, ctype: str, payload: bytes) -> tuple[str, str, bytes]:
    """An attachment part; `param` is the raw file name parameter, empty for none."""
    disposition = "Content-Disposition: attachment" + (f"; {param}" if param else "")
    return disposition, ctype, payload


def test_attachments_and_spreadsheets() -> None:
    b64 = "Content-Transfer-Encoding: base64\r\n"
    xlsx = attached('filename="order.xlsx"', "application/octet-stream", b"UEsDBA==")
    raw = mixed(
        (b64 + xlsx[0], xlsx[1], xlsx[2]),
        attached('filename="lines.csv"', "application/vnd.ms-excel", b"code;qty\r\nWIDGET-A;3"),
        attached("", "text/csv", b"code,qty"),
        attached('filename="old.xls"', "application/vnd.ms-excel", b"x"),
        attached('filename="sheet.ods"', "application/octet-stream", b"x"),
        attached('filename="terms.pdf"', "application/pdf", b"%PDF"),
        attached('filename="..\\\\..\\\\evil.csv"', "text/plain", b"x"),
    )
    mail = parse(raw)
    assert mail.body == "See attached."
    assert [(a.filename, a.spreadsheet_kind) for a in mail.attachments] == [
        ("order.xlsx", "xlsx"),
        ("lines.csv", "csv"),
        ("attachment-3", "csv"),
        ("old.xls", "xls"),
        ("sheet.ods", "ods"),
        ("terms.pdf", None),
        ("evil.csv", "csv"),
    ]
    assert mail.attachments[0].data == b"PK\x03\x04"
    assert mail.attachments[1].data == b"code;qty\r\nWIDGET-A;3"
    assert len(mail.spreadsheets) == 6
    # a PDF may be an Order-X order: the intake reads its XML (never its text)
    assert [a.order_file_kind for a in mail.order_files] == [
        "xlsx", "csv", "csv", "xls", "ods", "pdf", "csv",
    ]  # fmt: skip


def test_unquoted_and_encoded_file_names() -> None:
    raw = mixed(
        attached("filename=Order list.xlsx", "application/octet-stream", b"x"),
        attached("filename==?utf-8?B?Q29tbWFuZGUgw6kuY3N2?=", "text/csv", b"x"),
        attached("filename*=utf-8''bon%20%C3%A9t%C3%A9.xlsx", "application/octet-stream", b"x"),
    )
    names = [a.filename for a in parse(raw).attachments]
    assert names == ["Order list.xlsx", "Commande é.csv", "bon été.xlsx"]


# --- classification -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "flag"),
    [
        ({"Auto_Submitted": "auto-replied"}, "out_of_office"),
        ({"Auto_Submitted": "auto-generated"}, "auto_reply"),
        ({"X_Autoreply": "yes"}, "out_of_office"),
        ({"X_Autorespond": "yes"}, "out_of_office"),
        ({"Precedence": "bulk"}, "auto_reply"),
        ({"Precedence": "junk"}, "auto_reply"),
        ({"Precedence": "auto_reply"}, "out_of_office"),
        ({"Subject": "Out of Office: Order"}, "out_of_office"),
        ({"Subject": "Automatic reply: Order"}, "out_of_office"),
        ({"Subject": "Réponse automatique : Commande"}, "out_of_office"),
        ({"Subject": "Absence du bureau"}, "out_of_office"),
        ({"From": "MAILER-DAEMON@mx.customer.test"}, "bounce"),
        ({"From": "Postmaster <postmaster@customer.test>"}, "bounce"),
        ({"Return_Path": "<>"}, "bounce"),
        ({"List_Id": "<buyers.customer.test>"}, "mailing_list"),
        ({"List_Unsubscribe": "<mailto:leave@customer.test>"}, "mailing_list"),
        ({"Precedence": "list"}, "mailing_list"),
        ({"From": "noreply@customer.test"}, "no_reply_sender"),
        ({"From": "No-Reply <no-reply@customer.test>"}, "no_reply_sender"),
        ({"From": "donotreply@customer.test"}, "no_reply_sender"),
        ({"From": "do_not_reply-42@customer.test"}, "no_reply_sender"),
        ({"From": "Orders <ORDERS@acme.test>"}, "from_ourselves"),
        ({"X_Orderbot": "notification"}, "from_ourselves"),
        ({"X_Loop": "orders@acme.test"}, "x_loop"),
        ({"X_Loop": "Orders <ORDERS@acme.test>"}, "x_loop"),
    ],
)
def test_each_classification_flag(headers: dict[str, str], flag: str) -> None:
    flags = parse(raw_mail(**headers)).classification
    assert flag in flags.reasons
    assert not flags.answerable
    if flag == "out_of_office":
        assert flags.auto_reply


def test_a_plain_customer_mail_is_answerable() -> None:
    mail = parse(raw_mail(Auto_Submitted="no", Return_Path="<jane@customer.test>"))
    assert mail.classification.reasons == ()
    assert mail.classification.answerable


def test_x_loop_counts_only_when_it_names_one_of_our_addresses() -> None:
    assert parse(raw_mail(X_Loop="robot@customer.test")).classification.reasons == ()
    both = b"X-Loop: robot@customer.test\r\nX-Loop: orders@acme.test\r\n"
    assert parse(both + raw_mail()).classification.reasons == ("x_loop",)
    # MAIL_FROM may carry a display name: its address is what counts
    named = parse_message(raw_mail(X_Loop="<x@y.test>"), ["Shop <X@Y.test>"], MX)
    assert named.classification.reasons == ("x_loop",)


def test_our_own_message_id_domain_marks_our_mail() -> None:
    raw = raw_mail(Message_ID="<outbox-17@mail.acme.test>")
    assert parse(raw, own_message_id_domain="mail.acme.test").classification.from_ourselves
    assert not parse(raw).classification.from_ourselves


def test_a_delivery_status_report_is_a_bounce() -> None:
    raw = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>\r\n"
        b"Message-ID: <b@mx>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        b"--R\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n"
        b"--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        b"Final-Recipient: rfc822; x@y\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"--R\r\nContent-Type: message/rfc822\r\n\r\nFrom: orders@acme.test\r\n"
        b"Subject: SO-1\r\n\r\n10 x WIDGET-A\r\n--R--\r\n"
    )
    mail = parse(raw)
    assert mail.classification.bounce
    assert [(a.filename, a.content_type) for a in mail.attachments] == [
        ("attached-message.eml", "message/rfc822")
    ]
    assert mail.spreadsheets == ()


# --- DMARC --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        (["mx.acme.test; spf=pass smtp.mailfrom=customer.test; dmarc=pass"], Dmarc.PASS),
        (["mx.acme.test; dkim=fail; dmarc=fail (p=reject dis=none) header.from=x"], Dmarc.FAIL),
        (["MX.ACME.TEST 1; dmarc=fail header.from=customer.test"], Dmarc.FAIL),
        (["mx.acme.test (our mx; dmarc=pass); dmarc=fail"], Dmarc.FAIL),
        (["mx.acme.test; dmarc=none"], Dmarc.NONE),
        (["mx.acme.test; dmarc=temperror"], Dmarc.NONE),
        (["mx.acme.test; none"], Dmarc.NONE),
        (["evil.test; dmarc=pass"], Dmarc.NONE),
        (["mx.acme.test; dmarc=fail", "mx.acme.test; dmarc=pass"], Dmarc.FAIL),
        (["evil.test; dmarc=pass", "mx.acme.test; dmarc=fail"], Dmarc.FAIL),
        ([], Dmarc.NONE),
    ],
)
def test_dmarc_from_the_trusted_authserv_id_only(results: list[str], expected: Dmarc) -> None:
    head = "".join(f"Authentication-Results: {r}\r\n" for r in results).encode()
    assert parse(head + raw_mail()).dmarc == expected


def test_dmarc_without_a_trusted_authserv_id_is_none() -> None:
    raw = b"Authentication-Results: mx.acme.test; dmarc=fail\r\n" + raw_mail()
    assert parse_message(raw, OWN, None).dmarc == Dmarc.NONE
    assert parse_message(raw, OWN, "other.mx").dmarc == Dmarc.NONE


# --- never raises -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage \r\n\r\n\x80\x81",
        b"From: \xff\xfe\r\nSubject: =?utf-8?B?####?=\r\n\r\nx",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary at all",
        b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--",
        b'Content-Type: text/plain; charset="\r\n\r\nx',
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!",
        b"Date: Mon, 99 Foo 99999 99:99:99 +9999\r\n\r\n",
        b"In-Reply-To: <<<>>>\r\nReferences: >\r\n\r\n",
    ],
)
def test_parse_message_never_raises(raw: bytes) -> None:
    mail = parse(raw)
    assert mail.message_id
    assert mail.size == len(raw)


def test_deeply_nested_parts_end_as_a_problem() -> None:
    depth = 60
    head = "From: jane@customer.test\r\nMessage-ID: <deep@x>\r\n"
    parts = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    tail = "Content-Type: application/pdf\r\n\r\n%PDF\r\n" + "".join(
        f"--b{i}--\r\n" for i in reversed(range(depth))
    )
    mail = parse((head + parts + tail).encode())
    assert mail.from_address == "jane@customer.test"
    assert {p.code for p in mail.problems} & {"mime.too_deep", "mail.unreadable"}


@pytest.mark.parametrize(
    ("name", "content_type", "kind"),
    [
        ("po.pdf", "application/octet-stream", "pdf"),
        ("attachment-1", "application/pdf", "pdf"),
        ("order.XML", "application/octet-stream", "xml"),
        ("ubl", "text/xml", "xml"),
        ("order.xlsx", "application/pdf", "xlsx"),  # the name wins, as for spreadsheets
        ("photo.jpg", "image/jpeg", None),
    ],
)
def test_order_files_are_spreadsheets_pdfs_and_xml(
    name: str, content_type: str, kind: str | None
) -> None:
    assert order_file_kind(name, content_type) == kind
