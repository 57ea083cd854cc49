"""Requests for an order's status: `status SO-00042` (`statut`, `état`, "où en est ...",
"where is ...", "hvor er ...") in a text, or one of our order codes in a subject, for the
order prefixes the business numbers with. Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """A request for an order's status, and where it was found."""

    order_code: str
    source: Literal["body", "subject"]


ORDER_PREFIXES = ("SO-",)
"""The prefixes of order codes a text may name when none are given: today's default."""


# --- status requests ----------------------------------------------------------------------


_ASKING = (
    r"status|statut|[ée]tat"
    # how customers ask it in their own words: "où en est ma commande SO-1 ?",
    # "where is my order SO-1?", "hvor er / hvor bliver min ordre SO-1 af?"
    r"|o[uù]\s+en\s+est|where\s+is|where's|hvor\s+(?:er|bliver)"
)
"""The words that ask for an order's status when an order code follows them closely."""


@functools.lru_cache(maxsize=8)
def _status_patterns(prefixes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The patterns of a status request in a body, and of an order code in a subject (an
    empty prefix makes any number a code: too loose for a subject, so none there)."""
    codes = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
    code = rf"((?:{codes})\d{{1,10}})\b"
    body = re.compile(rf"\b(?:{_ASKING})\b[^\n]{{0,40}}?(?<![\w/.-]){code}", re.I)
    marked = [re.escape(p) for p in prefixes if p]
    subject = rf"(?<![\w/.-])((?:{'|'.join(marked)})\d{{1,10}})\b" if marked else None
    return body, re.compile(subject, re.I) if subject else None


def find_status_request(
    text: str, subject: str = "", prefixes: tuple[str, ...] = ORDER_PREFIXES
) -> StatusRequest | None:
    """`status SO-00042` / `statut SO-00042` in the text, else an order code in the subject;
    `prefixes` are those of the order codes to look for.

    A subject code alone is only a hint (a reply on an order's thread): the caller treats it
    as a status request when the body holds no order of its own.
    """
    body, in_subject = _status_patterns(prefixes)
    if m := body.search(text):
        return StatusRequest(m[1].upper(), "body")
    if in_subject is not None and (m := in_subject.search(subject)):
        return StatusRequest(m[1].upper(), "subject")
    return None


def subject_code(prefixes: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern of one of our order codes in a subject (none for an empty prefix)."""
    return _status_patterns(prefixes)[1]
