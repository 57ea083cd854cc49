"""How a sales order moves goods: prepare, ship, deliver and split its shipments, and what
is still in the warehouse.

Functions of the `SalesOrder` aggregate, which calls them from its verbs of the same
names (`order.ship(...)`); the order's status rules (`require_editable`, the shipment
status machine, the timeline) stay on the aggregate.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition
from domain.events import QuantityMovedToShipment, ShipmentCreated
from domain.money import NO_QUANTITY
from domain.orders import shipment_edits
from domain.orders.lines import BackorderLine, OrderLine
from domain.orders.refusals import refused
from domain.orders.shipments import Shipment, ShipmentStatus
from domain.orders.states import OrderStatus, ShippingState
from domain.orders.status_names import status_name
from domain.text_values import Quantity
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder


def new_shipment(order: SalesOrder, planned: date | None, now: datetime) -> Shipment:
    """A new, empty shipment of `order`, planned for `planned`."""
    shipment = Shipment(number=max(s.number for s in order.shipments) + 1, planned_date=planned)
    order.shipments.append(shipment)
    order.record(ShipmentCreated(order.code, shipment.number, planned))
    order._log(
        now, "shipment_created", _("Shipment {number} planned.", number=shipment.number), False
    )
    return shipment


def mark_ready(order: SalesOrder, number: int | None, now: datetime) -> Shipment:
    """A shipment is packed: pending -> ready."""
    _require_shippable(order, "prepare")
    shipment = _pick(order, number, frozenset({ShipmentStatus.PENDING}), "prepare")
    order._shipment_to(shipment, ShipmentStatus.READY, now)
    return shipment


def ship(
    order: SalesOrder, number: int | None, now: datetime, carrier: str, tracking: str
) -> Shipment:
    """A shipment leaves: pending/ready -> shipped, with carrier and tracking number."""
    _require_shippable(order, "ship")
    shipment = _pick(
        order, number, frozenset({ShipmentStatus.READY, ShipmentStatus.PENDING}), "ship"
    )
    if shipment.has_left:  # shipped again: a correction of its carrier or tracking number
        return shipment_edits.correct_tracking(order, shipment, carrier, tracking, now)
    if not shipment.is_open:
        shipment.move_to(ShipmentStatus.SHIPPED, order.code)  # raises with the reason
    shipment.carrier = carrier or shipment.carrier
    shipment.tracking_number = tracking or shipment.tracking_number
    shipment.shipped_at = now
    order._shipment_to(shipment, ShipmentStatus.SHIPPED, now)
    return shipment


def deliver(order: SalesOrder, number: int | None, now: datetime) -> Shipment:
    """A shipment arrived: shipped -> delivered."""
    _require_shippable(order, "deliver")
    shipment = _pick(order, number, frozenset({ShipmentStatus.SHIPPED}), "deliver")
    shipment.delivered_at = now
    order._shipment_to(shipment, ShipmentStatus.DELIVERED, now)
    return shipment


def split(
    order: SalesOrder, product_code: str, quantity: Decimal, now: datetime, planned: date | None
) -> Shipment:
    """Move `quantity` of a product from its shipment to a new one."""
    order.require_editable()
    if quantity <= 0:
        problem = _("{quantity} must be more than 0", quantity=Quantity(quantity))
        raise refused("quantity", problem, "shipment.quantity_invalid")
    source, line = _split_source(order, product_code, quantity)
    if source.quantity_of(line.line_no) == quantity and len(source.lines) == 1:
        problem = _(
            "moving all {quantity} of {product} would leave shipment {number} empty; a "
            "shipment must hold at least one product",
            quantity=Quantity(quantity), product=line.product_code, number=source.number,
        )  # fmt: skip
        raise refused("quantity", problem, "shipment.would_be_empty")
    target = new_shipment(order, planned, now)
    source.take(line.line_no, quantity)
    target.put(line.line_no, quantity)
    order.record(
        QuantityMovedToShipment(
            order.code, line.product_code, quantity, source.number, target.number
        )
    )
    return target


def shipped_quantity(order: SalesOrder, line_no: int) -> Decimal:
    """How much of a line has left (shipped or delivered shipments)."""
    return sum((s.quantity_of(line_no) for s in order.shipments if s.has_left), NO_QUANTITY)


def shipping_state(order: SalesOrder) -> ShippingState:
    """Not, partially or fully shipped."""
    shipped = [shipped_quantity(order, ln.line_no) for ln in order.lines]
    if order.unread_lines is not None:
        # Read for new lines: the lines read are the new ones, never shipped, and what
        # left went with the lines summed but not read.
        gone = any(shipped) or any(s.has_left for s in order.shipments)
        return ShippingState.PARTIALLY_SHIPPED if gone else ShippingState.NOT_SHIPPED
    if not any(shipped):
        return ShippingState.NOT_SHIPPED
    if all(q >= ln.quantity for q, ln in zip(shipped, order.lines, strict=True)):
        return ShippingState.SHIPPED
    return ShippingState.PARTIALLY_SHIPPED


BACKORDERED = frozenset({OrderStatus.CONFIRMED})
"""The orders whose quantities still in the warehouse are backorders."""


def backorder_lines(order: SalesOrder) -> list[BackorderLine]:
    """Confirmed quantities still in the warehouse, with the date they are expected."""
    if order.status not in BACKORDERED:
        return []
    result = []
    for shipment in order.shipments:
        if not shipment.is_open:
            continue
        for sl in shipment.lines:
            line = order.line(sl.line_no)
            result.append(
                backorder(
                    sl.line_no,
                    line.product_code,
                    sl.quantity,
                    shipment.number,
                    (shipment.planned_date, order.due_date),
                )
            )
    return result


def backorder(
    line_no: int,
    product_code: str,
    quantity: Decimal,
    number: int,
    dates: tuple[date | None, date | None],
) -> BackorderLine:
    """A backorder line of a shipment line still in the warehouse; it is expected on its
    shipment's planned date (`dates[0]`), else on the order's due date (`dates[1]`)."""
    planned, due = dates
    return BackorderLine(line_no, product_code, quantity, number, planned or due)


def _pick(
    order: SalesOrder, number: int | None, wanted: frozenset[ShipmentStatus], verb: str
) -> Shipment:
    if number is not None:
        return order.shipment(number)
    for shipment in sorted(order.shipments, key=lambda s: s.number):
        if shipment.status in wanted:
            return shipment
    said = Text(_NONE_LEFT[verb].msgid, {"code": order.code})
    raise InvalidTransition("shipment.none_to_" + verb, said)


def _split_source(
    order: SalesOrder, product_code: str, quantity: Decimal
) -> tuple[Shipment, OrderLine]:
    best = NO_QUANTITY
    for line in order.lines_of(product_code):
        for shipment in order.shipments:
            # a ready shipment is packed: its contents stay (domain.orders.shipment_edits)
            pending = shipment.status == ShipmentStatus.PENDING
            held = shipment.quantity_of(line.line_no) if pending else NO_QUANTITY
            if held >= quantity:
                return shipment, line
            best = max(best, held)
    problem = _(
        "no pending shipment holds {quantity} of {product} (at most {best} can be moved; a "
        "ready shipment is packed)",
        quantity=Quantity(quantity), product=product_code, best=Quantity(best),
    )  # fmt: skip
    raise refused("quantity", problem, "shipment.quantity_exceeded")


def _require_shippable(order: SalesOrder, verb: str) -> None:
    # A closed order may still hold open shipments when a rule closed it (invoiced in
    # advance); closing by hand cancels them, so the shipment picks refuse instead.
    if order.status not in (OrderStatus.CONFIRMED, OrderStatus.CLOSED):
        sentences = _NOT_CONFIRMED_DRAFT if order.status == OrderStatus.DRAFT else _NOT_CONFIRMED
        values = {"code": order.code, "status": status_name(order.status)}
        raise InvalidTransition(f"order.{verb}_not_confirmed", Text(sentences[verb].msgid, values))


# Whole sentences per verb, so each language words what is refused.
_NONE_LEFT = {
    "prepare": _("{code} has no shipment left to prepare."),
    "ship": _("{code} has no shipment left to ship."),
    "deliver": _("{code} has no shipment left to deliver."),
}
_NOT_CONFIRMED = {
    "prepare": _("{code} is {status}; only a confirmed order can prepare."),
    "ship": _("{code} is {status}; only a confirmed order can ship."),
    "deliver": _("{code} is {status}; only a confirmed order can deliver."),
}
_NOT_CONFIRMED_DRAFT = {
    "prepare": _("{code} is {status}; only a confirmed order can prepare (confirm it first)."),
    "ship": _("{code} is {status}; only a confirmed order can ship (confirm it first)."),
    "deliver": _("{code} is {status}; only a confirmed order can deliver (confirm it first)."),
}
