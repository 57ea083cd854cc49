"""Money arithmetic: Decimal amounts rounded half-up to the cent, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DEFAULT_CURRENCY = "EUR"
"""An order's currency when nothing decided one (the money rules decide it at creation)."""
# Quantities sum from a bare zero so that 10 - 6 reads "4", not "4.00".
NO_QUANTITY = Decimal(0)
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    """Round an amount half-up to two decimals."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Read a number written by a person ("12.50", "12,50", 12) as Decimal; ValueError if not."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return result


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """`percent` % of `amount`, rounded to the cent."""
    return cents(amount * percent / HUNDRED)


def allocate(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` across `weights` in proportion, to the cent, summing exactly to `total`."""
    weight_sum = sum(weights, ZERO)
    if not weights:
        return []
    if weight_sum == 0:
        return [ZERO for _ in weights]
    shares = [cents(total * w / weight_sum) for w in weights]
    shares[-1] += total - sum(shares, ZERO)
    return shares
