"""What an electronic invoice or credit note says (EN 16931), as plain values.

The semantic model of the European standard the Factur-X XML carries, cut to what an
order's invoice holds: the two parties, the lines with their discounts, the document
level allowances and charges (the order discount, shipping, the adjustment), one VAT
breakdown row per category and rate, and the totals. Amounts are the order's own
(`domain.einvoicing.of_invoice` reads them from `domain.orders.totals`); writing them
as XML is the store's business (`EInvoiceFiles`).

VAT categories (EN 16931 BT-118): S (standard, a rate above 0), Z (goods at 0%), E
(exempt) for what orderbot never taxes: untaxed shipping, the adjustment and a discount
taken after tax; E rows carry their exemption reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.money import ZERO


class DocumentType(StrEnum):
    """UNTDID 1001 document type codes (BT-3)."""

    INVOICE = "380"
    CREDIT_NOTE = "381"


STANDARD, ZERO_RATED, EXEMPT = "S", "Z", "E"
"""The VAT category codes orderbot uses."""

NOT_SUBJECT = "Not subject to VAT"
"""The exemption reason of category E rows (BT-120)."""


def category_of(rate: Decimal) -> str:
    """The VAT category of goods taxed at `rate`."""
    return STANDARD if rate > 0 else ZERO_RATED


@dataclass(frozen=True)
class Party:
    """A seller or buyer as an e-invoice names it."""

    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    vat_number: str = ""
    code: str = ""  # the buyer's customer code (BT-46), the seller's legal id (BT-30)
    email: str = ""


@dataclass(frozen=True)
class Payee:
    """Where the buyer pays: a credit transfer to this account (BG-17)."""

    iban: str = ""
    bic: str = ""


@dataclass(frozen=True)
class EInvoiceLine:
    """One invoice line (BG-25): quantity at the unit price, less its discount."""

    line_no: int
    product_code: str
    name: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal  # the line's allowance (BG-27), an amount
    net: Decimal  # BT-131: quantity x price - discount
    tax_rate: Decimal

    @property
    def category(self) -> str:
        """The line's VAT category."""
        return category_of(self.tax_rate)


@dataclass(frozen=True)
class AllowanceCharge:
    """A document-level allowance (BG-20) or charge (BG-21) at one VAT category and rate."""

    is_charge: bool
    amount: Decimal  # positive
    reason: str
    category: str
    rate: Decimal = ZERO


@dataclass(frozen=True)
class TaxRow:
    """One row of the VAT breakdown (BG-23)."""

    category: str
    rate: Decimal
    base: Decimal
    tax: Decimal

    @property
    def exemption_reason(self) -> str:
        """Why no tax is due (category E only)."""
        return NOT_SUBJECT if self.category == EXEMPT else ""


@dataclass(frozen=True)
class EInvoiceTotals:
    """The document totals (BG-22): lines, allowances, charges, tax base, tax, gross."""

    lines: Decimal  # BT-106
    allowances: Decimal  # BT-107
    charges: Decimal  # BT-108
    tax_basis: Decimal  # BT-109
    tax: Decimal  # BT-110
    gross: Decimal  # BT-112, and BT-115 (nothing prepaid)


@dataclass(frozen=True)
class EInvoice:
    """An invoice or credit note as EN 16931 describes it."""

    type: DocumentType
    number: str
    issued: date
    currency: str
    seller: Party
    buyer: Party
    order_code: str  # our sales order (BT-14)
    purchase_order: str  # the customer's PO (BT-13)
    lines: tuple[EInvoiceLine, ...]
    allowances_charges: tuple[AllowanceCharge, ...]
    tax_rows: tuple[TaxRow, ...]
    totals: EInvoiceTotals
    payee: Payee = field(default_factory=Payee)
    due_date: date | None = None
    payment_terms: str = ""
    delivered_to: Party | None = None
    preceding_invoice: str = ""  # BT-25: the invoice a credit note corrects
    note: str = ""
