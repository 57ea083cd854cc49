"""What the record commands need of the store: which order holds a record, lists of
records across orders, and the orders made from an order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.records.credit_notes import CreditNote
from domain.records.statuses import RecordKind

Record = Invoice | CreditNote | WorkOrder | ReturnOrder

PAGE = 50
"""Records on one list."""


@dataclass(frozen=True)
class RecordRow:
    """A record in a list, with its order and customer (its own lines not loaded);
    `overdue`: an open invoice past its due date (set by the list's service)."""

    order_code: str
    customer_code: str
    record: Record
    overdue: bool = False


@dataclass(frozen=True)
class RecordSelection:
    """Which records a list takes: of one kind; of a customer or an order (`who`, either
    code, case-insensitive); of a status; invoices open and due before `overdue_on`."""

    kind: RecordKind
    who: str | None = None
    status: str | None = None
    overdue_on: date | None = None
    limit: int = PAGE


@dataclass(frozen=True)
class RelatedOrder:
    """An order made from another (split, return, merged into it), as its parent lists it."""

    code: str
    relation: str
    status: str


class RecordRepository(Protocol):
    def order_of(self, kind: RecordKind, code: str) -> str | None:
        """The code of the order holding the record of this kind and code
        (case-insensitive), or None."""
        ...

    def rows(self, selection: RecordSelection) -> Sequence[RecordRow]:
        """The records the selection takes, newest first."""
        ...

    def children_of(self, order_code: str) -> Sequence[RelatedOrder]:
        """The orders whose parent is this order, oldest first."""
        ...
