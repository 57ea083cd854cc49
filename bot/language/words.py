"""Reading the words of a command line: tokens, `key:value` options, dates and numbers.

Names with spaces are quoted (`"Acme SA"`); dates accept 2026-12-03, 03/12/2026 (day
first), today, tomorrow, +7d and +2w.
"""

from __future__ import annotations

import io
import re
import shlex
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from domain.money import to_decimal
from domain.orders.written_dates import parse_date as read_written_date
from l10n.translation import gettext


class UsageError(Exception):
    """A command line that does not fit its form; `form` is the right one."""

    def __init__(self, message: str, form: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.form = form


@dataclass
class Args:
    """A command line split into positional words, options and flags."""

    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


class Quoted(str):
    """A word typed in quotes: a word as it is (a product code `"1234"`, a name), never
    a flag, a price, or an option the form does not have (`"ref:PO 77"` is still ref:)."""

    __slots__ = ()


def split_words(text: str) -> list[str]:
    """Split like a shell, accepting typographic quotes; UsageError on an open quote.
    A word that begins with a quote comes as `Quoted`."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    stream = io.StringIO(text, newline="")
    lexer = shlex.shlex(stream, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        while True:
            # The lexer reads one character at a time: where it stands is where the next
            # word may begin, after the blanks.
            start = len(text) - len(text[stream.tell() :].lstrip(lexer.whitespace))
            word = lexer.get_token()
            if word is None:
                return words
            quoted = text[start : start + 1] in ('"', "'")
            words.append(Quoted(word) if quoted else word)
    except ValueError:
        raise UsageError(
            gettext('a quote is not closed; put names with spaces in "double quotes"')
        ) from None


def parse_args(words: list[str], options: set[str], flags: set[str]) -> Args:
    """Sort words into positionals, `key:value` options (known keys) and flags."""
    args = Args()
    for word in words:
        key, sep, value = word.partition(":")
        lowered = key.lower()
        if sep and lowered in options:
            if not value:
                raise UsageError(gettext("{key}: needs a value, like {key}:VALUE", key=key))
            args.options[lowered] = value
        elif not isinstance(word, Quoted) and (
            word.lower() in flags or word.lower().lstrip("-") in flags
        ):
            args.flags.add(word.lower().lstrip("-"))
        else:
            args.words.append(word)
    return args


def number(text: str, what: str) -> Decimal:
    """A number typed by a person; UsageError naming `what` otherwise."""
    try:
        return to_decimal(text)
    except ValueError:
        raise UsageError(
            gettext("{what} {typed} is not a number", what=what, typed=repr(text))
        ) from None


def positive(text: str, what: str) -> Decimal:
    """A number above zero."""
    value = number(text, what)
    if value <= 0:
        raise UsageError(gettext("{what} {typed} must be more than 0", what=what, typed=text))
    return value


def whole(text: str, what: str) -> int:
    """A whole number (shipment numbers, case ids)."""
    if not text.isdigit():
        raise UsageError(
            gettext("{what} {typed} is not a whole number", what=what, typed=repr(text))
        )
    return int(text)


_RELATIVE = re.compile(r"^\+(\d+)([dw])$")
# Today and tomorrow in each language orderbot speaks; Danish written in one word too,
# French with the typographic apostrophe phones and Slack put in.
_TODAY = frozenset({"today", "aujourd'hui", "aujourd\u2019hui", "i dag", "idag"})
_TOMORROW = frozenset({"tomorrow", "demain", "i morgen", "imorgen"})


def parse_date(text: str, today: date) -> date:
    """A date as people type it; UsageError with the accepted forms otherwise."""
    word = " ".join(text.lower().split())
    if word in _TODAY:
        return today
    if word in _TOMORROW:
        return today + timedelta(days=1)
    relative = _RELATIVE.match(word)
    if relative:
        amount = int(relative.group(1)) * (7 if relative.group(2) == "w" else 1)
        return today + timedelta(days=amount)
    written = read_written_date(text)
    if written is not None:
        return written
    raise UsageError(
        gettext(
            "{typed} is not a date; use 2026-12-03, 03/12/2026 (day first), today, tomorrow or +7d",
            typed=repr(text),
        )
    )


def amount_or_percent(text: str, what: str) -> tuple[Decimal, bool]:
    """`10%` -> (10, True); `25.00` -> (25.00, False)."""
    if text.endswith("%"):
        return number(text[:-1], what), True
    return number(text, what), False


def typed(words: list[str]) -> str:
    """The words a person typed, as a refusal quotes them back ("nothing" when none)."""
    return " ".join(words) or gettext("nothing")
