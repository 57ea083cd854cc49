""" "Did you mean": the one rule every door uses to name the closest of known words.

A word typed wrong — a command (`shwo`), an option (`dicsount:`), a product code
(`WIDGT-A`), a customer code — is compared with the words that exist, and at most one is
suggested, never silently taken by a door that can ask again:

1. the same word but for case and separators (`widget a` for `WIDGET-A`) when exactly one
   is;
   A number (`42`) that is a known code of digits but for the leading zeros a spreadsheet
   drops from a number cell (`00042`) counts as the same word, when exactly one is;
   when two are (`042`, `0042`), none is suggested.
2. else, for the words of the command language (`beginnings=True`), a word the typed
   one begins (at least `PREFIX_MIN` characters) when exactly one does (`conf` for
   `confirm`); codes are not guessed from their beginning (`BOX` is not `BOX-LARGE`);
3. else the most similar by rapidfuzz's edit distances, the better of the Indel ratio and
   the optimal-string-alignment similarity (so a swap of two letters, `shwo`, counts as
   one slip), when it reaches `CUTOFF` and no other word is as close: suggesting one of
   two equally close words would mislead.

Pure computation, no I/O: the doors and services hand the known words in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

CUTOFF = 75.0
"""The least similarity (0-100) of a suggestion."""
PREFIX_MIN = 3
"""A typed word this long or longer may be the beginning of a known one."""
_SEPARATORS = re.compile(r"[\s._/-]")


def _squash(word: str) -> str:
    """A word without case or separators, so WIDGET A, widget-a and WIDGETA compare equal."""
    return _SEPARATORS.sub("", word.upper())


def similarity(typed: str, known: str) -> float:
    """How alike two words are, 0-100, without case."""
    a, b = typed.upper(), known.upper()
    return max(fuzz.ratio(a, b), OSA.normalized_similarity(a, b) * 100)


def closest(typed: str, known: Iterable[str], beginnings: bool = False) -> str | None:
    """The one known word closest to `typed` by the rule above; None when none is."""
    words = list(dict.fromkeys(known))
    if not typed or not words:
        return None
    squashed = _squash(typed)
    same = [word for word in words if _squash(word) == squashed]
    if len(same) == 1:
        return same[0]
    if typed.isdigit():
        padded = [
            w for w in words if w.isdigit() and w != typed and w.lstrip("0") == typed.lstrip("0")
        ]
        if padded:
            return padded[0] if len(padded) == 1 else None
    if beginnings and len(squashed) >= PREFIX_MIN:
        begun = [word for word in words if _squash(word).startswith(squashed)]
        if len(begun) == 1:
            return begun[0]
    scored = sorted(((similarity(typed, word), word) for word in words), reverse=True)
    best, word = scored[0]
    if best < CUTOFF or (len(scored) > 1 and scored[1][0] == best):
        return None
    return word
