"""Written product codes against the catalogue: exact matches (any case), and for a near
miss one "did you mean" suggestion, never a silent guess.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from domain.orders.textparse import LineProblem, OrderLine, ParsedOrder


@dataclass(frozen=True, slots=True)
class MatchedLine:
    """An order line whose product was found in the catalogue, with the catalogue's code."""

    line: OrderLine
    code: str


@dataclass(frozen=True, slots=True)
class MatchedOrder:
    """A parsed order after product matching: taken lines and every problem, by line."""

    order: ParsedOrder
    lines: tuple[MatchedLine, ...]
    problems: tuple[LineProblem, ...]


def _squash(code: str) -> str:
    """A code without case or separators, so WIDGET A, widget-a and WIDGETA compare equal."""
    return re.sub(r"[\s._/-]", "", code.upper())


def suggest_product(written: str, catalogue_codes: Iterable[str]) -> str | None:
    """The one catalogue code closest to a mistyped one; None when nothing or a tie is close."""
    by_upper = {code.upper(): code for code in catalogue_codes}
    squashed = _squash(written)
    same = [code for upper, code in by_upper.items() if _squash(upper) == squashed]
    if len(same) == 1:
        return same[0]
    target = written.upper()
    close = difflib.get_close_matches(target, list(by_upper), n=2, cutoff=0.75)
    if len(close) == 2 and _ratio(target, close[0]) == _ratio(target, close[1]):
        return None  # WIDGET-C is as close to WIDGET-A as to WIDGET-B: suggesting one misleads
    return by_upper[close[0]] if close else None


def _ratio(a: str, b: str) -> float:
    """difflib's similarity of two codes, 0..1."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_products(parsed: ParsedOrder, catalogue_codes: Iterable[str]) -> MatchedOrder:
    """Match products to catalogue codes exactly (any case); a near miss is a problem."""
    codes = list(catalogue_codes)
    by_upper = {code.upper(): code for code in codes}
    matched: list[MatchedLine] = []
    problems = list(parsed.problems)
    for line in parsed.lines:
        code = by_upper.get(line.product.upper())
        if code is not None:
            matched.append(MatchedLine(line, code))
            continue
        guess = suggest_product(line.product, codes)
        reason = f"unknown product '{line.product}'" + (f"; did you mean {guess}?" if guess else "")
        problems.append(LineProblem(line.line_no, line.text, "product.unknown", reason, guess))
    problems.sort(key=lambda p: p.line_no)
    return MatchedOrder(parsed, tuple(matched), tuple(problems))
