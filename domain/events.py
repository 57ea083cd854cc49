"""Past-tense domain events, and the recorder mixin aggregates use to collect them.

Events are facts: they are recorded by verb methods of aggregates, pulled by the unit
of work after a command, and turned into history rows, notifications and outbox
messages. They are plain frozen dataclasses so that every door can read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.texts import Text


class EventRecorder:
    """Mixin: collects events in the instance dict, so ORM-loaded objects work too."""

    def record(self, event: Event) -> None:
        """Remember `event` until the unit of work pulls it."""
        self.__dict__.setdefault("_pending_events", []).append(event)

    def recorded(self) -> list[Event]:
        """The events recorded and not handed over yet (an answer may show them)."""
        return list(self.__dict__.get("_pending_events", []))

    def pull_events(self) -> list[Event]:
        """Hand over and forget the recorded events."""
        events: list[Event] = self.__dict__.pop("_pending_events", [])
        return events


@dataclass(frozen=True)
class Event:
    """Base of every event."""


# --- customers, products, taxes, cases --------------------------------------------


@dataclass(frozen=True)
class CustomerCreated(Event):
    customer_code: str


@dataclass(frozen=True)
class CustomerUpdated(Event):
    customer_code: str
    what: Text  # said in the reader's language on the customer's history


@dataclass(frozen=True)
class CaseOpened(Event):
    case_id: int
    customer_code: str
    priority: str


@dataclass(frozen=True)
class CaseClosed(Event):
    case_id: int


# --- orders ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderEvent(Event):
    """An event of one sales order; `order_code` names it."""

    order_code: str


@dataclass(frozen=True)
class OrderCreated(OrderEvent):
    customer_code: str
    source: str


@dataclass(frozen=True)
class OrderStatusChanged(OrderEvent):
    old: str
    new: str
    reason: str = ""


@dataclass(frozen=True)
class OrderLineAdded(OrderEvent):
    line_no: int
    product_code: str
    quantity: Decimal


@dataclass(frozen=True)
class OrderLineRemoved(OrderEvent):
    line_no: int
    product_code: str


@dataclass(frozen=True)
class OrderChanged(OrderEvent):
    what: str


@dataclass(frozen=True)
class ShipmentCreated(OrderEvent):
    shipment_no: int
    planned_date: date | None


@dataclass(frozen=True)
class ShipmentStatusChanged(OrderEvent):
    shipment_no: int
    old: str
    new: str


@dataclass(frozen=True)
class QuantityMovedToShipment(OrderEvent):
    product_code: str
    quantity: Decimal
    from_shipment: int
    to_shipment: int


@dataclass(frozen=True)
class OrderLineChanged(OrderEvent):
    line_no: int
    product_code: str
    what: str


@dataclass(frozen=True)
class ShipmentPlanned(OrderEvent):
    shipment_no: int
    old: date | None
    new: date | None


@dataclass(frozen=True)
class ShipmentsCombined(OrderEvent):
    """Shipment `from_shipment` was emptied into `to_shipment` and cancelled."""

    from_shipment: int
    to_shipment: int


@dataclass(frozen=True)
class ShipmentTrackingCorrected(OrderEvent):
    shipment_no: int
    carrier: str
    tracking_number: str


@dataclass(frozen=True)
class OrdersMerged(OrderEvent):
    """`order_code` survived and took the lines of `merged_code`."""

    merged_code: str


@dataclass(frozen=True)
class InvoiceCreated(OrderEvent):
    invoice_code: str
    gross: Decimal


@dataclass(frozen=True)
class WorkOrderCreated(OrderEvent):
    work_order_code: str


@dataclass(frozen=True)
class ReturnCreated(OrderEvent):
    return_code: str
    product_code: str
    quantity: Decimal


@dataclass(frozen=True)
class NotificationsSent(OrderEvent):
    count: int
    resent: bool
