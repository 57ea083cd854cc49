"""Dates as people write them, and the folding their words are compared in.

`2026-12-03`, `03/12/2026` (day first), `3 décembre 2026`, `3. dec. 2026`, `Dec 3, 2026`,
`tirsdag den 3. december 2026`: English, French and Danish month names and their
abbreviations. Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# --- text folding -------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case without accents, one char per char, so match offsets index the original."""
    return "".join(unicodedata.normalize("NFD", ch)[0].lower()[:1] or ch for ch in text)


# --- dates --------------------------------------------------------------------------------

_MONTHS = {
    # English, French, Danish; each language's abbreviations too (3. dec. 2026)
    **dict.fromkeys(("january", "jan", "janvier", "janv", "januar"), 1),
    **dict.fromkeys(("february", "feb", "fevrier", "fevr", "fev", "februar"), 2),
    **dict.fromkeys(("march", "mar", "mars", "marts"), 3),
    **dict.fromkeys(("april", "apr", "avril", "avr"), 4),
    **dict.fromkeys(("may", "mai", "maj"), 5),
    **dict.fromkeys(("june", "jun", "juin", "juni"), 6),
    **dict.fromkeys(("july", "jul", "juillet", "juil", "juli"), 7),
    **dict.fromkeys(("august", "aug", "aout"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre"), 9),
    **dict.fromkeys(("october", "oct", "octobre", "oktober", "okt"), 10),
    **dict.fromkeys(("november", "nov", "novembre"), 11),
    **dict.fromkeys(("december", "dec", "decembre"), 12),
}
_WEEKDAY = r"(?:[a-z]+\.?,?\s+)?(?:den\s+)?"  # "tirsdag den 3. december"
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_DAY_MONTH = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:er|st|nd|rd|th|\.)?\s+([a-z]+)\.?,?\s+(\d{4})"
)
_DATE_MONTH_DAY = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date(text: str) -> date | None:
    """Read a date as people write it (2026-12-03, 03/12/2026 day first, 3 décembre 2026)."""
    value = fold(text).strip().rstrip(".")
    try:
        if m := _DATE_ISO.fullmatch(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DATE_NUMERIC.fullmatch(value):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _DATE_DAY_MONTH.fullmatch(value)) and m[2] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2]], int(m[1]))
        if (m := _DATE_MONTH_DAY.fullmatch(value)) and m[1] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1]], int(m[2]))
    except ValueError:  # 31/02/2026 matches the shape but is no date
        return None
    return None
