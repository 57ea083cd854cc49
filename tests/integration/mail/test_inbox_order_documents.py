"""Machine-readable orders by mail, end to end through dovecot: an Order-X PDF and a UBL
Order XML attached to a customer's mail become orders exactly as a spreadsheet does
(same verdicts, same answer); a PDF without an order XML is never read as an order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

import bootstrap
from store.tables.core import order_lines
from tests.integration.inbox_helpers import (
    answer_text,
    inbound_rows,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.integration.order_documents import Ordered, order_x_pdf, pdf_of, ubl_order
from tests.servers.dovecot import ImapAccount

LINES = [
    Ordered("WIDGET-A", Decimal(4), Decimal("11.00"), name="Widget A"),
    Ordered(None, Decimal(2), Decimal("3.99"), buyer_id="GADGET", name="Gadget"),
    Ordered("NOPE", Decimal(1), Decimal("1.00"), name="Unknown"),
]


def _lines(app: bootstrap.App, order_id: int) -> list[tuple[str, Decimal, Decimal]]:
    query = (
        select(order_lines.c.product_code, order_lines.c.quantity, order_lines.c.unit_price)
        .where(order_lines.c.order_id == order_id)
        .order_by(order_lines.c.line_no)
    )
    with app.engine.connect() as conn:
        return [(p, Decimal(q), Decimal(u)) for p, q, u in conn.execute(query)]


def test_an_order_x_pdf_and_a_ubl_order_become_orders(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    wanted = date(2026, 4, 15)
    pdf = order_x_pdf("PO-7781", LINES, ship_to="DEPOT", wanted=wanted)
    ubl = ubl_order("PO-7782", LINES[:2], ship_to="HQ")
    imap_user.append(mail("Our order attached.", attachments=[("po.pdf", "application/pdf", pdf)]))
    imap_user.append(
        mail("PO", message_id="<ubl@acme.test>", attachments=[("po.xml", "application/xml", ubl)])
    )
    assert poll(shop, imap_user).outcomes == {"ordered": 2}
    first, second = order_rows(shop)
    assert (first["code"], first["reference"], first["source"]) == ("SO-00001", "PO-7781", "import")
    assert (first["delivery_address_code"], first["requested_date"]) == ("DEPOT", wanted)
    expected = [("WIDGET-A", Decimal(4), Decimal("11.00")), ("GADGET", Decimal(2), Decimal("3.99"))]
    assert _lines(shop, first["id"]) == expected
    assert (second["code"], second["reference"]) == ("SO-00002", "PO-7782")
    assert second["delivery_address_code"] == "HQ"
    assert _lines(shop, second["id"]) == expected
    pdf_answer, ubl_answer = (r["payload"] for r in outbox_rows(shop, "mail_reply"))
    assert pdf_answer["subject"] == "Re: Order [SO-00001]"
    assert [(p["severity"], p["text"], p["reason"]) for p in pdf_answer["problems"]] == [
        ("red", "po.pdf, line 3", "Product: unknown product NOPE"),
    ]
    assert ubl_answer["problems"] == []
    assert [r["order_code"] for r in inbound_rows(shop)] == ["SO-00001", "SO-00002"]


def test_the_same_po_again_is_refused_as_from_a_sheet(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    ubl = ubl_order("PO-9", LINES[:1])
    imap_user.append(mail("PO", attachments=[("po.xml", "text/xml", ubl)]))
    again = mail("PO", message_id="<again@acme.test>", attachments=[("po.xml", "text/xml", ubl)])
    imap_user.append(again)
    assert poll(shop, imap_user).outcomes == {"ordered": 1, "answered": 1}
    assert [r["reference"] for r in order_rows(shop)] == ["PO-9"]
    again = outbox_rows(shop, "mail_reply")[1]["payload"]
    assert [p["text"] for p in again["problems"]] == ["po.xml"]


def test_a_pdf_without_order_xml_is_not_an_order(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    scan = pdf_of("<h1>Purchase order PO-1</h1><p>4 x WIDGET-A</p>")
    imap_user.append(mail("See attached.", attachments=[("scan.pdf", "application/pdf", scan)]))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert order_rows(shop) == []
    row = outbox_rows(shop, "mail_reply")[0]
    [problem] = row["payload"]["problems"]
    assert (problem["severity"], problem["text"]) == ("red", "scan.pdf")
    assert "holds no order XML" in problem["reason"]
    assert "the text of a PDF is never read as an order" in answer_text(row)
