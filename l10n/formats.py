"""Amounts, numbers and dates as people read them, in one locale (Babel, CLDR data).

The one formatter of every view: the console and Slack, mails, the tracking page and the
import reports all call these, so an amount reads the same at every door (English
`€1,234.50`, French `1 234,50 €`, Danish `1.234,50 kr.`). Amounts are rounded to the
currency's decimals; with `exact` (unit prices) every decimal the value carries is kept.
Quantities and other numbers keep every decimal they carry unless `decimals` is given.
Dates take a Babel format: a CLDR name ("short", "medium", "long") or a pattern; the
ISO patterns below serve the team's views (job runs, notes), where a sortable date
reads better than a sentence. Machine output (JSON, payloads) is never formatted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

DEFAULT_LOCALE = "en"
ISO_DATE = "yyyy-MM-dd"
ISO_MINUTE = "yyyy-MM-dd HH:mm"
ISO_SECOND = "yyyy-MM-dd HH:mm:ss"

Number = Decimal | int | str


@cache
def locale_of(name: str | None) -> Locale:
    """The Babel locale of `name` ("fr", "fr_FR", "fr-FR"); English when unknown."""
    try:
        return Locale.parse((name or DEFAULT_LOCALE).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LOCALE)


def _decimal(value: Number | float) -> Decimal:
    if isinstance(value, float):  # a measure (seconds), never money: its shortest repr
        return Decimal(repr(value))
    return value if isinstance(value, Decimal) else Decimal(value)


def out_of_range(value: Number | float) -> str:
    """A value no formatter can handle (stored before orderbot bounded numbers, or a total
    that could not be computed of one), shown raw and marked."""
    text = str(value).lower()
    if text in ("nan", "snan"):
        return "(out of range)"
    return f"{text if len(text) <= 24 else text[:20] + '…'} (out of range)"


def _guarded(format_it: Callable[[], str], value: Number | float) -> str:
    if isinstance(value, Decimal) and not value.is_finite():
        return out_of_range(value)
    try:
        return format_it()
    except ArithmeticError:  # Babel's quantize overflows on a million-digit number
        return out_of_range(value)


def money(amount: Number, currency: str, locale: str | None = None, *, exact: bool = False) -> str:
    """An amount with its currency: `€1,234.50`; `exact` keeps decimals beyond the cent."""
    return _guarded(
        lambda: format_currency(
            _decimal(amount), currency, locale=locale_of(locale), decimal_quantization=not exact
        ),
        amount,
    )


def number(value: Number | float, locale: str | None = None, decimals: int | None = None) -> str:
    """A number with the locale's separators: every decimal it carries, or `decimals`."""
    if decimals is None:
        return _guarded(
            lambda: format_decimal(
                _decimal(value), locale=locale_of(locale), decimal_quantization=False
            ),
            value,
        )
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _guarded(
        lambda: format_decimal(_decimal(value), format=pattern, locale=locale_of(locale)), value
    )


def percent(value: Number, locale: str | None = None) -> str:
    """A rate written in percent (20 -> `20%`, 5.5 -> `5.5%` / `5,5 %`)."""
    return _guarded(
        lambda: format_percent(
            _decimal(value) / 100, locale=locale_of(locale), decimal_quantization=False
        ),
        value,
    )


def file_size(size: int, locale: str | None = None) -> str:
    """A size in bytes in the largest unit it fills, the locale's way: `3.4 MB`,
    `3,4 Mo`, `512 bytes`."""
    where = locale_of(locale)
    for unit, name in ((1024**3, "gigabyte"), (1024**2, "megabyte"), (1024, "kilobyte")):
        if size >= unit:
            value = (Decimal(size) / unit).quantize(Decimal("0.1"))
            return format_unit(value, f"digital-{name}", "short", "#,##0.#", locale=where)
    return format_unit(size, "digital-byte", "long", "#,##0", locale=where)


def listing(items: list[str], locale: str | None = None) -> str:
    """Items said one after the other: `a, b, c` in English, `a, b et c` in French."""
    return format_list(items, style="unit", locale=locale_of(locale)) if items else ""


def date(day: dt.date | str, locale: str | None = None, format: str = "medium") -> str:
    """A date (an ISO string is read first): `Jan 3, 2024`, `3 janvier 2024`, `2024-01-03`."""
    value = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(value, format=format, locale=locale_of(locale))


def datetime(
    at: dt.datetime | str,
    locale: str | None = None,
    format: str = "medium",
    zone: dt.tzinfo | None = None,
) -> str:
    """A moment, in `zone` when given (else its own; a naive one is read as UTC)."""
    value = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
    return format_datetime(value, format=format, tzinfo=zone, locale=locale_of(locale))


@dataclass(frozen=True)
class Formats:
    """One view's formats: its locale and the currency its amounts are in."""

    currency: str = "EUR"
    locale: str = DEFAULT_LOCALE

    def money(self, amount: Number, *, exact: bool = False) -> str:
        """An amount in this view's currency."""
        return money(amount, self.currency, self.locale, exact=exact)

    def number(self, value: Number | float, decimals: int | None = None) -> str:
        """A quantity or count."""
        return number(value, self.locale, decimals)

    def percent(self, value: Number) -> str:
        """A rate in percent."""
        return percent(value, self.locale)

    def date(self, day: dt.date | str, format: str = ISO_DATE) -> str:
        """A date; ISO unless told otherwise (the team's views)."""
        return date(day, self.locale, format)

    def datetime(self, at: dt.datetime | str, format: str = ISO_MINUTE) -> str:
        """A moment in its own zone; ISO to the minute unless told otherwise."""
        return datetime(at, self.locale, format)
