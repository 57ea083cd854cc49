"""Auto-close: a confirmed order closes by itself when its setting's criterion is met."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain import commands as c
from domain.events import OrderStatusChanged
from domain.orders.order import AutoClose, InvoicingState, OrderStatus, SalesOrder, ShippingState
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.builders import T1, confirmed, order, spec
from tests.unit.fakes import FakeClock, FakeStore

A = AutoClose


def shipped_fully(made: SalesOrder) -> None:
    for shipment in list(made.shipments):
        if shipment.is_open:
            made.ship(shipment.number, T1)


def invoiced_fully(made: SalesOrder) -> None:
    made.invoice("INV-00009", T1)


def shipped_partly(made: SalesOrder) -> None:
    made.split("GADGET", Decimal(2), T1)
    made.ship(1, T1)


def invoiced_partly(made: SalesOrder) -> None:
    made.invoice("INV-00009", T1, [("WIDGET", Decimal(10)), ("GADGET", Decimal(4))])


STATES = {
    "nothing": (),
    "shipped partly": (shipped_partly,),
    "invoiced partly": (invoiced_partly,),
    "shipped": (shipped_fully,),
    "invoiced": (invoiced_fully,),
    "shipped, invoiced partly": (shipped_fully, invoiced_partly),
    "invoiced, shipped partly": (invoiced_fully, shipped_partly),
    "shipped and invoiced": (shipped_fully, invoiced_fully),
}

CLOSES = {
    A.ON_INVOICE: {"invoiced", "invoiced, shipped partly", "shipped and invoiced"},
    A.ON_SHIPMENT: {"shipped", "shipped, invoiced partly", "shipped and invoiced"},
    A.ON_BOTH: {"shipped and invoiced"},
    A.NEVER: set(),
}


def brought_to(state: str) -> SalesOrder:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    for step in STATES[state]:
        step(made)
    made.pull_events()
    made.notifications.clear()
    return made


@pytest.mark.parametrize("policy", list(AutoClose))
@pytest.mark.parametrize("state", list(STATES))
def test_auto_close_under_each_setting(policy: AutoClose, state: str) -> None:
    made = brought_to(state)
    closes = state in CLOSES[policy]
    assert made.auto_close(policy, T1) is closes
    if closes:
        assert made.status == OrderStatus.CLOSED
        assert made.pull_events() == [
            OrderStatusChanged(
                "SO-00001", "confirmed", "closed", f"closed automatically ({policy})"
            )
        ]
        assert [(n.subject, n.status, n.text) for n in made.notifications] == [
            ("order", "closed", f"Order closed: closed automatically ({policy}).")
        ]
    else:
        assert made.status == OrderStatus.CONFIRMED
        assert made.pull_events() == []
        assert made.notifications == []


def test_the_partial_states_really_are_partial() -> None:
    assert brought_to("shipped partly").shipping_state == ShippingState.PARTIALLY_SHIPPED
    assert brought_to("invoiced partly").invoicing_state == InvoicingState.PARTIALLY_INVOICED
    assert brought_to("shipped").shipping_state == ShippingState.SHIPPED
    assert brought_to("invoiced").invoicing_state == InvoicingState.INVOICED


@pytest.mark.parametrize("policy", list(AutoClose))
def test_a_draft_never_closes_by_itself(policy: AutoClose) -> None:
    made = order()
    assert made.auto_close(policy, T1) is False
    assert made.status == OrderStatus.DRAFT


def test_a_closed_order_is_not_closed_again() -> None:
    made = brought_to("shipped and invoiced")
    made.close(T1)
    made.notifications.clear()
    assert made.auto_close(A.ON_BOTH, T1) is False
    assert made.notifications == []


# --- the services apply the setting after ship, deliver and invoice ---------------------


def bus_with(policy: AutoClose) -> tuple[MessageBus, FakeStore]:
    store = FakeStore()
    policy_ = Policy(auto_close=policy)
    bus = MessageBus(store.uow_factory, FakeClock(), policy_, sleep=lambda _: None)
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("2.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    bus.handle(
        c.CreateOrder(
            customer="ACME",
            lines=(c.LineInput(product="WIDGET", quantity=Decimal(4)),),
            confirm=True,
        )
    )
    return bus, store


@pytest.mark.parametrize(
    ("policy", "after_ship", "after_invoice"),
    [
        (A.ON_SHIPMENT, "closed", "closed"),
        (A.ON_INVOICE, "confirmed", "closed"),
        (A.ON_BOTH, "confirmed", "closed"),
        (A.NEVER, "confirmed", "confirmed"),
    ],
)
def test_services_close_after_ship_then_invoice(
    policy: AutoClose, after_ship: str, after_invoice: str
) -> None:
    bus, store = bus_with(policy)
    view = bus.handle(c.ShipOrder(code="SO-00001"))
    assert store.order("SO-00001").status == after_ship
    assert str(view.note).endswith("The order is now closed.") is (after_ship == "closed")
    view = bus.handle(c.InvoiceOrder(code="so-00001"))
    assert store.order("SO-00001").status == after_invoice
    assert view.invoice.code == "INV-00001"


@pytest.mark.parametrize(
    ("policy", "after_invoice"),
    [(A.ON_INVOICE, "closed"), (A.ON_SHIPMENT, "confirmed"), (A.ON_BOTH, "confirmed")],
)
def test_services_close_after_invoice_alone(policy: AutoClose, after_invoice: str) -> None:
    bus, store = bus_with(policy)
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    assert store.order("SO-00001").status == after_invoice
