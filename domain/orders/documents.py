"""Documents made from an order: invoices, work orders, return orders, and its timeline.

They live inside the order aggregate, so the order's version guards their limits
(never invoice or return more than allowed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.actors import Actor
from domain.money import NO_QUANTITY, ZERO
from domain.orders import timeline_texts
from domain.records.statuses import InvoiceStatus, ReturnStatus, WorkOrderStatus
from domain.texts import Text


@dataclass(eq=False)
class InvoiceLine:
    """A quantity of one order line on an invoice."""

    line_no: int
    product_code: str
    quantity: Decimal
    id: int | None = None


@dataclass(eq=False)
class Invoice:
    """An invoice for all or part of an order; amounts, terms and due date are fixed
    when it is made (its payment and voiding: `domain.records.invoices`)."""

    code: str
    created_at: datetime
    net: Decimal = ZERO
    tax: Decimal = ZERO
    gross: Decimal = ZERO
    lines: list[InvoiceLine] = field(default_factory=list)
    status: InvoiceStatus = InvoiceStatus.OPEN
    terms: str = ""  # the payment term it was made under
    due_date: date | None = None  # None: terms not in the table
    paid_on: date | None = None
    voided_at: datetime | None = None
    id: int | None = None

    def quantity_of(self, line_no: int) -> Decimal:
        """How much of order line `line_no` this invoice bills."""
        return sum((il.quantity for il in self.lines if il.line_no == line_no), NO_QUANTITY)


class WorkOrderScope(StrEnum):
    """How work orders are cut from an order."""

    PER_SHIPMENT = "per-shipment"  # one work order per shipment
    PER_PRODUCT = "per-product"  # one work order per product (its lines summed)
    ALL = "all"  # one work order for all products


@dataclass(eq=False)
class WorkOrderLine:
    """A quantity of one order line to prepare."""

    line_no: int
    product_code: str
    quantity: Decimal
    id: int | None = None


@dataclass(eq=False)
class WorkOrder:
    """A work order for the warehouse or workshop, linked to its order and shipment."""

    code: str
    scope: WorkOrderScope
    created_at: datetime
    shipment_number: int | None = None
    product_code: str = ""
    lines: list[WorkOrderLine] = field(default_factory=list)
    status: WorkOrderStatus = WorkOrderStatus.OPEN
    closed_at: datetime | None = None  # when it became done or cancelled
    id: int | None = None


@dataclass(eq=False)
class ReturnOrder:
    """A return of shipped goods."""

    code: str
    created_at: datetime
    line_no: int
    product_code: str
    quantity: Decimal
    reason: str = ""
    status: ReturnStatus = ReturnStatus.REQUESTED
    received_at: datetime | None = None
    refunded_at: datetime | None = None
    id: int | None = None


class NotificationState(StrEnum):
    """Whether the customer was told."""

    PENDING = "pending"  # waiting for /order notify or the automatic sender
    SENT = "sent"  # handed to the outbox


@dataclass(eq=False)
class Notification:
    """A status change of the order or of one of its shipments, to tell the customer."""

    created_at: datetime
    subject: str  # "order" or "shipment"
    status: str  # the new status
    text: str
    shipment_number: int | None = None
    state: NotificationState = NotificationState.PENDING
    sent_at: datetime | None = None
    send_count: int = 0
    id: int | None = None


@dataclass(eq=False)
class TimelineEntry:
    """One line of the order's history, shown to reps and on the tracking page.

    Who did it (`domain.actors`) is written by the bus when the command ends: an entry
    just made has an empty `actor_door`; one written before actors were kept, `unknown`.
    The tracking page shows neither actor nor door. `sentence` is what it says, read in
    each reader's language (`domain.orders.timeline_texts`), `text` its English; an entry
    written before sentences were kept has only its English text (`said`).
    """

    at: datetime
    kind: str
    text: str
    public: bool = True
    actor_door: str = ""
    actor_id: str = ""
    actor_name: str = ""
    id: int | None = None
    sentence: Text | None = None

    @property
    def said(self) -> Text | str:
        """What the entry says: its sentence, or the English text of an older entry."""
        return self.text if self.sentence is None else self.sentence

    @property
    def actor(self) -> Actor:
        """Who did it (unknown for entries written before actors were kept)."""
        return Actor.of(self.actor_door, self.actor_id, self.actor_name)


def order_status_record(
    new: str, now: datetime, reason: Text | str = ""
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What an order's status change writes: its timeline entry and the customer's
    notification, as the fields of `TimelineEntry` and `Notification`.

    The aggregate's status verbs and a new order made confirmed (`domain.orders.creation`)
    both write these, so a confirmation reads the same however it happened.
    """
    said = timeline_texts.order_status(new, reason)
    entry = timeline_texts.entry_fields(now, f"order_{new}", said)
    note = {"created_at": now, "subject": "order", "status": new, "text": str(said)}
    return entry, note
