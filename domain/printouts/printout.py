"""What a printed document shows, as plain values: its kind and number, the parties, the
lines and the totals' rows. Amounts are the order's own (`domain.orders.totals`); the
layout and the words are the edges' business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.customers.addresses import Address


class PrintKind(StrEnum):
    """The documents made of an order."""

    QUOTE = "quote"  # a draft order offered to the customer
    CONFIRMATION = "confirmation"  # a confirmed order, as agreed
    INVOICE = "invoice"  # an invoice of all or part of the order
    PACKING_SLIP = "packing-slip"  # what one shipment holds, without prices
    CREDIT_NOTE = "credit-note"  # money given back: a voided invoice, a refunded return


ORDER_KINDS = (PrintKind.QUOTE, PrintKind.CONFIRMATION, PrintKind.PACKING_SLIP)
"""The kinds found by the order's code (the others by their own code)."""


def address_lines(address: Address | None, holder: str = "") -> tuple[str, ...]:
    """An address as the lines of an envelope, under its holder's name (`holder`, whose
    name the address does not repeat)."""
    if address is None:
        return ()
    town = f"{address.postal_code} {address.city}".strip()
    name = "" if address.name.strip().lower() == holder.strip().lower() else address.name
    parts = [name, address.street, town, address.state, address.country]
    return tuple(p for p in parts if p)


@dataclass(frozen=True)
class PrintLine:
    """One line of a document; `amount` is the line's net (after its discount)."""

    line_no: int
    product_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    discount_amount: Decimal
    tax_rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ShipmentFacts:
    """The shipment a packing slip is of."""

    number: int
    planned: date | None
    carrier: str
    tracking_number: str


TotalRow = tuple[str, Decimal | None, Decimal]
"""(what, tax rate or None, amount), as `Totals.rows` gives them."""


@dataclass(frozen=True)
class Printout:
    """Everything one document shows. `rows` is empty on a packing slip (no prices);
    `refers_to` names the invoice or return a credit note is for."""

    kind: PrintKind
    number: str
    order_code: str
    issued: date
    order_date: date
    language: str
    currency: str
    customer_code: str
    customer_name: str
    customer_vat: str
    billing_address: tuple[str, ...]
    delivery_address: tuple[str, ...]
    reference: str
    lines: tuple[PrintLine, ...]
    rows: tuple[TotalRow, ...]
    payment_terms: str = ""
    due_date: date | None = None
    requested_date: date | None = None
    shipment: ShipmentFacts | None = None
    refers_to: str = ""
    reason: str = ""

    @property
    def total(self) -> Decimal | None:
        """The document's total (None on a packing slip)."""
        return next((amount for what, _, amount in self.rows if what == "total"), None)
