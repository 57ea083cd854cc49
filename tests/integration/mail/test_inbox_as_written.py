"""Mails as customers write them in their own words, through dovecot into the database:
the way a person asks where their order is, in English, French and Danish, is answered
with that order's status; the PO a buyer names as theirs ("Notre référence", "Vores
ordrenummer") is the order's reference, from Apple Mail's quoted-printable as from plain
text; and an order written in a sentence ("merci de nous livrer 12 cartons de WIDGET-A")
is ordered."""

from __future__ import annotations

import quopri
from datetime import date

import pytest

import bootstrap
from domain import commands as c
from tests.integration.inbox_helpers import (
    answer_text,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Bonjour,\n\nOù en est ma commande SO-00001 ?\n\nMerci\nZoé\n", "SO-00001 est confirmée"),
        ("Hi,\n\nwhere is my order SO-00001?\n\nThanks\nBob\n", "SO-00001 is confirmed"),
        ("Hej,\n\nhvor bliver min ordre SO-00001 af?\n\nMvh\nMette\n", "SO-00001 er bekræftet"),
    ],
)
def test_a_customer_asking_in_their_words_gets_the_status(
    shop: bootstrap.App, imap_user: ImapAccount, body: str, said: str
) -> None:
    imap_user.append(mail("10 x WIDGET-A\n"))
    poll(shop, imap_user)
    shop.bus.handle(c.ConfirmOrder(code="SO-00001"))
    imap_user.append(mail(body, subject="?", message_id="<ask@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    answer = outbox_rows(shop, "mail_reply")[1]
    assert (answer["payload"]["reply_kind"], answer["payload"]["status"]) == (
        "status",
        "confirmed",
    )
    assert said in answer_text(answer)


def _apple_mail(body: str) -> bytes:
    """A mail as Apple Mail writes it: quoted-printable UTF-8, flowed, a named sender."""
    return (
        b"From: =?utf-8?Q?Zo=C3=A9_Martin?= <buyer@acme.test>\r\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.500.231\\))\r\n"
        b"Subject: Commande mars\r\n"
        b"Message-Id: <5F1E2D3C-0A1B@acme.test>\r\n"
        b"Date: Mon, 2 Mar 2026 10:00:00 +0100\r\n"
        b"To: orders@shop.test\r\n\r\n"
    ) + quopri.encodestring(body.replace("\n", "\r\n").encode())


@pytest.mark.parametrize(
    ("raw", "po", "wanted"),
    [
        (
            _apple_mail(
                "Bonjour,\n\nNotre référence : BC-2026-118\nDate de livraison souhaitée : 15 "
                "mars 2027\n\n- 12 x WIDGET-A\n- 3 x GADGET\n\nBien à vous,\nZoé\n\n"
                "Envoyé de mon iPhone\n"
            ),
            "BC-2026-118",
            date(2027, 3, 15),
        ),
        (
            mail(
                "Hej,\n\nVores ordrenummer: 8812\nØnsket leveringsdato: 15. marts 2027\n\n"
                "5 stk. WIDGET-A\n2 stk. GADGET\n\nMed venlig hilsen\nMette\n"
            ),
            "8812",
            date(2027, 3, 15),
        ),
    ],
)
def test_the_po_a_buyer_names_as_theirs_is_the_orders_reference(
    shop: bootstrap.App, imap_user: ImapAccount, raw: bytes, po: str, wanted: date
) -> None:
    imap_user.append(raw)
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [order] = order_rows(shop)
    assert (order["reference"], order["requested_date"]) == (po, wanted)


@pytest.mark.parametrize(
    ("body", "greeting"),
    [
        (
            (
                "Bonjour,\n\nMerci de nous livrer 12 cartons de WIDGET-A et 3 GADGET dès que "
                "possible.\n\nCordialement,\nPaul Durand\n"
            ),
            "Bonjour Acme SA",
        ),
        (
            (
                "Hej,\n\nVi vil gerne bestille 12 stk. WIDGET-A og 3 stk. GADGET til levering i "
                "næste uge.\n\nMed venlig hilsen\nMette\n"
            ),
            "Hej Acme SA",
        ),
    ],
)
def test_an_order_written_in_a_sentence_is_ordered(
    shop: bootstrap.App, imap_user: ImapAccount, body: str, greeting: str
) -> None:
    imap_user.append(mail(body, subject="Commande"))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [answer] = outbox_rows(shop, "mail_reply")
    text = answer_text(answer)
    assert text.startswith(greeting)
    assert ("12 x WIDGET-A" in text, "3 x GADGET" in text) == (True, True)
