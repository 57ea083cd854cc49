"""Shipments of an order: which quantities of which lines leave together, and their status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.errors import InvalidTransition
from domain.money import NO_QUANTITY
from domain.orders.status_names import shipment_status_name, shipment_status_names
from domain.texts import _


class ShipmentStatus(StrEnum):
    """Where a shipment is."""

    PENDING = "pending"  # planned, nothing prepared yet
    READY = "ready"  # picked and packed, waiting for the carrier
    SHIPPED = "shipped"  # handed to the carrier
    DELIVERED = "delivered"  # received by the customer
    CANCELLED = "cancelled"  # will not leave; holds nothing any more


SHIPMENT_TRANSITIONS: dict[ShipmentStatus, frozenset[ShipmentStatus]] = {
    ShipmentStatus.PENDING: frozenset(
        {ShipmentStatus.READY, ShipmentStatus.SHIPPED, ShipmentStatus.CANCELLED}
    ),
    ShipmentStatus.READY: frozenset(
        {ShipmentStatus.PENDING, ShipmentStatus.SHIPPED, ShipmentStatus.CANCELLED}
    ),
    ShipmentStatus.SHIPPED: frozenset({ShipmentStatus.DELIVERED}),
    ShipmentStatus.DELIVERED: frozenset(),
    ShipmentStatus.CANCELLED: frozenset(),
}

OPEN_SHIPMENT = frozenset({ShipmentStatus.PENDING, ShipmentStatus.READY})
GONE_SHIPMENT = frozenset({ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED})


@dataclass(eq=False)
class ShipmentLine:
    """A quantity of one order line (by its number) inside a shipment."""

    line_no: int
    quantity: Decimal
    id: int | None = None


@dataclass(eq=False)
class Shipment:
    """A shipment; `number` counts from 1 within its order."""

    number: int
    status: ShipmentStatus = ShipmentStatus.PENDING
    planned_date: date | None = None
    remarks: str = ""
    carrier: str = ""
    tracking_number: str = ""
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    lines: list[ShipmentLine] = field(default_factory=list)
    id: int | None = None

    @property
    def is_open(self) -> bool:
        """Still in the warehouse (pending or ready)."""
        return self.status in OPEN_SHIPMENT

    @property
    def has_left(self) -> bool:
        """Shipped or delivered."""
        return self.status in GONE_SHIPMENT

    def quantity_of(self, line_no: int) -> Decimal:
        """How much of order line `line_no` this shipment holds."""
        return sum((sl.quantity for sl in self.lines if sl.line_no == line_no), NO_QUANTITY)

    def put(self, line_no: int, quantity: Decimal) -> None:
        """Add `quantity` of a line (merging with what the shipment already holds of it)."""
        for sl in self.lines:
            if sl.line_no == line_no:
                sl.quantity += quantity
                return
        self.lines.append(ShipmentLine(line_no=line_no, quantity=quantity))

    def take(self, line_no: int, quantity: Decimal) -> None:
        """Remove `quantity` of a line; a line at zero is dropped."""
        for sl in list(self.lines):
            if sl.line_no == line_no:
                sl.quantity -= quantity
                if sl.quantity <= 0:
                    self.lines.remove(sl)
                return

    def move_to(self, new: ShipmentStatus, order_code: str) -> ShipmentStatus:
        """Change status as the transition table allows; returns the old status."""
        if new not in SHIPMENT_TRANSITIONS[self.status]:
            said = _(
                "Shipment {number} of {code} is {status}; it cannot become {new} (from "
                "{status} it can become: {allowed}).",
                number=self.number, code=order_code, status=shipment_status_name(self.status),
                new=shipment_status_name(new),
                allowed=shipment_status_names(SHIPMENT_TRANSITIONS[self.status]),
            )  # fmt: skip
            raise InvalidTransition("shipment.invalid_transition", said)
        old = self.status
        self.status = new
        return old
