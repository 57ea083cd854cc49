"""What the settings choose for the money of new orders, and what they decide on one.

The currency, how shipping is taxed (`none`, `prorata` or a tax code) and whether the
order discount is taken before or after tax are settings; each new order stores what
they decided when it was made (`decided`), so that changing a setting later never
changes a past order. The discount's timing may be chosen per order
(`discount-tax:before|after`, read by the doors with `DISCOUNT_TIMINGS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.errors import NotFound, ValidationFailed
from domain.money import ZERO
from domain.orders.totals import NO_SHIPPING_TAX, PRORATA
from domain.texts import _

DISCOUNT_TIMINGS = {"before": False, "after": True}
"""The words of the discount's timing and whether each means after tax."""


DECIDED_AT_CREATION = ("currency", "shipping_tax", "shipping_tax_rate")
"""The fields of an order the settings decide once, when it is made; no verb sets them."""


@dataclass(frozen=True)
class MoneyDefaults:
    """The settings' choices for new orders (see the module's docstring)."""

    currency: str = "EUR"
    shipping_tax: str = PRORATA
    discount_after_tax: bool = False

    def decided(
        self, tax_rate: Callable[[str], Decimal], after_tax: bool | None = None
    ) -> dict[str, Any]:
        """The header fields a new order stores: currency, the shipping tax with the
        rate of its tax code (looked up by `tax_rate`), and the discount's timing (the
        order's own when given)."""
        mode = self.shipping_tax.strip()
        rate = ZERO
        if mode.lower() in (NO_SHIPPING_TAX, PRORATA):
            mode = mode.lower()
        else:
            try:
                rate = tax_rate(mode)
            except NotFound:
                problem = _(
                    "the setting names the tax {tax}, which does not exist; create it (tax "
                    "new) or set SHIPPING_TAX to prorata or none",
                    tax=mode,
                )
                raise ValidationFailed.field(
                    "SHIPPING_TAX", problem, "order.shipping_tax_unknown"
                ) from None
        return {
            "currency": self.currency,
            "shipping_tax": mode,
            "shipping_tax_rate": rate,
            "discount_after_tax": self.discount_after_tax if after_tax is None else after_tax,
        }
