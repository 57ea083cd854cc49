"""Lists of orders: which orders a selection takes, in which order, and an order as a row
of an exported sheet.

What the list words mean (the store asks the same of the database, and the fakes and
the tests ask it here):

- *to ship*: confirmed (or closed by the auto-close rule, whose open shipments still
  ship), with a shipment still in the warehouse (pending or ready);
- *to invoice*: confirmed or closed, and some quantity not yet on an invoice;
- *overdue*: to ship, and a shipment still in the warehouse was expected before today
  (its planned date, else the order's due date) — the date a backorder line shows;
- a PO number is compared whole, as the order factory compares them (`reference_key`:
  trimmed, in any case); dates are the day the order was made, in the business's time
  zone.

Orders come newest first (creation time, then id); a page goes on after the last order
of the one before (keyset paging: no order is skipped or shown twice when orders are
added in between).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from domain.orders.factory import reference_key
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder

SHIPPABLE = frozenset({OrderStatus.CONFIRMED, OrderStatus.CLOSED})
"""The statuses whose open shipments still ship, and which can be invoiced."""

Cell = str | int | Decimal | date | datetime | None


def to_ship(order: SalesOrder) -> bool:
    """Something of the order is still in the warehouse and will ship."""
    return order.status in SHIPPABLE and any(s.is_open for s in order.shipments)


def to_invoice(order: SalesOrder) -> bool:
    """Some quantity of the order is not yet on an invoice, and can be."""
    return order.status in SHIPPABLE and order.invoicing_state != InvoicingState.INVOICED


def overdue(order: SalesOrder, today: date) -> bool:
    """Something still in the warehouse was expected before `today`."""
    if order.status not in SHIPPABLE:
        return False
    expected = [s.planned_date or order.due_date for s in order.shipments if s.is_open]
    return any(day is not None and day < today for day in expected)


@dataclass(frozen=True)
class OrderSelection:
    """Which orders a list takes; every condition given must hold.

    `created_from` and `created_before` are instants (the start of the first day taken
    and of the day after the last one, in the business's zone); `overdue_on` is the day
    that `overdue` is judged on, None when not asked."""

    customer: str | None = None
    status: OrderStatus | None = None
    to_ship: bool = False
    to_invoice: bool = False
    overdue_on: date | None = None
    reference: str | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None

    def takes(self, order: SalesOrder) -> bool:
        """Whether `order` is in the selection."""
        checks = (
            self.customer is None or order.customer_code.lower() == self.customer.lower(),
            self.status is None or order.status == self.status,
            not self.to_ship or to_ship(order),
            not self.to_invoice or to_invoice(order),
            self.overdue_on is None or overdue(order, self.overdue_on),
            self.reference is None or reference_key(order.reference) == self.reference,
            self.created_from is None or order.created_at >= self.created_from,
            self.created_before is None or order.created_at < self.created_before,
        )
        return all(checks)


def newest_first(order: SalesOrder) -> tuple[datetime, int]:
    """The sort key of a list, reversed: creation time, then id."""
    return order.created_at, order.id or 0


SHEET_HEADER = (
    "Order", "Customer", "Status", "Created", "Due date", "PO number", "Shipping",
    "Invoicing", "Net", "Tax", "Gross", "Currency",
)  # fmt: skip
"""The columns of an exported list of orders."""


def sheet_row(order: SalesOrder) -> tuple[Cell, ...]:
    """An order as a row of `SHEET_HEADER`: raw values (dates, Decimals), formatted by
    the sheet; the currency is the order's own."""
    totals = order.totals
    return (
        order.code,
        order.customer_code,
        str(order.status),
        order.created_at.date(),
        order.due_date,
        order.reference,
        str(order.shipping_state).replace("_", " "),
        str(order.invoicing_state).replace("_", " "),
        totals.net,
        totals.tax,
        totals.gross,
        order.currency,
    )


class OrderSheets(Protocol):
    """Writes an exported list of orders to a file."""

    def write(self, path: str, kind: str, rows: Iterable[Sequence[Cell]]) -> int:
        """Write `rows` (the header first) to `path` as `kind` ("xlsx" or "csv");
        returns how many rows after the header were written."""
        ...
