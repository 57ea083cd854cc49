"""The records of stock: a product's level in a warehouse, a movement of it, supply on
its way, and what one order line holds of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

NONE = Decimal(0)
DEFAULT_WAREHOUSE = "MAIN"


class MovementKind(StrEnum):
    """Why stock on hand changed."""

    OPENING = "opening"  # the opening stock of an import
    RECEIVED = "received"  # goods came in (`/stock receive`)
    ADJUSTED = "adjusted"  # counted or corrected by a manager, with a reason
    SHIPPED = "shipped"  # a shipment of an order left
    RETURNED = "returned"  # a return was received back


@dataclass
class StockLevel:
    """A product in a warehouse: what is on hand and how much of it orders reserve."""

    product_code: str
    warehouse: str
    on_hand: Decimal = NONE
    reserved: Decimal = NONE

    @property
    def free(self) -> Decimal:
        """What no order holds yet (never below nothing)."""
        return max(self.on_hand - self.reserved, NONE)


@dataclass(frozen=True)
class Movement:
    """One change of stock on hand, signed (+ in, - out), with who made it and why."""

    product_code: str
    warehouse: str
    quantity: Decimal
    kind: MovementKind
    at: datetime
    reason: str = ""
    reference: str = ""
    order_code: str = ""
    actor: str = ""
    actor_name: str = ""
    actor_door: str = ""
    on_hand_after: Decimal = NONE


@dataclass
class Incoming:
    """Supply expected in a warehouse on a day (a purchase order, a transfer)."""

    product_code: str
    warehouse: str
    quantity: Decimal
    expected: date
    reference: str = ""
    id: int | None = None


@dataclass
class Reservation:
    """What one confirmed order line wants of a product and holds of it; `since` orders
    the waiting lines (oldest confirmed first), `available_at` is when it last became
    wholly held (for the digest)."""

    order_code: str
    line_no: int
    product_code: str
    warehouse: str
    wanted: Decimal
    reserved: Decimal
    since: datetime
    available_at: datetime | None = None
    id: int | None = None

    @property
    def missing(self) -> Decimal:
        """What the line still waits for."""
        return max(self.wanted - self.reserved, NONE)
