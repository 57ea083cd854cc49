"""Services of the commands that change an order's lines and shipments after they were
made (`/order change`, `move`, `combine`, `plan`); the rules are the aggregate's
(domain.orders.line_edits, domain.orders.shipment_edits)."""

from __future__ import annotations

from domain import commands as c
from domain.orders import shipment_edits
from domain.orders.line_edits import LineChange, change_line
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import OrderView, ShipmentView
from domain.texts import _


def change_order_line(cmd: c.ChangeLine, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Change a line's quantity, price or discount."""
    order = uow.orders.get(cmd.code)
    change = LineChange(cmd.quantity, cmd.price, cmd.discount_percent, cmd.discount_amount)
    before = len(order.timeline)
    line = change_line(order, cmd.line, change, ctx.now)
    changed = len(order.timeline) > before
    said = {"line": line.line_no, "product": line.product_code, "order": order.code}
    note = (
        _("Changed line {line} ({product}) of {order}.", **said)
        if changed
        else _("Line {line} ({product}) of {order} is unchanged.", **said)
    )
    return OrderView(order, uow.customers.find(order.customer_code), note)


def move_quantity(cmd: c.MoveQuantity, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Move a quantity of a line between two pending shipments."""
    order = uow.orders.get(cmd.code)
    _source, target = shipment_edits.move(
        order, cmd.line, cmd.quantity, cmd.from_shipment, cmd.to_shipment, ctx.now
    )
    note = _("Moved to shipment {shipment} of {order}.", shipment=target.number, order=order.code)
    return ShipmentView(order, uow.customers.find(order.customer_code), note, target)


def combine_shipments(
    cmd: c.CombineShipments, uow: UnitOfWork, ctx: ServiceContext
) -> ShipmentView:
    """Empty a pending shipment into another."""
    order = uow.orders.get(cmd.code)
    target = shipment_edits.combine(order, cmd.from_shipment, cmd.to_shipment, ctx.now)
    note = _(
        "Shipment {source} of {order} combined into shipment {target}; shipment {source} "
        "is cancelled.",
        source=cmd.from_shipment,
        order=order.code,
        target=target.number,
    )
    return ShipmentView(order, uow.customers.find(order.customer_code), note, target)


def plan_shipment(cmd: c.PlanShipment, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Reschedule a shipment."""
    order = uow.orders.get(cmd.code)
    shipment = shipment_edits.plan(order, cmd.shipment, cmd.planned_date, ctx.now)
    note = _(
        "Shipment {shipment} of {order} planned for {day}.",
        shipment=shipment.number,
        order=order.code,
        day=cmd.planned_date,
    )
    return ShipmentView(order, uow.customers.find(order.customer_code), note, shipment)
