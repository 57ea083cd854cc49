"""Values a sentence holds that each reader writes their own way: an amount in its
currency, a quantity, a day.

A sentence kept to be read later (an order's timeline entry) holds its values, not
their text, so a French reader reads `1 234,50 €` and a Danish one `1.234,50 kr.`. The
domain cannot format them (the one formatter is `l10n.formats`, at the edges), so it
marks them: each type names how it is written (`format_as`), which the edges' renderer
reads, and `str()` gives the plain English form the stored English sentence uses.
`domain.text_data` keeps them in JSON data by the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.money import cents


@dataclass(frozen=True)
class Amount:
    """An amount of money in `currency`, written as money (`8.00 EUR` in plain English)."""

    amount: Decimal
    currency: str
    format_as = "money"

    def __str__(self) -> str:
        return f"{cents(self.amount)} {self.currency}"


@dataclass(frozen=True)
class Quantity:
    """A quantity, written as a number with every decimal it carries."""

    value: Decimal
    format_as = "number"

    def __str__(self) -> str:
        return format(Decimal(self.value).normalize(), "f")


@dataclass(frozen=True)
class Day:
    """A calendar day, written the reader's way (`2026-05-01` in plain English)."""

    day: date
    format_as = "date"

    def __str__(self) -> str:
        return self.day.isoformat()
