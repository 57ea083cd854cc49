"""Stock follows the orders: the event handler that reserves on confirmation, releases on
cancelling, closing, a removed or reduced line and a merge, takes a shipment's goods out
of stock when it leaves (refusing, within the same transaction, what stock cannot cover)
and puts a return's goods back when it is received. It works on the orders this unit of
work holds as aggregates; orders written in bulk reserve through `reserve_new` on the
same rule, set by set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.events import (
    Event,
    OrderEvent,
    OrderLineAdded,
    OrderLineChanged,
    OrderLineRemoved,
    OrdersMerged,
    OrderStatusChanged,
    ShipmentStatusChanged,
)
from domain.orders.creation import NewOrder
from domain.orders.order import OrderStatus, Relation, SalesOrder
from domain.orders.shipments import ShipmentStatus
from domain.ports import UnitOfWork
from domain.records.events import RecordStatusChanged
from domain.records.statuses import RecordKind, ReturnStatus
from domain.services.context import ServiceContext
from domain.services.stock import book
from domain.stock.levels import Reservation
from domain.stock.policy import StockPolicy
from domain.stock.ports import StockRepository
from domain.stock.rules import allocate

_FOLLOWED = (
    OrderStatusChanged,
    OrderLineAdded,
    OrderLineRemoved,
    OrderLineChanged,
    OrdersMerged,
    RecordStatusChanged,
    ShipmentStatusChanged,
)


def order_warehouse(order_warehouse: str, policy: StockPolicy) -> str:
    """Where an order's goods are reserved: its warehouse when it names a known one."""
    for code in policy.warehouses:
        if code.lower() == order_warehouse.strip().lower():
            return code
    return policy.default


def follow_order(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Keep stock and reservations in step with a change of an order."""
    if not isinstance(event, _FOLLOWED) or not isinstance(event, OrderEvent):
        return
    order = _held(uow, event.order_code)
    if order is None:  # written in bulk: reserved by its writer
        return
    where = order_warehouse(order.warehouse, ctx.policy.stock)
    stock = book(uow, ctx)
    if isinstance(event, RecordStatusChanged):
        if event.kind == RecordKind.RETURN and event.new == ReturnStatus.RECEIVED:
            stock.restock(order, event.code, where)
        return
    if isinstance(event, ShipmentStatusChanged):
        if event.new != str(ShipmentStatus.SHIPPED):
            return
        stock.consume(order, order.shipment(event.shipment_no), where)
    if isinstance(event, OrdersMerged):
        _carry_over(uow, _held(uow, event.merged_code), order)
    elif order.relation == Relation.MERGED_INTO and order.parent_code:
        _carry_over(uow, order, _held(uow, order.parent_code))
    stock.settle(order, where)


def _carry_over(uow: UnitOfWork, gone: SalesOrder | None, keep: SalesOrder | None) -> None:
    """A merge moved `gone`'s lines to the end of `keep`: their reservations go with them,
    holding what they held and keeping their place in the queue (whichever of the two
    orders' events comes first; the second finds nothing left to move)."""
    if gone is None or keep is None:
        return
    rows = uow.stock.reservations_of(gone.code)
    if not rows or len(keep.lines) < len(gone.lines):
        return
    moved = keep.lines[len(keep.lines) - len(gone.lines) :]
    new_no = {old.line_no: new.line_no for old, new in zip(gone.lines, moved, strict=True)}
    for row in rows:
        uow.stock.rekey(row, keep.code, new_no[row.line_no])


def settle_now(order: SalesOrder, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Settle an order's reservations before its answer is written (the event handler
    settles it again after, finding nothing to change)."""
    book(uow, ctx).settle(order, order_warehouse(order.warehouse, ctx.policy.stock))


def _held(uow: UnitOfWork, code: str) -> SalesOrder | None:
    for order in uow.orders.touched():
        if order.code == code:
            return order
    return None


def reserve_new(
    orders: Sequence[NewOrder], stock: StockRepository, policy: StockPolicy, now: datetime
) -> None:
    """Reserve for new confirmed orders written in bulk, in their order, on the rule of
    one order (`rules.allocate`): one lock per warehouse, one write of all their
    reservations."""
    by_warehouse: dict[str, list[_NewLine]] = {}
    for new in orders:
        if new.header.get("status") != OrderStatus.CONFIRMED:
            continue
        where = order_warehouse(str(new.header.get("warehouse") or ""), policy)
        by_warehouse.setdefault(where, []).extend(
            _NewLine(new.code, int(ln["line_no"]), str(ln["product_code"]), ln["quantity"])
            for ln in new.lines
        )
    made: list[Reservation] = []
    for where, lines in by_warehouse.items():
        of_product: dict[str, list[_NewLine]] = {}
        for ln in lines:
            of_product.setdefault(ln.product, []).append(ln)
        for product, level in stock.lock(sorted(of_product), where).items():
            mine = of_product[product]
            for ln, got in zip(
                mine, allocate(level.free, [ln.quantity for ln in mine]), strict=True
            ):
                made.append(
                    Reservation(ln.order, ln.line_no, product, where, ln.quantity, got, now)
                )
                level.reserved += got
            stock.save(level)
    if made:
        stock.keep_many(made)


@dataclass(frozen=True)
class _NewLine:
    order: str
    line_no: int
    product: str
    quantity: Decimal
