"""`/order split CODE --backorders`: what stock does not cover leaves the order's open
shipment for a new one, planned for the day incoming supply covers all of it (unplanned
when no supply is known)."""

from __future__ import annotations

from domain import commands as c
from domain.errors import ValidationFailed
from domain.orders.order import OrderStatus
from domain.orders.shipment_edits import move
from domain.orders.status_names import status_name
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import ShipmentView
from domain.stock import availability
from domain.texts import _


def split_backorders(cmd: c.SplitBackorders, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Split the unavailable quantities of a confirmed order into a second shipment."""
    order = uow.orders.get(cmd.code)
    if order.status != OrderStatus.CONFIRMED:
        raise ValidationFailed.field(
            "order",
            _("{code} is {status}; only a confirmed order holds stock", code=order.code,
              status=status_name(order.status)),
            "stock.split_not_confirmed",
        )  # fmt: skip
    missing = [a for a in availability.of_order(uow.stock, order.code) if a.missing > 0]
    if not missing:
        raise ValidationFailed.field(
            "order",
            _("every line of {code} is available or not kept in stock; nothing to split",
              code=order.code),
            "stock.nothing_to_split",
        )  # fmt: skip
    if all(a.reserved == 0 for a in missing) and len(missing) == len(order.lines):
        raise ValidationFailed.field(
            "order",
            _("nothing of {code} is available yet: the whole order waits; plan its shipment "
              "with /order plan instead", code=order.code),
            "stock.all_backordered",
        )  # fmt: skip
    dates = [a.expected for a in missing]
    planned = None if None in dates else max(d for d in dates if d is not None)
    first, *rest = missing
    target = order.split(first.product_code, first.missing, ctx.now, planned)
    for line in rest:
        source = next(s for s in order.shipments if s.is_open and s.quantity_of(line.line_no))
        move(order, str(line.line_no), line.missing, source.number, target.number, ctx.now)
    moved = ", ".join(f"{a.missing} x {a.product_code}" for a in missing)
    return ShipmentView(
        order,
        uow.customers.find(order.customer_code),
        _(
            "Moved {moved} to shipment {number} of {order}.",
            moved=moved,
            number=target.number,
            order=order.code,
        ),
        target,
    )
