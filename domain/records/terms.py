"""Payment terms: the declared table of what an order's `terms` mean, and the due date
of an invoice made under them.

A term is a number of days after the invoice date, optionally carried to the end of
the month that day falls in ("30 days end of month": the invoice date plus 30 days,
then the last day of that month, as the French "30 jours fin de mois"). The table is
small and declared here; the `PAYMENT_TERMS` setting adds terms of its own
(`Net 10=10; 45 days end of month=45 eom`) and `PAYMENT_TERMS_DEFAULT` names the term
of an order that gives none. Terms are found by name whatever their case and spacing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.texts import Text, _

MAX_DAYS = 366
"""The longest term a setting may declare."""


@dataclass(frozen=True)
class PaymentTerm:
    """A named term: `days` after the invoice date, carried to the month's end or not."""

    name: str
    days: int
    end_of_month: bool = False

    def due(self, invoiced: date) -> date:
        """The due date of an invoice dated `invoiced`."""
        day = invoiced + timedelta(days=self.days)
        if self.end_of_month:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.replace(day=last)
        return day


BUILT_IN = (
    PaymentTerm("on receipt", 0),
    PaymentTerm("Net 7", 7),
    PaymentTerm("Net 15", 15),
    PaymentTerm("Net 30", 30),
    PaymentTerm("Net 45", 45),
    PaymentTerm("Net 60", 60),
    PaymentTerm("30 days end of month", 30, True),
    PaymentTerm("45 days end of month", 45, True),
    PaymentTerm("60 days end of month", 60, True),
)
"""The terms orderbot knows without settings."""

DEFAULT_TERM = "on receipt"


def term_words(name: str) -> Text | str:
    """How a term is named to a reader: a built-in term in the reader's language (it is
    stored by its English name, which a French invoice must not print); a term of the
    `PAYMENT_TERMS` setting in the company's own words, as written."""
    found = next((t for t in BUILT_IN if term_key(t.name) == term_key(name)), None)
    if found is None:
        return name
    if found.days == 0:
        return _("on receipt")
    if found.end_of_month:
        return _("{days} days end of month", days=found.days)
    # Translators: a payment term: due this many days after the invoice date.
    return _("Net {days}", days=found.days)


def term_key(name: str) -> str:
    """How term names are compared: lower case, single spaces."""
    return " ".join(name.lower().split())


_SPEC = re.compile(r"^(?P<days>\d{1,3})(?:\s+(?P<eom>eom))?$", re.IGNORECASE)


def parse_terms(text: str) -> tuple[PaymentTerm, ...]:
    """Terms written as `NAME=DAYS[ eom]; ...` (the `PAYMENT_TERMS` setting); ValueError
    naming the entry that does not read so."""
    found = []
    for entry in (part.strip() for part in text.split(";")):
        if not entry:
            continue
        name, sep, spec = entry.partition("=")
        match = _SPEC.match(spec.strip())
        if not sep or not name.strip() or match is None:
            raise ValueError(f"payment term {entry!r} does not read as NAME=DAYS or NAME=DAYS eom")
        days = int(match.group("days"))
        if days > MAX_DAYS:
            raise ValueError(f"payment term {entry!r}: {days} days is more than {MAX_DAYS}")
        found.append(PaymentTerm(" ".join(name.split()), days, bool(match.group("eom"))))
    return tuple(found)


@dataclass(frozen=True)
class PaymentTerms:
    """The terms in force: the built-in ones, then the settings' (which win by name)."""

    terms: tuple[PaymentTerm, ...] = BUILT_IN
    default: str = DEFAULT_TERM
    _by_key: dict[str, PaymentTerm] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {term_key(t.name): t for t in self.terms})
        if term_key(self.default) not in self._by_key:
            raise ValueError(
                f"the default payment term {self.default!r} is not one of: {self.names()}"
            )

    @classmethod
    def with_settings(cls, extra: str = "", default: str = DEFAULT_TERM) -> PaymentTerms:
        """The built-in terms with those of the settings; ValueError when they do not read."""
        return cls(BUILT_IN + parse_terms(extra), default)

    def names(self) -> str:
        """Every term's name, for messages."""
        return ", ".join(t.name for t in self._by_key.values())

    def find(self, name: str) -> PaymentTerm | None:
        """The term of this name (an empty name: the default), or None."""
        return self._by_key.get(term_key(name or self.default))

    def due(self, name: str, invoiced: date) -> tuple[str, date | None]:
        """(the term applied, the due date) of an invoice dated `invoiced` under the
        order's terms `name`; an unknown term gives no due date and keeps its words."""
        term = self.find(name)
        if term is None:
            return name.strip(), None
        return term.name, term.due(invoiced)
