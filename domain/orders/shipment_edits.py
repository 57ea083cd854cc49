"""Changing an order's shipments after they were planned: moving quantities between them
(`/order move`), combining two (`/order combine`), rescheduling one (`/order plan`), the
planned dates that follow the due date, and correcting a shipped one's carrier and
tracking number (`/order ship` again).

What each shipment status allows:
- `pending`: quantities move in and out, it combines, it is rescheduled;
- `ready` (packed, waiting for the carrier): it is rescheduled, its contents stay;
- `shipped`, `delivered`: only the carrier and tracking number are corrected;
- `cancelled`: nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition
from domain.events import (
    QuantityMovedToShipment,
    ShipmentPlanned,
    ShipmentsCombined,
    ShipmentTrackingCorrected,
)
from domain.orders import edit_texts, line_edits
from domain.orders.refusals import refused
from domain.orders.shipments import Shipment, ShipmentStatus
from domain.orders.status_names import shipment_status_name
from domain.text_values import Day, Quantity
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

WHY_NOT = {
    ShipmentStatus.READY: _("it is packed (ready); only pending shipments change contents"),
    ShipmentStatus.SHIPPED: _("it has shipped"),
    ShipmentStatus.DELIVERED: _("it was delivered"),
    ShipmentStatus.CANCELLED: _("it is cancelled"),
}
"""Why a shipment in this status cannot change its contents or date."""

# One whole sentence per edit, so each language words the verb.
_CANNOT = {
    "move": _("Shipment {number} of {code} cannot move: {reason}."),
    "combine": _("Shipment {number} of {code} cannot combine: {reason}."),
}


def move(
    order: SalesOrder, word: str, quantity: Decimal, from_no: int, to_no: int, now: datetime
) -> tuple[Shipment, Shipment]:
    """Move `quantity` of a line (number or product) from one pending shipment to another."""
    order.require_editable()
    source, target = _pair(order, from_no, to_no, "move")
    line = line_edits.resolve_line(order, word)
    held = source.quantity_of(line.line_no)
    if quantity <= 0 or quantity > held:
        problem = _(
            "shipment {shipment} of {code} holds {held} of line {line} ({product}); "
            "{quantity} cannot be moved (more than 0, at most {held})",
            shipment=source.number, code=order.code, held=Quantity(held), line=line.line_no,
            product=line.product_code, quantity=Quantity(quantity),
        )  # fmt: skip
        raise refused("quantity", problem, "shipment.quantity_exceeded")
    if quantity == held and len(source.lines) == 1:
        problem = _(
            "moving all of shipment {source} would leave it empty; to empty it into shipment "
            "{target} use /order combine {code} from:{source} to:{target}",
            source=source.number, target=target.number, code=order.code,
        )  # fmt: skip
        raise refused("quantity", problem, "shipment.would_be_empty")
    source.take(line.line_no, quantity)
    target.put(line.line_no, quantity)
    order.record(
        QuantityMovedToShipment(
            order.code, line.product_code, quantity, source.number, target.number
        )
    )
    order._log(
        now,
        "shipment_moved",
        _(
            "Moved {quantity} x {product} from shipment {source} to shipment {target}.",
            quantity=Quantity(quantity),
            product=line.product_code,
            source=source.number,
            target=target.number,
        ),
        False,
    )
    return source, target


def combine(order: SalesOrder, from_no: int, to_no: int, now: datetime) -> Shipment:
    """Put everything a pending shipment holds into another pending one; the emptied
    shipment is cancelled. Returns the shipment that holds it all."""
    order.require_editable()
    source, target = _pair(order, from_no, to_no, "combine")
    for sl in list(source.lines):
        target.put(sl.line_no, sl.quantity)
        source.take(sl.line_no, sl.quantity)
    order.record(ShipmentsCombined(order.code, source.number, target.number))
    order._log(
        now,
        "shipments_combined",
        _(
            "Shipment {source} combined into shipment {target}.",
            source=source.number,
            target=target.number,
        ),
        False,
    )
    order._shipment_to(source, ShipmentStatus.CANCELLED, now)
    return target


def plan(order: SalesOrder, number: int, planned: date, now: datetime) -> Shipment:
    """Reschedule a shipment still in the warehouse (pending or ready)."""
    order.require_editable()
    shipment = order.shipment(number)
    if not shipment.is_open:
        said = _(
            "Shipment {number} of {code} cannot be rescheduled: {reason}.",
            number=number, code=order.code, reason=WHY_NOT[shipment.status],
        )  # fmt: skip
        raise InvalidTransition("shipment.not_plannable", said)
    _reschedule(order, shipment, planned, now, follows=False)
    return shipment


def follow_due_date(order: SalesOrder, old: date | None, new: date | None, now: datetime) -> None:
    """The due date moved: the pending shipments planned for it (or for no date) move
    with it; those rescheduled by hand to another date keep theirs."""
    if new is None or old == new:
        return
    for shipment in order.shipments:
        if shipment.status == ShipmentStatus.PENDING and shipment.planned_date in (old, None):
            _reschedule(order, shipment, new, now, follows=True)


def correct_tracking(
    order: SalesOrder, shipment: Shipment, carrier: str, tracking: str, now: datetime
) -> Shipment:
    """A shipped (or delivered) shipment's carrier or tracking number was wrong."""
    if not (carrier or tracking):
        said = _(
            "Shipment {number} of {code} is {status}; it cannot ship again (to correct its "
            "carrier or tracking number, give carrier: or tracking:).",
            number=shipment.number, code=order.code, status=shipment_status_name(shipment.status),
        )  # fmt: skip
        raise InvalidTransition("shipment.already_shipped", said)
    changes = []
    if carrier and carrier != shipment.carrier:
        changes.append(edit_texts.carrier_change(shipment.carrier, carrier))
        shipment.carrier = carrier
    if tracking and tracking != shipment.tracking_number:
        changes.append(edit_texts.tracking_change(shipment.tracking_number, tracking))
        shipment.tracking_number = tracking
    if not changes:
        return shipment
    order.record(
        ShipmentTrackingCorrected(
            order.code, shipment.number, shipment.carrier, shipment.tracking_number
        )
    )
    order._log(now, "shipment_corrected", edit_texts.shipment_corrected(shipment.number, changes))
    return shipment


def _reschedule(
    order: SalesOrder, shipment: Shipment, planned: date, now: datetime, follows: bool
) -> None:
    old, shipment.planned_date = shipment.planned_date, planned
    if old == planned:
        return
    order.record(ShipmentPlanned(order.code, shipment.number, old, planned))
    order._log(
        now,
        "shipment_planned",
        _(
            "Shipment {number} planned for {date} (it follows the due date).",
            number=shipment.number,
            date=Day(planned),
        )
        if follows
        else _("Shipment {number} planned for {date}.", number=shipment.number, date=Day(planned)),
    )


def _pair(order: SalesOrder, from_no: int, to_no: int, verb: str) -> tuple[Shipment, Shipment]:
    if from_no == to_no:
        problem = _(
            "from:{source} and to:{target} are the same shipment; name two shipments",
            source=from_no, target=to_no,
        )  # fmt: skip
        raise refused("to", problem, "shipment.same")
    pair = order.shipment(from_no), order.shipment(to_no)
    for shipment in pair:
        if shipment.status != ShipmentStatus.PENDING:
            values = {
                "number": shipment.number, "code": order.code, "reason": WHY_NOT[shipment.status]
            }  # fmt: skip
            said = Text(_CANNOT[verb].msgid, values)
            raise InvalidTransition(f"shipment.not_pending_to_{verb}", said)
    return pair
