"""What the list words mean (the rule the store's SQL asks of the database), the days of
a list in the business's zone, and an order as a row of an exported sheet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain import commands as c
from domain.errors import ValidationFailed
from domain.orders.listing import (
    SHEET_HEADER,
    OrderSelection,
    overdue,
    sheet_row,
    to_invoice,
    to_ship,
)
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.order_lists import select_orders
from domain.services.views import Listing
from tests.unit.builders import T0, confirmed, order, spec
from tests.unit.fakes import FakeClock, FakeStore

DAY = date(2026, 3, 2)


def test_a_draft_is_neither_to_ship_nor_to_invoice() -> None:
    draft = order(due_date=DAY - timedelta(days=9))
    assert (to_ship(draft), to_invoice(draft), overdue(draft, DAY)) == (False, False, False)


def test_a_confirmed_order_is_to_ship_and_to_invoice_until_done() -> None:
    made = confirmed(spec("BREAD", 4), due_date=DAY)
    assert (to_ship(made), to_invoice(made)) == (True, True)
    assert not overdue(made, DAY)  # due today is not late
    assert overdue(made, DAY + timedelta(days=1))
    made.invoice("INV-1", T0)
    assert (to_ship(made), to_invoice(made)) == (True, False)
    made.ship(None, T0)
    assert (to_ship(made), overdue(made, DAY + timedelta(days=9))) == (False, False)


def test_overdue_goes_by_the_planned_date_of_what_is_left() -> None:
    made = confirmed(spec("BREAD", 4), due_date=DAY + timedelta(days=30))
    made.split("BREAD", Decimal(1), T0, DAY - timedelta(days=1))
    assert overdue(made, DAY)
    made.cancel(T0)
    assert (to_ship(made), to_invoice(made), overdue(made, DAY)) == (False, False, False)


def test_a_selection_takes_orders_whose_every_condition_holds() -> None:
    made = confirmed(spec("BREAD", 4), reference="PO-77", customer="ACME")
    assert OrderSelection(customer="acme", reference="po-77", to_ship=True).takes(made)
    assert not OrderSelection(customer="acme", reference="po-7").takes(made)
    assert OrderSelection(created_from=T0, created_before=T0 + timedelta(days=1)).takes(made)
    assert not OrderSelection(created_before=T0).takes(made)


def test_a_sheet_row_has_raw_values_under_the_header() -> None:
    made = confirmed(spec("BREAD", 4, "2.50"), reference="PO-77", due_date=DAY, currency="DKK")
    row = dict(zip(SHEET_HEADER, sheet_row(made), strict=True))
    assert row == {
        "Order": "SO-00001", "Customer": "ACME", "Status": "confirmed", "Created": T0.date(),
        "Due date": DAY, "PO number": "PO-77", "Shipping": "not shipped",
        "Invoicing": "not invoiced", "Net": Decimal("10.00"), "Tax": Decimal("2.00"),
        "Gross": Decimal("12.00"), "Currency": "DKK",
    }  # fmt: skip


def _bus(zone: str = "Europe/Paris") -> MessageBus:
    clock = FakeClock(datetime(2026, 3, 9, 23, 30, tzinfo=UTC))  # already the 10th in Paris
    bus = MessageBus(FakeStore().uow_factory, clock, Policy(zone=ZoneInfo(zone)))
    bus.handle(c.CreateProduct(code="BREAD", name="Bread", price=Decimal("2.50")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    return bus


def test_days_begin_in_the_business_zone() -> None:
    bus = _bus()
    with bus.uow_factory(True) as uow:
        context = bus.context()
        asked = c.ListOrders(since=date(2026, 3, 10), until=date(2026, 3, 10), overdue=True)
        selection = select_orders(asked, uow, context)
    paris = ZoneInfo("Europe/Paris")
    assert selection.created_from == datetime(2026, 3, 10, tzinfo=paris)
    assert selection.created_before == datetime(2026, 3, 11, tzinfo=paris)
    assert selection.overdue_on == date(2026, 3, 10)


def test_a_page_names_the_next_and_refuses_a_page_too_large() -> None:
    bus = _bus()
    line = (c.LineInput(product="BREAD", quantity=Decimal(1)),)
    for _ in range(3):
        bus.handle(c.CreateOrder(customer="ACME", lines=line))
    page = bus.handle(c.ListOrders(customer="ACME", limit=2))
    assert isinstance(page, Listing)
    assert [o.code for o in page.items] == ["SO-00003", "SO-00002"]
    assert page.more == c.ListOrders(customer="ACME", limit=2, after="SO-00002")
    assert bus.handle(page.more).more is None
    with pytest.raises(ValidationFailed, match="a page holds 1 to 200 orders"):
        bus.handle(c.ListOrders(limit=500))
