"""Order arithmetic: line amounts, discounts, taxes, shipping and adjustment, to the cent.

The rules, written once:
- line amount = quantity x unit price; line net = amount - line discount (percent);
- subtotal = sum of line nets; order discount = percent of subtotal or a fixed amount
  (never more than the subtotal);
- the order discount is shared across tax rates in proportion to their nets, and tax
  is computed once per rate on the discounted base (so totals are exact to the cent);
- shipping charges and adjustment are added after tax, untaxed;
- gross = net + tax + shipping + adjustment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.errors import ValidationFailed
from domain.money import ZERO, allocate, cents, percent_of

# What an amount reads when a value stored before the bounds existed (a million-digit
# quantity) cannot be computed with: Decimal's quiet NaN, which l10n shows as out of range.
NOT_COMPUTABLE = Decimal("NaN")


@dataclass(frozen=True)
class PricedQuantity:
    """What the arithmetic needs of a line: quantity, price, line discount %, tax rate %."""

    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_rate: Decimal

    @property
    def amount(self) -> Decimal:
        """Quantity x unit price, to the cent; NOT_COMPUTABLE when it overflows."""
        try:
            return cents(self.quantity * self.unit_price)
        except ArithmeticError:
            return NOT_COMPUTABLE

    @property
    def net(self) -> Decimal:
        """Amount less the line discount."""
        return self.amount - percent_of(self.amount, self.discount_percent)


@dataclass(frozen=True)
class OrderDiscount:
    """An order discount: a percentage of the subtotal, or a fixed amount."""

    value: Decimal = ZERO
    is_percent: bool = True

    def amount_on(self, subtotal: Decimal, full_subtotal: Decimal | None = None) -> Decimal:
        """The discount on `subtotal`; a fixed amount is prorated when part of the order."""
        if self.is_percent:
            return min(percent_of(subtotal, self.value), subtotal)
        whole = full_subtotal if full_subtotal is not None else subtotal
        if whole <= 0:
            return ZERO
        return min(cents(self.value * subtotal / whole), subtotal)

    def check(self) -> None:
        """Refuse a negative discount, or a percentage above 100."""
        if self.value < 0 or (self.is_percent and self.value > 100):
            raise ValidationFailed.field(
                "discount", "must be 0-100% or a positive amount", "order.discount_invalid"
            )


@dataclass(frozen=True)
class Totals:
    """Every total of an order or of an invoice."""

    subtotal: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal
    shipping: Decimal
    adjustment: Decimal
    gross: Decimal
    tax_by_rate: tuple[tuple[Decimal, Decimal], ...]

    def __sub__(self, other: Totals) -> Totals:
        rates = dict(self.tax_by_rate)
        for rate, amount in other.tax_by_rate:
            rates[rate] = rates.get(rate, ZERO) - amount
        return Totals(
            subtotal=self.subtotal - other.subtotal,
            discount=self.discount - other.discount,
            net=self.net - other.net,
            tax=self.tax - other.tax,
            shipping=self.shipping - other.shipping,
            adjustment=self.adjustment - other.adjustment,
            gross=self.gross - other.gross,
            tax_by_rate=tuple(sorted((r, a) for r, a in rates.items() if a)),
        )


def not_computable() -> Totals:
    """Totals that cannot be computed: every amount NOT_COMPUTABLE, no rates."""
    n = NOT_COMPUTABLE
    return Totals(n, n, n, n, n, n, n, ())


def compute_totals(
    lines: Iterable[PricedQuantity],
    discount: OrderDiscount,
    shipping: Decimal,
    adjustment: Decimal,
    full_subtotal: Decimal | None = None,
) -> Totals:
    """Totals of `lines`; `full_subtotal` prorates a fixed discount over part of an order."""
    by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        by_rate[line.tax_rate] = by_rate.get(line.tax_rate, ZERO) + line.net
    subtotal = sum(by_rate.values(), ZERO)
    order_discount = discount.amount_on(subtotal, full_subtotal)
    rates = sorted(by_rate)
    shares = allocate(order_discount, [by_rate[r] for r in rates])
    tax_by_rate = tuple(
        (rate, percent_of(by_rate[rate] - share, rate))
        for rate, share in zip(rates, shares, strict=True)
    )
    tax = sum((amount for _, amount in tax_by_rate), ZERO)
    net = subtotal - order_discount
    return Totals(
        subtotal=subtotal,
        discount=order_discount,
        net=net,
        tax=tax,
        shipping=shipping,
        adjustment=adjustment,
        gross=net + tax + shipping + adjustment,
        tax_by_rate=tuple(t for t in tax_by_rate if t[1]),
    )
