"""Work orders asked in every scope on one order never hold the same goods twice, nor
goods that shipped; per product sums a product's lines; done and cancelled."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import InvalidTransition, ValidationFailed
from domain.orders.documents import WorkOrderScope
from domain.orders.order import SalesOrder
from domain.orders.shipping import shipped_quantity
from domain.records import workorders
from domain.records.events import RecordStatusChanged
from domain.records.statuses import WorkOrderStatus
from tests.unit.builders import T0, T1, T2, confirmed, spec

D = Decimal


def numbers() -> object:
    count = iter(range(1, 100))
    return lambda: f"WO-{next(count):05d}"


def an_order() -> SalesOrder:
    """WIDGET 10, GADGET 5, WIDGET 4; 2 GADGET shipped (shipment 2); 3 WIDGET moved to
    shipment 3. Still to ship: 14 WIDGET, 3 GADGET."""
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5), spec("WIDGET", 4))
    made.split("GADGET", D(2), T0)
    made.ship(2, T0)
    made.split("WIDGET", D(3), T0)
    made.pull_events()
    return made


def goods(made: SalesOrder, status: WorkOrderStatus) -> dict[int, Decimal]:
    """Per line, what the work orders of `status` hold."""
    held = [w for w in made.work_orders if w.status == status]
    return {ln.line_no: workorders.quantity_in(held, ln.line_no) for ln in made.lines}


def assert_never_doubled(made: SalesOrder) -> None:
    """Open work orders hold at most the unshipped goods not prepared already."""
    held, done = goods(made, WorkOrderStatus.OPEN), goods(made, WorkOrderStatus.DONE)
    for line_no, waiting in unshipped(made).items():
        assert held[line_no] + min(done[line_no], waiting) <= waiting, line_no


def unshipped(made: SalesOrder) -> dict[int, Decimal]:
    return {ln.line_no: ln.quantity - shipped_quantity(made, ln.line_no) for ln in made.lines}


def test_three_scopes_on_one_order_never_exceed_the_unshipped_goods() -> None:
    made, next_code = an_order(), numbers()
    per_shipment = workorders.make_work_orders(made, WorkOrderScope.PER_SHIPMENT, next_code, T1)
    assert [(w.code, w.shipment_number) for w in per_shipment.made] == [
        ("WO-00001", 1),
        ("WO-00002", 3),
    ]  # fmt: skip  (shipment 2 shipped: no work order)
    assert per_shipment.replaced == ()
    assert goods(made, WorkOrderStatus.OPEN) == unshipped(made) == {1: 10, 2: 3, 3: 4}
    assert_never_doubled(made)

    per_product = workorders.make_work_orders(made, WorkOrderScope.PER_PRODUCT, next_code, T1)
    assert [w.code for w in per_product.replaced] == ["WO-00001", "WO-00002"]
    widget, gadget = per_product.made
    # one work order per product: WIDGET sums lines 1 and 3
    assert (widget.code, widget.product_code) == ("WO-00003", "WIDGET")
    assert [(wl.line_no, wl.quantity) for wl in widget.lines] == [(1, 10), (3, 4)]
    assert [(wl.line_no, wl.quantity) for wl in gadget.lines] == [(2, 3)]
    assert goods(made, WorkOrderStatus.OPEN) == unshipped(made)
    assert_never_doubled(made)

    every = workorders.make_work_orders(made, WorkOrderScope.ALL, next_code, T2)
    assert [w.code for w in every.replaced] == ["WO-00003", "WO-00004"]
    (everything,) = every.made
    assert [(wl.product_code, wl.quantity) for wl in everything.lines] == [
        ("WIDGET", 10), ("GADGET", 3), ("WIDGET", 4),
    ]  # fmt: skip
    assert goods(made, WorkOrderStatus.OPEN) == unshipped(made)
    assert_never_doubled(made)
    assert [w.status for w in made.work_orders] == ["cancelled"] * 4 + ["open"]
    assert made.timeline[-2].text == "Work order WO-00004 cancelled, replaced by all work orders."

    before = [(w.code, w.status) for w in made.work_orders]
    with pytest.raises(ValidationFailed) as caught:
        workorders.make_work_orders(made, WorkOrderScope.ALL, next_code, T2)
    assert caught.value.message == (
        "scope: SO-00001 has nothing left to prepare in all work orders: its unshipped "
        "goods are on WO-00005"
    )
    assert [(w.code, w.status) for w in made.work_orders] == before


def test_done_goods_are_not_prepared_again_and_shipped_goods_never() -> None:
    made, next_code = an_order(), numbers()
    (everything,) = workorders.make_work_orders(made, WorkOrderScope.ALL, next_code, T1).made
    workorders.finish(made, everything.code, T1)
    assert (everything.status, everything.closed_at) == ("done", T1)
    for scope in WorkOrderScope:
        with pytest.raises(ValidationFailed):
            workorders.make_work_orders(made, scope, next_code, T2)
    made.ship(1, T2)
    made.ship(3, T2)
    with pytest.raises(ValidationFailed) as caught:
        workorders.make_work_orders(made, WorkOrderScope.PER_PRODUCT, next_code, T2)
    assert caught.value.message == (
        "scope: SO-00001 has nothing left to prepare in per-product work orders: its "
        "unshipped goods are on WO-00001"
    )


def test_a_cancelled_work_order_frees_its_goods() -> None:
    made, next_code = an_order(), numbers()
    first, second = workorders.make_work_orders(
        made, WorkOrderScope.PER_SHIPMENT, next_code, T1
    ).made
    made.pull_events()
    workorders.cancel(made, second.code, T1)
    assert made.pull_events() == [
        RecordStatusChanged("SO-00001", "work order", "WO-00002", "open", "cancelled")
    ]
    (again,) = workorders.make_work_orders(made, WorkOrderScope.PER_SHIPMENT, next_code, T2).made
    assert (again.code, again.shipment_number) == ("WO-00003", 3)
    assert first.status == "open"
    assert_never_doubled(made)
    with pytest.raises(InvalidTransition) as caught:
        workorders.finish(made, second.code, T2)
    assert caught.value.message == (
        "WO-00002 is cancelled; only an open work order can become done."
    )
