"""Order lines: what a line holds, how it is priced, and what is still to ship of it.

A line discount is a percent of the line's amount (`-10%`) or an amount off the line
(`-2.50`), never both; `read_line_discount` is how every door reads one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.errors import FieldError, ValidationFailed
from domain.money import ZERO, cents, to_decimal
from domain.orders.refusals import refused
from domain.orders.totals import PricedQuantity
from domain.text_values import Amount, Percent, Price, Quantity
from domain.texts import _


def read_line_discount(text: str) -> tuple[Decimal, Decimal]:
    """A typed line discount as (percent, amount): `-10%` -> (10, 0), `-2.50` -> (0, 2.50);
    ValidationFailed of the discount, saying what was expected, when it is neither (its
    message is the problem alone: the door says whose discount it is)."""
    body = text.strip().removeprefix("-")
    try:
        if body.endswith("%"):
            return to_decimal(body[:-1]), ZERO
        return ZERO, to_decimal(body)
    except ValueError:
        problem = _(
            "a line discount is a percent or an amount off the line (-10% or -2.50), not '{typed}'",
            typed=text,
        )
        error = FieldError("discount", str(problem))
        raise ValidationFailed("order.discount_unreadable", problem, (error,)) from None


@dataclass(frozen=True)
class LineSpec:
    """A line to add, with the product's data already looked up by the service."""

    product_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_code: str | None
    tax_rate: Decimal
    discount_percent: Decimal = ZERO
    remarks: str = ""
    discount_amount: Decimal = ZERO


@dataclass(frozen=True)
class BackorderLine:
    """Confirmed quantity not yet shipped, and when it is expected."""

    line_no: int
    product_code: str
    quantity: Decimal
    shipment_number: int
    expected: date | None


@dataclass(eq=False)
class OrderLine:
    """A line of an order; its amount is computed, never typed."""

    line_no: int
    product_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_code: str | None = None
    tax_rate: Decimal = ZERO
    discount_percent: Decimal = ZERO
    remarks: str = ""
    discount_amount: Decimal = ZERO
    id: int | None = None

    def priced(self, quantity: Decimal | None = None) -> PricedQuantity:
        """This line's arithmetic, for its own or another quantity (an amount off the
        line is prorated to that quantity)."""
        qty = self.quantity if quantity is None else quantity
        off = self.discount_amount
        if off and qty != self.quantity:
            off = cents(off * qty / self.quantity) if self.quantity else ZERO
        return PricedQuantity(qty, self.unit_price, self.discount_percent, self.tax_rate, off)

    @property
    def amount(self) -> Decimal:
        """Quantity x unit price."""
        return self.priced().amount

    @property
    def net(self) -> Decimal:
        """Amount less the line discount."""
        return self.priced().net


def validate_line(spec: LineSpec, currency: str) -> None:
    """Refuse a line whose quantity, price or discount cannot be (its amounts said in
    `currency`, the order's)."""
    product = spec.product_code
    if spec.quantity <= 0:
        problem = _(
            "{product}: quantity {quantity} must be more than 0",
            product=product, quantity=Quantity(spec.quantity),
        )  # fmt: skip
        raise refused("quantity", problem, "order.quantity_invalid")
    if spec.unit_price < 0:
        problem = _(
            "{product}: price {price} is negative",
            product=product, price=Price(spec.unit_price, currency),
        )  # fmt: skip
        raise refused("price", problem, "order.price_invalid")
    if not ZERO <= spec.discount_percent <= 100:
        problem = _(
            "{product}: discount {discount} must be between 0 and 100%",
            product=product, discount=Percent(spec.discount_percent),
        )  # fmt: skip
        raise refused("discount", problem, "order.discount_invalid")
    check_discount_amount(spec, currency)


def check_discount_amount(spec: LineSpec, currency: str) -> None:
    """Refuse an amount off a line that is negative, beyond the line's amount, or given
    with a percent (the amounts said in `currency`, the order's)."""
    off = spec.discount_amount
    if not off:
        return
    if spec.discount_percent:
        problem = _(
            "{product}: a line discount is a percent or an amount, not both",
            product=spec.product_code,
        )
        raise refused("discount", problem, "order.discount_invalid")
    amount = PricedQuantity(spec.quantity, spec.unit_price, ZERO, ZERO).amount
    if off < 0 or not amount.is_finite() or off > amount:
        problem = _(
            "{product}: discount {discount} must be between 0 and the line's amount {amount}",
            product=spec.product_code, discount=Price(off, currency),
            amount=Amount(amount, currency) if amount.is_finite() else amount,
        )  # fmt: skip
        raise refused("discount", problem, "order.discount_invalid")
