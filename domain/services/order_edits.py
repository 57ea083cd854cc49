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


def change_order_line(cmd: c.ChangeLine, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Change a line's quantity, price or discount."""
    order = uow.orders.get(cmd.code)
    change = LineChange(cmd.quantity, cmd.price, cmd.discount_percent, cmd.discount_amount)
    before = len(order.timeline)
    line = change_line(order, cmd.line, change, ctx.now)
    changed = len(order.timeline) > before
    note = (
        f"Changed line {line.line_no} ({line.product_code}) of {order.code}."
        if changed
        else f"Line {line.line_no} ({line.product_code}) of {order.code} is unchanged."
    )
    return OrderView(order, uow.customers.find(order.customer_code), note)


def move_quantity(cmd: c.MoveQuantity, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Move a quantity of a line between two pending shipments."""
    order = uow.orders.get(cmd.code)
    _, target = shipment_edits.move(
        order, cmd.line, cmd.quantity, cmd.from_shipment, cmd.to_shipment, ctx.now
    )
    note = f"Moved to shipment {target.number} of {order.code}."
    return ShipmentView(order, uow.customers.find(order.customer_code), note, target)


def combine_shipments(
    cmd: c.CombineShipments, uow: UnitOfWork, ctx: ServiceContext
) -> ShipmentView:
    """Empty a pending shipment into another."""
    order = uow.orders.get(cmd.code)
    target = shipment_edits.combine(order, cmd.from_shipment, cmd.to_shipment, ctx.now)
    note = (
        f"Shipment {cmd.from_shipment} of {order.code} combined into shipment "
        f"{target.number}; shipment {cmd.from_shipment} is cancelled."
    )
    return ShipmentView(order, uow.customers.find(order.customer_code), note, target)


def plan_shipment(cmd: c.PlanShipment, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Reschedule a shipment."""
    order = uow.orders.get(cmd.code)
    shipment = shipment_edits.plan(order, cmd.shipment, cmd.planned_date, ctx.now)
    note = f"Shipment {shipment.number} of {order.code} planned for {cmd.planned_date}."
    return ShipmentView(order, uow.customers.find(order.customer_code), note, shipment)
