"""Quantity limits: split, ship, deliver, invoice, return, backorders, lines, work orders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.events import QuantityMovedToShipment, ShipmentCreated
from domain.orders.documents import WorkOrderScope
from domain.orders.order import (
    BackorderLine,
    InvoicingState,
    OrderStatus,
    SalesOrder,
    ShippingState,
)
from domain.orders.shipments import ShipmentStatus
from domain.records.workorders import cancel as cancel_work_order
from tests.unit.builders import T0, T1, T2, confirmed, order, spec

D = Decimal
S = ShipmentStatus
MAY_1 = date(2026, 5, 1)
JUNE_1 = date(2026, 6, 1)


def held(made: SalesOrder) -> list[tuple[int, list[tuple[int, Decimal]]]]:
    """(shipment number, [(line no, quantity)]) for every shipment."""
    return [(s.number, [(sl.line_no, sl.quantity) for sl in s.lines]) for s in made.shipments]


def counter(prefix: str, after: int = 0) -> Callable[[], str]:
    numbers = iter(range(after + 1, 100))
    return lambda: f"{prefix}-{next(numbers):05d}"


# --- split ------------------------------------------------------------------------------


def test_split_moves_quantity_to_a_new_shipment_with_its_date() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5))
    new = made.split("widget", D(4), T1, MAY_1)
    assert (new.number, new.planned_date, new.status) == (2, MAY_1, S.PENDING)
    assert held(made) == [(1, [(1, D(6)), (2, D(5))]), (2, [(1, D(4))])]
    assert made.pull_events() == [
        ShipmentCreated("SO-00001", 2, MAY_1),
        QuantityMovedToShipment("SO-00001", "WIDGET", D(4), 1, 2),
    ]


def test_split_of_more_than_a_shipment_holds_is_refused() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.pull_events()
    # 6 left in shipment 1, 4 in shipment 2: 7 is more than any one of them holds.
    with pytest.raises(ValidationFailed) as caught:
        made.split("WIDGET", D(7), T1)
    assert caught.value.code == "shipment.quantity_exceeded"
    assert caught.value.message == (
        "quantity: no pending shipment holds 7 of WIDGET "
        "(at most 6 can be moved; a ready shipment is packed)"
    )
    assert held(made) == [(1, [(1, D(6)), (2, D(5))]), (2, [(1, D(4))])]
    assert made.pull_events() == []


def test_split_leaves_a_ready_shipment_as_it_was_packed() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.mark_ready(1, T0)
    with pytest.raises(
        ValidationFailed, match=r"no pending shipment holds 2 of WIDGET \(at most 0"
    ):
        made.split("WIDGET", D(2), T1)
    assert held(made) == [(1, [(1, D(10)), (2, D(5))])]


def test_split_takes_from_a_shipment_that_holds_enough() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.split("GADGET", D(5), T0)  # shipment 1 keeps WIDGET 6, so it is not left empty
    made.split("WIDGET", D(5), T0)  # only shipment 1 (6) holds 5
    assert held(made) == [
        (1, [(1, D(1))]),
        (2, [(1, D(4))]),
        (3, [(2, D(5))]),
        (4, [(1, D(5))]),
    ]


def test_split_ignores_shipments_that_left() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.ship(1, T0)
    with pytest.raises(ValidationFailed) as caught:
        made.split("WIDGET", D(5), T1)
    assert caught.value.code == "shipment.quantity_exceeded"
    assert "(at most 4 can be moved; a ready shipment is packed)" in caught.value.message


def test_split_that_would_leave_a_shipment_empty_is_refused() -> None:
    made = order(spec("WIDGET", 10))
    with pytest.raises(ValidationFailed) as caught:
        made.split("WIDGET", D(10), T1)
    assert caught.value.code == "shipment.would_be_empty"
    assert held(made) == [(1, [(1, D(10))])]
    assert len(made.shipments) == 1


def test_split_of_a_whole_line_is_allowed_when_the_shipment_keeps_another() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("GADGET", D(5), T1)
    assert held(made) == [(1, [(1, D(10))]), (2, [(2, D(5))])]


@pytest.mark.parametrize("quantity", ["0", "-1", "-0.5"])
def test_split_of_zero_or_negative_is_refused(quantity: str) -> None:
    made = order()
    with pytest.raises(ValidationFailed) as caught:
        made.split("WIDGET", D(quantity), T1)
    assert caught.value.code == "shipment.quantity_invalid"
    assert len(made.shipments) == 1


def test_split_of_an_unknown_product_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        order().split("BOLT", D(1), T1)
    assert caught.value.code == "product.not_found"
    assert "(it has: GADGET, WIDGET)" in caught.value.message


@pytest.mark.parametrize("status", [OrderStatus.CLOSED, OrderStatus.CANCELLED])
def test_split_of_a_closed_or_cancelled_order_is_refused(status: OrderStatus) -> None:
    made = confirmed()
    made.close(T0) if status == OrderStatus.CLOSED else made.cancel(T0)
    before = held(made)
    with pytest.raises(InvalidTransition) as caught:
        made.split("WIDGET", D(1), T1)
    assert caught.value.code == "order.not_editable"
    assert held(made) == before


# --- ship and deliver pick the right shipment -------------------------------------------


def test_ship_without_number_takes_the_lowest_open_shipment() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.split("GADGET", D(1), T0)
    made.ship(2, T0)
    assert made.ship(None, T1).number == 1
    assert made.ship(None, T1).number == 3


def test_ship_without_number_takes_a_ready_one_before_a_later_pending_one() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.mark_ready(2, T0)
    assert made.mark_ready(None, T1).number == 1
    assert made.ship(None, T1).number == 1
    assert made.ship(None, T1).number == 2


def test_deliver_without_number_takes_the_lowest_shipped_shipment() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made.split("WIDGET", D(2), T0)
    made.ship(3, T0)
    made.ship(2, T0)
    assert made.deliver(None, T1).number == 2
    assert made.deliver(None, T1).number == 3
    assert made.shipment(1).status == S.PENDING


# --- invoices ---------------------------------------------------------------------------


def test_invoice_part_then_the_rest_by_default() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    first = made.invoice("INV-00001", T1, [("widget", D(4))])
    assert [(il.line_no, il.product_code, il.quantity) for il in first.lines] == [
        (1, "WIDGET", D(4))
    ]
    assert made.invoicing_state == InvoicingState.PARTIALLY_INVOICED
    rest = made.invoice("INV-00002", T2)
    assert [(il.line_no, il.quantity) for il in rest.lines] == [(1, D(6)), (2, D(5))]
    assert made.invoicing_state == InvoicingState.INVOICED
    assert [made.invoiced_quantity(n) for n in (1, 2)] == [D(10), D(5)]


def test_invoice_of_more_than_remains_is_refused() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.invoice("INV-00001", T1, [("WIDGET", D(4))])
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00002", T1, [("WIDGET", D(7))])
    assert caught.value.code == "invoice.quantity_exceeded"
    assert caught.value.message == (
        "quantity: only 6 of WIDGET is left to invoice on SO-00001, not 7"
    )
    assert [i.code for i in made.invoices] == ["INV-00001"]


def test_invoice_limit_is_per_product_across_its_lines() -> None:
    made = confirmed(spec("WIDGET", 3), spec("GADGET", 5), spec("WIDGET", 4, price="9.00"))
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00001", T1, [("WIDGET", D(8))])
    assert caught.value.code == "invoice.quantity_exceeded"
    assert "only 7 of WIDGET" in caught.value.message
    invoice = made.invoice("INV-00001", T1, [("WIDGET", D(5))])
    assert [(il.line_no, il.quantity) for il in invoice.lines] == [(1, D(3)), (3, D(2))]
    # 3 x 10.00 + 2 x 9.00 = 48.00 net, 9.60 tax.
    assert (invoice.net, invoice.tax, invoice.gross) == (D("48.00"), D("9.60"), D("57.60"))
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00002", T1, [("WIDGET", D(3))])
    assert "only 2 of WIDGET" in caught.value.message


def test_invoice_of_the_same_product_twice_in_one_request_counts_both() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00001", T1, [("WIDGET", D(6)), ("WIDGET", D(5))])
    assert caught.value.code == "invoice.quantity_exceeded"
    assert made.invoices == []


def test_invoice_when_nothing_is_left() -> None:
    made = confirmed()
    made.invoice("INV-00001", T1)
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00002", T1)
    assert caught.value.code == "invoice.nothing_left"
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00002", T1, [("GADGET", D(1))])
    assert caught.value.code == "invoice.quantity_exceeded"
    assert len(made.invoices) == 1


@pytest.mark.parametrize("quantity", ["0", "-2"])
def test_invoice_of_zero_or_negative_is_refused(quantity: str) -> None:
    made = confirmed()
    with pytest.raises(ValidationFailed) as caught:
        made.invoice("INV-00001", T1, [("WIDGET", D(quantity))])
    assert caught.value.code == "invoice.quantity_invalid"
    assert made.invoices == []


@pytest.mark.parametrize("status", [OrderStatus.DRAFT, OrderStatus.CANCELLED])
def test_invoice_needs_a_confirmed_order(status: OrderStatus) -> None:
    made = order()
    if status == OrderStatus.CANCELLED:
        made.cancel(T0)
    with pytest.raises(InvalidTransition) as caught:
        made.invoice("INV-00001", T1)
    assert caught.value.code == "order.invoice_not_confirmed"
    assert made.invoices == []


# --- returns ----------------------------------------------------------------------------


def test_returns_only_of_shipped_quantities() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    with pytest.raises(ValidationFailed) as caught:
        made.create_return("RMA-00001", "WIDGET", D(1), T1)
    assert caught.value.code == "return.quantity_exceeded"
    made.split("WIDGET", D(4), T0)
    made.ship(2, T0)
    ret = made.create_return("RMA-00001", "widget", D(3), T1, " broken ")
    assert (ret.line_no, ret.product_code, ret.quantity, ret.reason) == (
        1,
        "WIDGET",
        D(3),
        "broken",
    )
    with pytest.raises(ValidationFailed) as caught:
        made.create_return("RMA-00002", "WIDGET", D(2), T1)
    assert caught.value.message == (
        "quantity: only 1 of WIDGET was shipped and not yet returned on SO-00001"
    )
    with pytest.raises(ValidationFailed) as caught:
        made.create_return("RMA-00002", "GADGET", D(1), T1)
    assert caught.value.code == "return.quantity_exceeded"
    made.create_return("RMA-00002", "WIDGET", D(1), T1)
    assert [(r.code, r.quantity) for r in made.returns] == [
        ("RMA-00001", D(3)),
        ("RMA-00002", D(1)),
    ]


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_return_of_zero_or_negative_is_refused(quantity: str) -> None:
    made = confirmed()
    made.ship(None, T0)
    with pytest.raises(ValidationFailed) as caught:
        made.create_return("RMA-00001", "WIDGET", D(quantity), T1)
    assert caught.value.code == "return.quantity_invalid"
    assert made.returns == []


# --- derived states and backorders -----------------------------------------------------


def test_shipping_and_invoicing_states() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    assert (made.shipping_state, made.invoicing_state) == (
        ShippingState.NOT_SHIPPED,
        InvoicingState.NOT_INVOICED,
    )
    made.split("GADGET", D(2), T0)
    made.ship(1, T0)
    assert made.shipping_state == ShippingState.PARTIALLY_SHIPPED
    made.ship(2, T0)
    assert made.shipping_state == ShippingState.SHIPPED
    made.deliver(2, T1)
    assert made.shipping_state == ShippingState.SHIPPED
    made.invoice("INV-00001", T1, [("GADGET", D(5))])
    assert made.invoicing_state == InvoicingState.PARTIALLY_INVOICED
    made.invoice("INV-00002", T1)
    assert made.invoicing_state == InvoicingState.INVOICED


def test_backorder_lines_with_expected_dates() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5), due_date=JUNE_1)
    assert made.backorder_lines() == []  # a draft promises nothing yet
    made.confirm(T0)
    made.split("WIDGET", D(4), T0, MAY_1)
    assert made.backorder_lines() == [
        BackorderLine(1, "WIDGET", D(6), 1, JUNE_1),
        BackorderLine(2, "GADGET", D(5), 1, JUNE_1),
        BackorderLine(1, "WIDGET", D(4), 2, MAY_1),
    ]
    made.ship(1, T1)
    assert made.backorder_lines() == [BackorderLine(1, "WIDGET", D(4), 2, MAY_1)]
    made.ship(2, T1)
    assert made.backorder_lines() == []


def test_backorder_expected_date_is_none_without_any_date() -> None:
    made = confirmed(spec("WIDGET", 2))
    assert made.backorder_lines() == [BackorderLine(1, "WIDGET", D(2), 1, None)]


# --- lines ------------------------------------------------------------------------------


def test_add_line_goes_to_the_first_open_shipment() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("GADGET", D(1), T0)
    made.ship(1, T0)
    line = made.add_line(spec("BOLT", 3), T1)
    assert line.line_no == 3
    assert made.shipment(2).quantity_of(3) == D(3)


def test_add_line_makes_a_shipment_when_none_is_open() -> None:
    made = confirmed(spec("WIDGET", 10))
    made.ship(None, T0)
    made.add_line(spec("BOLT", 3), T1)
    assert held(made) == [(1, [(1, D(10))]), (2, [(2, D(3))])]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (spec("BOLT", 0), "order.quantity_invalid"),
        (spec("BOLT", -1), "order.quantity_invalid"),
        (spec("BOLT", 1, price="-1.00"), "order.price_invalid"),
        (spec("BOLT", 1, discount="101"), "order.discount_invalid"),
    ],
)
def test_add_line_refuses_bad_values(line: object, code: str) -> None:
    made = order()
    with pytest.raises(ValidationFailed) as caught:
        made.add_line(line, T1)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert len(made.lines) == 2


def test_remove_line_takes_it_out_of_every_shipment() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5), spec("BOLT", 2))
    made.split("GADGET", D(2), T0)
    made.remove_line("gadget", T1)
    assert [ln.product_code for ln in made.lines] == ["WIDGET", "BOLT"]
    assert held(made) == [(1, [(1, D(10)), (3, D(2))]), (2, [])]
    assert made.shipment(2).status == S.CANCELLED


def test_remove_line_refused_when_shipped_or_invoiced_or_last() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5), spec("BOLT", 1))
    made.split("GADGET", D(5), T0)
    made.ship(2, T0)
    with pytest.raises(ValidationFailed) as caught:
        made.remove_line("GADGET", T1)
    assert caught.value.code == "order.line_in_use"
    made.invoice("INV-00001", T1, [("BOLT", D(1))])
    with pytest.raises(ValidationFailed) as caught:
        made.remove_line("BOLT", T1)
    assert caught.value.code == "order.line_in_use"
    lonely = order(spec("WIDGET", 1))
    with pytest.raises(ValidationFailed) as caught:
        lonely.remove_line("WIDGET", T1)
    assert caught.value.code == "order.last_line"
    assert [ln.product_code for ln in made.lines] == ["WIDGET", "GADGET", "BOLT"]
    with pytest.raises(NotFound):
        made.remove_line("NUT", T1)


def test_remove_line_refused_on_a_closed_order() -> None:
    made = confirmed()
    made.close(T0)
    with pytest.raises(InvalidTransition) as caught:
        made.remove_line("WIDGET", T1)
    assert caught.value.code == "order.not_editable"
    assert len(made.lines) == 2


# --- work orders ------------------------------------------------------------------------


def test_work_orders_per_shipment() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T0)
    made_wos = made.create_work_orders(WorkOrderScope.PER_SHIPMENT, counter("WO"), T1)
    got = [
        (w.code, w.shipment_number, [(wl.line_no, wl.product_code, wl.quantity) for wl in w.lines])
        for w in made_wos
    ]
    assert got == [
        ("WO-00001", 1, [(1, "WIDGET", D(6)), (2, "GADGET", D(5))]),
        ("WO-00002", 2, [(1, "WIDGET", D(4))]),
    ]
    with pytest.raises(ValidationFailed) as caught:
        made.create_work_orders(WorkOrderScope.PER_SHIPMENT, counter("WO"), T1)
    assert caught.value.code == "workorder.already_made"
    assert caught.value.message == (
        "scope: SO-00001 has nothing left to prepare in per-shipment work orders: its "
        "unshipped goods are on WO-00001, WO-00002"
    )
    # A split moves goods WO-00001 holds already: a work order for the new shipment
    # would prepare them twice, so none is made until WO-00001 is cancelled.
    made.split("GADGET", D(1), T1)
    with pytest.raises(ValidationFailed):
        made.create_work_orders(WorkOrderScope.PER_SHIPMENT, counter("X"), T1)
    cancel_work_order(made, "WO-00001", T1)
    again = made.create_work_orders(WorkOrderScope.PER_SHIPMENT, counter("WO", 2), T1)
    assert [(w.code, w.shipment_number, [(wl.product_code, wl.quantity) for wl in w.lines])
            for w in again] == [
        ("WO-00003", 1, [("WIDGET", D(6)), ("GADGET", D(4))]),
        ("WO-00004", 3, [("GADGET", D(1))]),
    ]  # fmt: skip


def test_work_orders_per_product() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    wos = made.create_work_orders(WorkOrderScope.PER_PRODUCT, counter("WO"), T1)
    assert [(w.code, w.product_code, w.shipment_number, len(w.lines)) for w in wos] == [
        ("WO-00001", "WIDGET", None, 1),
        ("WO-00002", "GADGET", None, 1),
    ]
    with pytest.raises(ValidationFailed) as caught:
        made.create_work_orders(WorkOrderScope.PER_PRODUCT, counter("WO"), T1)
    assert caught.value.code == "workorder.already_made"
    assert len(made.work_orders) == 2


def test_one_work_order_for_all_products() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    (wo,) = made.create_work_orders(WorkOrderScope.ALL, counter("WO"), T1)
    assert [(wl.product_code, wl.quantity) for wl in wo.lines] == [
        ("WIDGET", D(10)),
        ("GADGET", D(5)),
    ]
    with pytest.raises(ValidationFailed) as caught:
        made.create_work_orders(WorkOrderScope.ALL, counter("WO"), T1)
    assert caught.value.code == "workorder.already_made"
    # Another scope replaces the open one: WO-00001 is cancelled, its goods taken again.
    assert len(made.create_work_orders(WorkOrderScope.PER_PRODUCT, counter("X"), T1)) == 2
    assert (made.work_orders[0].code, made.work_orders[0].status) == ("WO-00001", "cancelled")


def test_work_orders_need_a_confirmed_order() -> None:
    made = order()
    with pytest.raises(InvalidTransition) as caught:
        made.create_work_orders(WorkOrderScope.ALL, counter("WO"), T1)
    assert caught.value.code == "order.workorders_not_confirmed"
    assert made.work_orders == []
