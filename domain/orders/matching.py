"""Written product codes against the catalogue: exact matches (any case), and for a near
miss one "did you mean" suggestion (the rule of `domain.suggestions`), never a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.orders.textparse import LineProblem, OrderLine, ParsedOrder
from domain.suggestions import closest
from domain.texts import _


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


def suggest_product(written: str, catalogue_codes: Iterable[str]) -> str | None:
    """The one catalogue code closest to a mistyped one (`domain.suggestions`' rule);
    None when nothing, or a tie, is close."""
    return closest(written, catalogue_codes)


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
        reason = (
            _("unknown product '{product}'; did you mean {suggestion}?",
              product=line.product, suggestion=guess)
            if guess
            else _("unknown product '{product}'", product=line.product)
        )  # fmt: skip
        problems.append(LineProblem(line.line_no, line.text, "product.unknown", reason, guess))
    problems.sort(key=lambda p: p.line_no)
    return MatchedOrder(parsed, tuple(matched), tuple(problems))
