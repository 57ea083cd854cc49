"""The bounds of every value orderbot keeps: digits of numbers, lengths of texts.

One rule for every door and every database: a value out of bounds is refused where it
enters the domain (the commands' annotated types below, the e-mail line parser, the
spreadsheet cell readers) with a message naming the field and its limit, so nothing
that PostgreSQL would refuse, or that arithmetic cannot handle, is ever written. The
store's columns are sized from these numbers (store/tables).

Counting digits reads the Decimal's tuple, never does arithmetic on it: a value like
1e999999 must be measured without overflowing the context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator

from domain import text_values, texts
from domain.errors import ValidationFailed
from domain.orders.refusals import field_name, refused
from domain.text_values import Count
from domain.texts import _


@dataclass(frozen=True)
class NumberBound:
    """At most `digits` digits before the point and `decimals` after; optionally a range."""

    digits: int
    decimals: int
    low: Decimal | None = None
    high: Decimal | None = None

    def out_of_bounds(self, field: str, value: Decimal) -> texts.Text:
        """Why `value` does not fit, naming `field` and the bound, as one sentence."""
        name, typed = field_name(field), shown(value)
        if self.low is not None and self.high is not None:
            return _(
                "{field} {value} is out of bounds: between {low} and {high} with at most "
                "{decimals} decimals",
                field=name, value=typed, low=self.low, high=self.high, decimals=self.decimals,
            )  # fmt: skip
        return _(
            "{field} {value} is out of bounds: at most {digits} digits before the point and "
            "{decimals} after",
            field=name, value=typed, digits=self.digits, decimals=self.decimals,
        )  # fmt: skip


# Quantities and prices: 12 digits and 6 decimals (a millionth of a kilogram or a cent).
QUANTITY = NumberBound(12, 6)
PRICE = NumberBound(12, 6)
# Money typed as an amount (discount amount, shipping, adjustment): to the cent.
AMOUNT = NumberBound(12, 2)
# Percentages (line discounts, order discount as a percent, tax rates).
PERCENT = NumberBound(3, 2, Decimal(0), Decimal(100))

# What a line (quantity x price) and an order (its gross) may amount to. The invoice
# columns hold 14 digits before the point; 12 leaves room for what an invoice adds
# (tax at up to 100%, shipping, adjustment) and is the bound of every typed amount.
LINE_AMOUNT_DIGITS = 12
ORDER_TOTAL_DIGITS = 12

# A number longer than this is shown cut short in a refusal.
SHOWN_LENGTH = 40

# Lengths of texts; the store's String columns have exactly these sizes.
ORDER_CODE = 32
CUSTOMER_CODE = 64
ADDRESS_CODE = 64
PRODUCT_CODE = 64
TAX_CODE = 32
NAME = 200
EMAIL = 254
PHONE = 40
VAT_NUMBER = 32
LANGUAGE = 8
STREET = 300
CITY = 120
POSTAL_CODE = 20
STATE = 120
COUNTRY = 2
REFERENCE = 120
TERMS = 120  # payment terms, delivery method, warehouse, carrier, tracking number
DESCRIPTION = 300
CASE_TITLE = 300
PRIORITY = 32
FREQUENCIES = 40
CATALOGUE_NAME = 64
SOURCE_CODE = 32
# Free texts are stored as TEXT (no limit in the column), bounded here so that one
# pasted document cannot become a remark or a note.
REMARKS = 2000
NOTE = 4000


def shown(value: Decimal) -> str | texts.Text:
    """A number as the person typed it, cut short when it is very long (then said as a
    sentence: its beginning and how long it is)."""
    text = str(value).lower()
    if len(text) <= SHOWN_LENGTH:
        return text
    return _("{start}…({length} characters)", start=text[:20], length=Count(len(text)))


def _as(value: Decimal, written: Callable[[Decimal], object]) -> object:
    """`value` as `written` says (an amount in its currency, a quantity) when it can be
    written whole; a value too long for that is shown as typed, cut short."""
    if not value.is_finite() or len(str(value)) > SHOWN_LENGTH:
        return shown(value)
    return written(value)


def number_problem(field: str, value: Decimal, bound: NumberBound) -> texts.Text | None:
    """Why `value` is out of `bound`, naming `field`; None when it fits."""
    if not value.is_finite():
        return _("{field} {value} is not a number", field=field_name(field), value=shown(value))
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = len(digits)
    while significant and digits[significant - 1] == 0:
        significant -= 1
        exponent += 1
    if significant:
        before = significant + exponent  # digits before the point
        after = max(0, -exponent)
        fits = before <= bound.digits and after <= bound.decimals
        if fits and bound.low is not None and bound.high is not None:
            fits = bound.low <= value <= bound.high
        if not fits:
            return bound.out_of_bounds(field, value)
    return None


def text_problem(field: str, value: str, limit: int) -> texts.Text | None:
    """Why `value` is too long for `field`; None when it fits."""
    if len(value) > limit:
        return _(
            "{field} is {length} characters long; at most {limit}",
            field=field_name(field), length=len(value), limit=limit,
        )  # fmt: skip
    return None


def check_number(field: str, value: Decimal, bound: NumberBound) -> Decimal:
    """`value`, or ValidationFailed naming the field and its bound."""
    problem = number_problem(field, value, bound)
    if problem is not None:
        raise ValidationFailed("validation.out_of_bounds", problem, ())
    return value


def check_text(field: str, value: str, limit: int) -> str:
    """`value`, or ValidationFailed naming the field and its length limit."""
    problem = text_problem(field, value, limit)
    if problem is not None:
        raise ValidationFailed("validation.too_long", problem, ())
    return value


def _too_large(value: Decimal, digits: int) -> bool:
    """Whether `value` has more than `digits` digits before the point (NaN: an amount
    that could not be computed, which no bound holds)."""
    return not value.is_finite() or abs(value) >= Decimal(10) ** digits


def check_line_amount(
    line_no: int, quantity: Decimal, price: Decimal, amount: Decimal, currency: str
) -> None:
    """ValidationFailed when line `line_no`'s amount (quantity x price) is too large (the
    price and the amount said in `currency`, the order's)."""
    if _too_large(amount, LINE_AMOUNT_DIGITS):
        problem = _(
            "{quantity} x {price} = {amount} is more than an order line may amount to (at "
            "most {digits} digits before the point)",
            quantity=_as(quantity, text_values.Quantity),
            price=_as(price, lambda v: text_values.Price(v, currency)),
            amount=_as(amount, lambda v: text_values.Amount(v, currency)),
            digits=LINE_AMOUNT_DIGITS,
        )  # fmt: skip
        label = _("line {number}", number=line_no)
        raise refused(f"line {line_no}", problem, "validation.out_of_bounds", label)


def check_order_total(code: str, gross: Decimal, currency: str) -> None:
    """ValidationFailed when order `code`'s gross total is too large (said in `currency`,
    the order's)."""
    if _too_large(gross, ORDER_TOTAL_DIGITS):
        problem = _(
            "{code} would amount to {amount}, more than an order may amount to (at most "
            "{digits} digits before the point)",
            code=code, amount=_as(gross, lambda v: text_values.Amount(v, currency)),
            digits=ORDER_TOTAL_DIGITS,
        )  # fmt: skip
        raise refused("total", problem, "validation.out_of_bounds")


def _number(field: str, bound: NumberBound) -> Callable[[Decimal], Decimal]:
    def check(value: Decimal) -> Decimal:
        return check_number(field, value, bound)

    return check


def _text(field: str, limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        return check_text(field, value, limit)

    return check


def Number(field: str, bound: NumberBound) -> AfterValidator:
    """The annotation of a command field holding a bounded number."""
    return AfterValidator(_number(field, bound))


def Text(field: str, limit: int) -> AfterValidator:
    """The annotation of a command field holding a bounded text."""
    return AfterValidator(_text(field, limit))


Quantity = Annotated[Decimal, Number("quantity", QUANTITY)]
Price = Annotated[Decimal, Number("price", PRICE)]
Percent = Annotated[Decimal, Number("discount", PERCENT)]
ProductCode = Annotated[str, Text("product", PRODUCT_CODE)]
CustomerCode = Annotated[str, Text("customer", CUSTOMER_CODE)]
OrderCode = Annotated[str, Text("order", ORDER_CODE)]
Remarks = Annotated[str, Text("remarks", REMARKS)]
