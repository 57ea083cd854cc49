"""Orders as real mail clients write them, through dovecot into the database.

The fixtures (tests/fixtures/mail) are written as each client composes its mails: an
Outlook table (cells of `<p class=MsoNormal>`, its plain alternative one cell a line),
Gmail's inline forward, mutt's forward as an attached message/rfc822, a latin-1 mail
without charset, HTML whose charset is only in `<meta>`, and attached spreadsheets whose
PO is in the mail's body or subject, and a forwarded mail whose order is its own
attached spreadsheet. Each must make the right order with the right
reference, and an order read from a forwarded mail says so in its answer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

import bootstrap
from domain import commands as c
from store.tables.core import order_lines
from tests.integration.inbox_helpers import (
    AppFactory,
    answer_text,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.integration.mail.test_inbox import XLSX_TYPE, _xlsx
from tests.paths import FIXTURES
from tests.servers.dovecot import ImapAccount

MAILS = FIXTURES / "mail"
D = Decimal


@pytest.fixture
def shop(make_app: AppFactory, sqlite_url: str) -> bootstrap.App:
    app = make_app(sqlite_url)
    load_catalogue(app)
    for code, name in (("TEA-EARL", "Earl Grey"), ("TEA-GREEN", "Sencha")):
        app.bus.handle(c.CreateProduct(code=code, name=name, price=D("4.50"), tax="VAT20"))
    return app


def lines(app: bootstrap.App, order_id: int) -> list[tuple[str, Decimal]]:
    query = (
        select(order_lines.c.product_code, order_lines.c.quantity)
        .where(order_lines.c.order_id == order_id)
        .order_by(order_lines.c.line_no)
    )
    with app.engine.connect() as conn:
        return [(p, D(q)) for p, q in conn.execute(query)]


def only_order(app: bootstrap.App) -> dict[str, Any]:
    (order,) = order_rows(app)
    order["lines"] = lines(app, order["id"])
    return order


CASES = {
    "outlook_table.eml": ([("TEA-EARL", D(8)), ("TEA-GREEN", D(12))], "OUT-2201", "HQ"),
    "gmail_forward.eml": ([("TEA-GREEN", D(12)), ("TEA-EARL", D(4))], "GM-3301", "HQ"),
    "mutt_forward_rfc822.eml": ([("TEA-EARL", D(6)), ("TEA-GREEN", D(3))], "MT-5501", "DEPOT"),
    "latin1_no_charset.eml": ([("TEA-EARL", D(5)), ("TEA-GREEN", D(2))], "L1-0042", "DEPOT"),
    "html_meta_charset.eml": ([("TEA-EARL", D(3))], "HM-0077", "HQ"),
    "mutt_xlsx_po_in_body.eml": ([("TEA-EARL", D(10)), ("TEA-GREEN", D(5))], "PO-7800", "DEPOT"),
    "thunderbird_xlsx_po_in_subject.eml": ([("TEA-GREEN", D(7))], "TB-9100", "HQ"),
    "mutt_forward_rfc822_xlsx.eml": ([("TEA-GREEN", D(4)), ("TEA-EARL", D(1))], "MX-3120", "HQ"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_client_s_mail_makes_its_order(
    name: str, shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append((MAILS / name).read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    order = only_order(shop)
    expected_lines, reference, ship_to = CASES[name]
    assert (order["customer_code"], order["lines"]) == ("ACME", expected_lines)
    assert (order["reference"], order["delivery_address_code"]) == (reference, ship_to)
    (reply,) = outbox_rows(shop, "mail_reply")
    assert reply["payload"]["facts"]["po"] == reference


def test_the_latin1_mail_keeps_its_accents_and_its_dates(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append((MAILS / "latin1_no_charset.eml").read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    assert only_order(shop)["requested_date"] == date(2026, 12, 14)  # "souhaitée" was read
    (reply,) = outbox_rows(shop, "mail_reply")
    assert reply["payload"]["problems"] == []


@pytest.mark.parametrize(
    ("name", "sender"),
    [
        ("gmail_forward.eml", "Jeanne Martin <jeanne.martin@acme.test>"),
        ("mutt_forward_rfc822.eml", "Jeanne Martin <jeanne.martin@acme.test>"),
        ("mutt_forward_rfc822_xlsx.eml", "Jeanne Martin <jeanne.martin@acme.test>"),
    ],
)
def test_the_answer_says_the_order_was_read_from_the_forwarded_mail(
    name: str, sender: str, shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    # The forwarder writes in French; a customer who chose English is answered in English.
    shop.bus.handle(c.SetCustomer(code="ACME", language="en"))
    imap_user.append((MAILS / name).read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    (reply,) = outbox_rows(shop, "mail_reply")
    assert reply["recipient"] == "buyer@acme.test"  # the forwarder: the customer's contact
    facts = reply["payload"]["facts"]
    assert (facts["forwarded"], facts["forwarded_from"]) == (True, sender)
    text = answer_text(reply)
    assert f"We read this order from the mail you forwarded, from {sender}." in text


def test_a_reply_quoting_a_forward_makes_no_second_order(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    """The customer answers our confirmation of a forwarded order, quoting it all: the
    quoted forward is not read again as a new order."""
    imap_user.append((MAILS / "gmail_forward.eml").read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    (reply,) = outbox_rows(shop, "mail_reply")
    quoted = "Thanks!\n\nOn Mon, Dec 7, 2026 at 10:05 AM orderbot wrote:\n> ---------- "
    quoted += "Forwarded message ---------\n> From: Jeanne Martin <jeanne.martin@acme.test>\n"
    quoted += "> Subject: Commande\n>\n> 12 x TEA-GREEN\n"
    imap_user.append(
        mail(
            quoted,
            subject=reply["payload"]["subject"],
            message_id="<again@acme.test>",
            headers={"In-Reply-To": "<x@shop.test>"},
        )
    )
    assert poll(shop, imap_user).outcomes == {"answered": 1}  # a status answer
    assert len(order_rows(shop)) == 1


def test_the_sheet_s_own_reference_and_date_win_over_the_mail_s(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    xlsx = _xlsx(
        [
            ["Product", "Quantity", "Order reference", "Requested date"],
            ["TEA-EARL", 2, "SHEET-1", date(2026, 12, 20)],
        ]
    )
    body = "PO: BODY-1\nShip to: DEPOT\nRequested date: 2026-12-11\n"
    imap_user.append(mail(body, attachments=[("po.xlsx", XLSX_TYPE, xlsx)]))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    order = only_order(shop)
    assert (order["reference"], order["requested_date"]) == ("SHEET-1", date(2026, 12, 20))
    assert order["delivery_address_code"] == "DEPOT"  # the sheet names none: the mail's


def test_the_mail_s_po_goes_to_one_order_only(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    """Two attached files without a reference: the PO of the body names one order."""
    first = _xlsx([["Product", "Quantity"], ["TEA-EARL", 1]])
    second = _xlsx([["Product", "Quantity"], ["TEA-GREEN", 1]])
    attachments = [("a.xlsx", XLSX_TYPE, first), ("b.xlsx", XLSX_TYPE, second)]
    imap_user.append(mail("Réf : PO-1\n", attachments=attachments))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    assert [o["reference"] for o in order_rows(shop)] == ["PO-1", ""]
    (reply,) = outbox_rows(shop, "mail_reply")
    assert (reply["payload"]["facts"]["po"], reply["payload"]["facts"]["also"]) == (
        "PO-1",
        ["SO-00002"],
    )


def test_a_second_mail_with_the_same_po_in_its_body_is_refused(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append((MAILS / "mutt_xlsx_po_in_body.eml").read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    again = (MAILS / "mutt_xlsx_po_in_body.eml").read_bytes()
    imap_user.append(again.replace(b"<aVYl0Qx3kP8tNe2W@acme.test>", b"<again@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert len(order_rows(shop)) == 1
    assert outbox_rows(shop, "mail_reply")[-1]["payload"]["reply_kind"] == "duplicate_po"


def test_a_forwarded_sheet_takes_the_forwarded_mail_s_header_lines(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append((MAILS / "mutt_forward_rfc822_xlsx.eml").read_bytes())
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    order = only_order(shop)
    assert (order["reference"], order["requested_date"]) == ("MX-3120", date(2026, 12, 18))
