"""Order arithmetic: line amounts, discounts, taxes, shipping and adjustment, to the cent.

The rules, written once (every view and every invoice reads its amounts from here):
- line amount = quantity x unit price; line net = amount - line discount, a percent of
  the amount or an amount off the line (prorated when part of the line is priced);
- subtotal = sum of line nets;
- the order discount is a percent or a fixed amount, taken before tax (the default: it
  is shared across tax rates in proportion to their nets and lowers each rate's base)
  or after tax (a percent of the goods with their tax; the tax is left as it was);
- shipping is taxed as the order's rules decided when it was made (`TaxRules`):
  not at all, at one tax's rate, or pro rata (shared across the goods' rates in
  proportion to their taxable bases, the usual EU rule);
- tax is computed once per rate on the whole base of that rate (goods and their share
  of shipping), so totals are exact to the cent;
- adjustment is added last, untaxed; gross = subtotal - discount + tax + shipping +
  adjustment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO, allocate, cents, percent_of
from domain.orders.refusals import refused
from domain.text_values import Percent, Price
from domain.texts import _

# What an amount reads when a value stored before the bounds existed (a million-digit
# quantity) cannot be computed with: Decimal's quiet NaN, which l10n shows as out of range.
NOT_COMPUTABLE = Decimal("NaN")

NO_SHIPPING_TAX = "none"
PRORATA = "prorata"
"""The two shipping-tax modes that are not a tax code."""


@dataclass(frozen=True)
class TaxRules:
    """How an order's tax and discount are worked out, as decided when it was made.

    `shipping_tax` is NO_SHIPPING_TAX, PRORATA or a tax code whose rate was
    `shipping_tax_rate` then. The defaults are how orders were priced before these
    rules existed (shipping untaxed, discount before tax)."""

    shipping_tax: str = NO_SHIPPING_TAX
    shipping_tax_rate: Decimal = ZERO
    discount_after_tax: bool = False

    def shipping_bases(
        self, shipping: Decimal, bases: dict[Decimal, Decimal]
    ) -> dict[Decimal, Decimal]:
        """The taxable share of `shipping` at each rate, given the goods' bases by rate."""
        if not shipping or self.shipping_tax == NO_SHIPPING_TAX:
            return {}
        if self.shipping_tax == PRORATA:
            rates = sorted(bases)
            return dict(zip(rates, allocate(shipping, [bases[r] for r in rates]), strict=True))
        return {self.shipping_tax_rate: shipping}


@dataclass(frozen=True)
class PricedQuantity:
    """What the arithmetic needs of a line: quantity, price, line discount (percent and
    amount off), tax rate %."""

    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_rate: Decimal
    discount_amount: Decimal = ZERO

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
        amount = self.amount
        # to the cent, as the percent: a stored 2.500000 must not widen the amounts
        return amount - percent_of(amount, self.discount_percent) - cents(self.discount_amount)


@dataclass(frozen=True)
class OrderDiscount:
    """An order discount: a percentage, or a fixed amount."""

    value: Decimal = ZERO
    is_percent: bool = True

    def amount_on(self, base: Decimal, net: Decimal, whole: Decimal) -> Decimal:
        """The discount on `base`; a fixed amount is prorated by `net` over `whole` (the
        share of the order being priced, when part of an order is invoiced)."""
        if self.is_percent:
            return min(percent_of(base, self.value), base)
        if whole <= 0:
            return ZERO
        return max(min(cents(self.value * net / whole), base), ZERO)

    def check(self, currency: str) -> None:
        """Refuse a negative discount, or a percentage above 100 (an amount is said in
        `currency`, the order's)."""
        shown = Percent(self.value) if self.is_percent else Price(self.value, currency)
        if self.value < 0:
            problem = _("{value} is negative; it must be at least 0", value=shown)
            raise refused("discount", problem, "order.discount_invalid")
        if self.is_percent and self.value > 100:
            problem = _("{value} is more than 100%", value=shown)
            raise refused("discount", problem, "order.discount_invalid")


@dataclass(frozen=True)
class Totals:
    """Every total of an order or of an invoice. `net` is the taxable base of the goods:
    less the discount when it is taken before tax, without it when after."""

    subtotal: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal
    shipping: Decimal
    adjustment: Decimal
    gross: Decimal
    tax_by_rate: tuple[tuple[Decimal, Decimal], ...]
    discount_after_tax: bool = False

    def rows(self) -> list[tuple[str, Decimal | None, Decimal]]:
        """The totals as every view shows them: (what, tax rate or None, amount), in the
        order the arithmetic takes them (the discount before the tax lines when taken
        before tax, after tax and shipping when after); rows of zero are left out, but
        the subtotal and the total."""
        rows: list[tuple[str, Decimal | None, Decimal]] = [("subtotal", None, self.subtotal)]
        discount = [("discount", None, -self.discount)] if self.discount else []
        if not self.discount_after_tax:
            rows += discount
        rows += [("tax", rate, amount) for rate, amount in self.tax_by_rate]
        if self.shipping:
            rows.append(("shipping", None, self.shipping))
        if self.discount_after_tax:
            rows += discount
        if self.adjustment:
            rows.append(("adjustment", None, self.adjustment))
        return [*rows, ("total", None, self.gross)]

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
            discount_after_tax=self.discount_after_tax,
        )


@dataclass(frozen=True)
class LineSums:
    """What the totals need of lines not read: their nets summed by tax rate, the
    highest line number among them, and how many they are (an order read for new lines
    carries them)."""

    nets: tuple[tuple[Decimal, Decimal], ...] = ()
    last_line_no: int = 0
    count: int = 0

    @classmethod
    def of(cls, groups: Iterable[tuple[PricedQuantity, int]], last_line_no: int) -> LineSums:
        """The sums of lines priced alike (`PricedQuantity.net`, the one line arithmetic),
        given each pricing with how many lines have it."""
        nets: dict[Decimal, Decimal] = {}
        lines = 0
        for priced, count in groups:
            nets[priced.tax_rate] = nets.get(priced.tax_rate, ZERO) + priced.net * count
            lines += count
        return cls(tuple(sorted(nets.items())), last_line_no, lines)


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
    rules: TaxRules = TaxRules(),
    carried: LineSums | None = None,
) -> Totals:
    """Totals of `lines` under `rules`; `full_subtotal` (the whole order's subtotal)
    prorates a fixed discount over part of an order; `carried`: the sums of the order's
    other lines, not read."""
    by_rate: dict[Decimal, Decimal] = dict(carried.nets) if carried else {}
    for line in lines:
        by_rate[line.tax_rate] = by_rate.get(line.tax_rate, ZERO) + line.net
    subtotal = sum(by_rate.values(), ZERO)
    whole = subtotal if full_subtotal is None else full_subtotal
    rates = sorted(by_rate)
    bases = dict(by_rate)
    if rules.discount_after_tax:
        goods_tax = sum((percent_of(by_rate[r], r) for r in rates), ZERO)
        order_discount = discount.amount_on(subtotal + goods_tax, subtotal, whole)
    else:
        order_discount = discount.amount_on(subtotal, subtotal, whole)
        shares = allocate(order_discount, [by_rate[r] for r in rates])
        bases = {r: by_rate[r] - share for r, share in zip(rates, shares, strict=True)}
    taxed = dict(bases)
    for rate, share in rules.shipping_bases(shipping, bases).items():
        taxed[rate] = taxed.get(rate, ZERO) + share
    tax_by_rate = tuple((rate, percent_of(taxed[rate], rate)) for rate in sorted(taxed))
    tax = sum((amount for _, amount in tax_by_rate), ZERO)
    return Totals(
        subtotal=subtotal,
        discount=order_discount,
        net=subtotal if rules.discount_after_tax else subtotal - order_discount,
        tax=tax,
        shipping=shipping,
        adjustment=adjustment,
        gross=subtotal - order_discount + tax + shipping + adjustment,
        tax_by_rate=tuple(t for t in tax_by_rate if t[1]),
        discount_after_tax=rules.discount_after_tax,
    )
