"""Credit notes: amounts given back to a customer, made when an invoice is voided (its
whole amounts) or a return is refunded (the returned goods at the order's prices).

Like invoices, their amounts are fixed when they are made and never change after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.money import ZERO


@dataclass(eq=False)
class CreditNote:
    """A credit note of an order: for a voided invoice or a refunded return."""

    code: str
    created_at: datetime
    net: Decimal = ZERO
    tax: Decimal = ZERO
    gross: Decimal = ZERO
    invoice_code: str = ""  # the invoice it voids, if any
    return_code: str = ""  # the return it refunds, if any
    reason: str = ""
    id: int | None = None

    @property
    def source(self) -> str:
        """The code of what it was made for."""
        return self.invoice_code or self.return_code
