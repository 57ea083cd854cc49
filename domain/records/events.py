"""Events of records: a status moved, a credit note made."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.events import OrderEvent


@dataclass(frozen=True)
class RecordStatusChanged(OrderEvent):
    """An invoice, work order or return of the order moved from `old` to `new`."""

    kind: str
    code: str
    old: str
    new: str


@dataclass(frozen=True)
class CreditNoteCreated(OrderEvent):
    credit_note_code: str
    gross: Decimal
    source_code: str  # the voided invoice or refunded return
