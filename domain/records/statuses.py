"""The statuses of records: invoices, work orders and returns, and the moves allowed.

Declared apart from the records themselves so the order's documents, the tables and the
views all name the same words without importing the verbs.
"""

from __future__ import annotations

from enum import StrEnum


class InvoiceStatus(StrEnum):
    """Where an invoice is in its life."""

    OPEN = "open"  # sent, waiting for payment
    PAID = "paid"  # the customer paid it
    VOID = "void"  # cancelled; a credit note cancels its amounts


class WorkOrderStatus(StrEnum):
    """Where a work order is in its life."""

    OPEN = "open"  # to prepare
    DONE = "done"  # prepared
    CANCELLED = "cancelled"  # not to prepare (replaced, or cancelled by hand)


class ReturnStatus(StrEnum):
    """Where a return is in its life."""

    REQUESTED = "requested"  # the customer asked; the goods are on their way back
    RECEIVED = "received"  # the goods are back in the warehouse
    REFUNDED = "refunded"  # a credit note was made for them


class RecordKind(StrEnum):
    """The kinds of records a code may name."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit note"
    WORK_ORDER = "work order"
    RETURN = "return"
