"""Values a sentence holds that each reader writes their own way: an amount in its
currency, a unit price, a percentage, a quantity, a count, a file's size, a day, and a
list of sentences.

A sentence kept to be read later (an order's timeline entry) holds its values, not
their text, so a French reader reads `1 234,50 €` and a Danish one `1.234,50 kr.`. The
domain cannot format them (the one formatter is `l10n.formats`, at the edges), so it
marks them: each type names how it is written (`format_as`), which the edges' renderer
reads, and `str()` gives the plain English form the stored English sentence uses.
`domain.text_data` keeps them in JSON data by the same names. A list of sentences (the
changes an edit made) is joined the reader's way (`a, b et c`); its plain English joins
them with commas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.money import cents
from domain.texts import Text


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
class Count:
    """A whole number of things (rows, cells), written with the reader's thousands
    separator (`1,048,576` in plain English, `1 048 576` in French)."""

    value: int
    format_as = "number"

    def __str__(self) -> str:
        return f"{self.value:,}"


@dataclass(frozen=True)
class Size:
    """A size in bytes, written in the largest unit it fills (`3.4 MB` in plain English,
    `3,4 Mo` in French)."""

    bytes: int
    format_as = "size"

    def __str__(self) -> str:
        for unit, name in ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB")):
            if self.bytes >= unit:
                return f"{self.bytes / unit:.1f}".removesuffix(".0") + f" {name}"
        return f"{self.bytes} bytes"


@dataclass(frozen=True)
class Day:
    """A calendar day, written the reader's way (`2026-05-01` in plain English)."""

    day: date
    format_as = "date"

    def __str__(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True)
class Price:
    """A unit price (or an amount off a line) in `currency`, written as money with every
    decimal it carries beyond the cent; its plain English is the number alone (`12.50`,
    `0.333`), as the line edits' entries always wrote it."""

    amount: Decimal
    currency: str
    format_as = "price"

    def __str__(self) -> str:
        normal = Decimal(self.amount).normalize()
        exponent = normal.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -2:
            normal = normal.quantize(Decimal("0.01"))
        return format(normal, "f")


@dataclass(frozen=True)
class Percent:
    """A percentage as people write it (`5%`), given in percent (5 for 5%)."""

    value: Decimal
    format_as = "percent"

    def __str__(self) -> str:
        return f"{format(Decimal(self.value).normalize(), 'f')}%"


@dataclass(frozen=True)
class Sentences:
    """Sentences said one after the other in one place of a sentence, joined the reader's
    way (`price 12.50 -> 11.00, quantity 10 -> 12` in plain English)."""

    items: tuple[Text, ...]
    joined_by: str = ", "  # how the plain English joins them (a customer's changes: "; ")
    format_as = "sentences"

    def __str__(self) -> str:
        return self.joined_by.join(str(item) for item in self.items)
