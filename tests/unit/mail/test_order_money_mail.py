"""The customer's views of an order's money (the status mail and the tracking page):
the same total rows as the team's views, tax lines a rate, in the order's currency and
the customer's language, unit prices with every decimal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import commands as c
from domain.orders.summary import order_summary
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from mail.outbound.render import Renderer
from mail.tracking import present
from tests.unit.fakes import FakeClock, FakeStore
from tests.unit.mail.test_answers import parts

D = Decimal


def made(language: str = "en") -> tuple[FakeStore, MessageBus]:
    """SO-00001: 4 x WIDGET at 12.50 (20%), 3 x BOOK at 10.00 (5.5%), 3 x GADGET at 0.333
    (20%), shipping 10.00 pro rata, confirmed."""
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(currency="DKK"), sleep=lambda _: None)
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateTax(code="VAT5.5", rate=D("5.5"), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("12.50"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="BOOK", name="Book", price=D("10.00"), tax="VAT5.5"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("3.99"), tax="VAT20"))
    bus.handle(
        c.CreateCustomer(code="ACME", name="Acme", email="buyer@acme.test", language=language)
    )
    bus.handle(
        c.CreateOrder(
            customer="ACME",
            lines=(
                c.LineInput(product="WIDGET", quantity=D(4)),
                c.LineInput(product="BOOK", quantity=D(3)),
                c.LineInput(product="GADGET", quantity=D(3), price=D("0.333")),
            ),
            shipping_charges=D(10),
            confirm=True,
        )
    )
    return store, bus


def test_the_summary_keeps_unit_prices_and_gives_the_total_rows() -> None:
    # 50.00 + 1.00 at 20%, 30.00 at 5.5%: subtotal 81.00; shipping 5.5%: 10 x 30 / 81
    # = 3.70, 20%: 6.30; tax 5.5%: 33.70 x 0.055 = 1.8535 -> 1.85; 20%: 57.30 x 0.2 =
    # 11.46; total 81.00 + 13.31 + 10.00 = 104.31
    store, _ = made()
    order = store.state.orders["so-00001"]
    data = order_summary(order, None)
    assert [ln["unit_price"] for ln in data["lines"]] == ["12.5", "10", "0.333"]
    assert data["currency"] == "DKK"
    assert data["total_rows"] == [
        {"what": "subtotal", "rate": None, "amount": "81.00"},
        {"what": "tax", "rate": "5.5", "amount": "1.85"},
        {"what": "tax", "rate": "20", "amount": "11.46"},
        {"what": "shipping", "rate": None, "amount": "10.00"},
        {"what": "total", "rate": None, "amount": "104.31"},
    ]


def test_the_tracking_page_shows_the_rows_in_the_customers_language() -> None:
    store, _ = made("fr")
    customer = store.state.customers["acme"]
    shown = present(order_summary(store.state.orders["so-00001"], customer), 5)
    assert [(r["label"], r["amount_text"]) for r in shown["total_rows_text"]] == [
        ("Sous-total", "81,00\u00a0DKK"),
        ("TVA 5,5\u00a0%", "1,85\u00a0DKK"),
        ("TVA 20\u00a0%", "11,46\u00a0DKK"),
        ("Frais de port", "10,00\u00a0DKK"),
        ("Total TTC", "104,31\u00a0DKK"),
    ]


def test_the_status_mail_lists_the_total_rows() -> None:
    store, bus = made()
    bus.handle(c.NotifyOrder(code="SO-00001"))
    (row,) = [m for m in store.state.outbox if m.kind == "order_status"]
    row.id = 1
    text, html = parts(Renderer("orderbot <bot@shop.test>").render(row))
    assert (
        "Subtotal: DKK81.00\nTax 5.5%: DKK1.85\nTax 20%: DKK11.46\n"
        "Shipping: DKK10.00\nTotal: DKK104.31\n"
    ) in text
    assert ">Tax 20%</td>" in html
    assert ">DKK11.46</td>" in html
