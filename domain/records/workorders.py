"""Work orders: what they cover, made in a scope without doubling goods, done, cancelled.

The goods a new work order may take are those of each order line still to prepare:
its quantity in shipments neither cancelled nor gone, less what done work orders
prepared (as much of it as is still here: which goods left is not recorded, so the
prepared ones are counted as staying, and goods are never prepared twice), less what
the open work orders of the asked scope already hold. Open work orders of another scope are
replaced: they are cancelled and their goods are taken again in the asked scope, and
the answer names them. Per shipment takes the unshipped shipments' quantities, per
product one work order per product (its lines summed), all one for everything. A scope
that finds nothing left to take is refused with what covers the goods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.events import WorkOrderCreated
from domain.money import NO_QUANTITY
from domain.orders import edit_texts
from domain.orders.documents import WorkOrder, WorkOrderLine, WorkOrderScope
from domain.orders.status_names import status_name
from domain.records.events import RecordStatusChanged
from domain.records.status_names import work_order_status_name
from domain.records.statuses import RecordKind, WorkOrderStatus
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

Group = tuple[int | None, str, list[WorkOrderLine]]  # shipment, product, lines


@dataclass(frozen=True)
class WorkOrderBatch:
    """Work orders made by one request, and the open ones of another scope it replaced."""

    made: tuple[WorkOrder, ...]
    replaced: tuple[WorkOrder, ...] = ()


def work_order_of(order: SalesOrder, code: str) -> WorkOrder:
    """The order's work order with this code (case-insensitive)."""
    for work_order in order.work_orders:
        if work_order.code.lower() == code.strip().lower():
            return work_order
    raise NotFound("work order", code.strip().upper())


def finish(order: SalesOrder, code: str, now: datetime) -> WorkOrder:
    """An open work order is prepared: open -> done."""
    work_order = work_order_of(order, code)
    text = _("Work order {code} done.", code=work_order.code)
    return _close(order, work_order, WorkOrderStatus.DONE, now, text)


def cancel(order: SalesOrder, code: str, now: datetime) -> WorkOrder:
    """An open work order will not be prepared: open -> cancelled (its goods may be
    asked for again)."""
    work_order = work_order_of(order, code)
    text = _("Work order {code} cancelled.", code=work_order.code)
    return _close(order, work_order, WorkOrderStatus.CANCELLED, now, text)


def _close(
    order: SalesOrder, work_order: WorkOrder, new: WorkOrderStatus, now: datetime, text: Text
) -> WorkOrder:
    """open -> `new`, written on the timeline as `text`."""
    if work_order.status != WorkOrderStatus.OPEN:
        raise InvalidTransition(
            "workorder.not_open",
            _(
                "{code} is {status}; only an open work order can become {new}.",
                code=work_order.code,
                status=work_order_status_name(work_order.status),
                new=work_order_status_name(new),
            ),
        )
    work_order.status, work_order.closed_at = new, now
    order.record(
        RecordStatusChanged(
            order.code, RecordKind.WORK_ORDER, work_order.code, WorkOrderStatus.OPEN, new
        )
    )
    order._log(now, f"work_order_{new}", text, False)
    return work_order


def quantity_in(work_orders: list[WorkOrder], line_no: int) -> Decimal:
    """How much of order line `line_no` these work orders hold."""
    return sum(
        (wl.quantity for w in work_orders for wl in w.lines if wl.line_no == line_no),
        NO_QUANTITY,
    )


def to_prepare(order: SalesOrder, scope: WorkOrderScope) -> dict[int, Decimal]:
    """Per order line, what a work order of `scope` may still take (see the module)."""
    done = [w for w in order.work_orders if w.status == WorkOrderStatus.DONE]
    kept = [w for w in order.work_orders if w.status == WorkOrderStatus.OPEN and w.scope == scope]
    waiting = [s for s in order.shipments if str(s.status) != "cancelled" and not s.has_left]
    left: dict[int, Decimal] = {}
    for line in order.lines:
        unshipped = sum((s.quantity_of(line.line_no) for s in waiting), NO_QUANTITY)
        prepared = min(quantity_in(done, line.line_no), unshipped)
        left[line.line_no] = max(
            unshipped - prepared - quantity_in(kept, line.line_no), NO_QUANTITY
        )
    return left


def make_work_orders(
    order: SalesOrder, scope: WorkOrderScope, next_code: Callable[[], str], now: datetime
) -> WorkOrderBatch:
    """Work orders of `scope` for the goods still to prepare, replacing the open ones of
    other scopes; refused when nothing is left to take."""
    if str(order.status) != "confirmed":
        raise InvalidTransition(
            "order.workorders_not_confirmed",
            _(
                "{code} is {status}; work orders are made from confirmed orders.",
                code=order.code,
                status=status_name(order.status),
            ),
        )
    groups = _groups(order, scope, to_prepare(order, scope))
    if not groups:
        covering = [w.code for w in order.work_orders if w.status != WorkOrderStatus.CANCELLED]
        problem = (
            _(
                "{code} has nothing left to prepare in {scope} work orders: its unshipped "
                "goods are on {covering}",
                code=order.code,
                scope=scope,
                covering=", ".join(covering),
            )
            if covering
            else _("{code} has nothing left to prepare: its goods have shipped", code=order.code)
        )
        raise ValidationFailed.field("scope", problem, "workorder.already_made")
    replaced = [
        w for w in order.work_orders if w.status == WorkOrderStatus.OPEN and w.scope != scope
    ]
    for old in replaced:
        text = edit_texts.work_order_replaced(old.code, scope)
        _close(order, old, WorkOrderStatus.CANCELLED, now, text)
    made = []
    for shipment_no, product, lines in groups:
        work_order = WorkOrder(
            code=next_code(),
            scope=scope,
            created_at=now,
            shipment_number=shipment_no,
            product_code=product,
            lines=lines,
        )
        order.work_orders.append(work_order)
        made.append(work_order)
        order.record(WorkOrderCreated(order.code, work_order.code))
    codes = ", ".join(w.code for w in made)
    order._log(now, "work_orders", _("Work orders {codes} made.", codes=codes), False)
    return WorkOrderBatch(tuple(made), tuple(replaced))


def _groups(order: SalesOrder, scope: WorkOrderScope, left: dict[int, Decimal]) -> list[Group]:
    if scope == WorkOrderScope.PER_SHIPMENT:
        return _per_shipment(order, left)
    lines = [
        WorkOrderLine(ln.line_no, ln.product_code, left[ln.line_no])
        for ln in order.lines
        if left[ln.line_no] > 0
    ]
    if not lines:
        return []
    if scope == WorkOrderScope.ALL:
        return [(None, "", lines)]
    by_product: dict[str, list[WorkOrderLine]] = {}
    for wl in lines:
        by_product.setdefault(wl.product_code.lower(), []).append(wl)
    return [(None, group[0].product_code, group) for group in by_product.values()]


def _per_shipment(order: SalesOrder, left: dict[int, Decimal]) -> list[Group]:
    """Each unshipped shipment's quantities not yet on its own work orders, within what
    is left of each line (shipments taken in their order)."""
    mine = [
        w
        for w in order.work_orders
        if w.scope == WorkOrderScope.PER_SHIPMENT and w.status != WorkOrderStatus.CANCELLED
    ]
    by_no = {ln.line_no: ln for ln in order.lines}
    groups: list[Group] = []
    for shipment in sorted(order.shipments, key=lambda s: s.number):
        if str(shipment.status) == "cancelled" or shipment.has_left:
            continue
        held = [w for w in mine if w.shipment_number == shipment.number]
        lines = []
        for sl in shipment.lines:
            room = sl.quantity - quantity_in(held, sl.line_no)
            take = min(room, left[sl.line_no])
            if take > 0:
                left[sl.line_no] -= take
                lines.append(WorkOrderLine(sl.line_no, by_no[sl.line_no].product_code, take))
        if lines:
            groups.append((shipment.number, "", lines))
    return groups
