"""A subscription's settled periods in words: how many were ordered, which were skipped.

Periods are settled in order (ordered, or skipped: missed while paused, passed over by
the catch-up policy, or stopped by a product), so "period 4 done" would hide that a
subscription paused and resumed before its first order has ordered nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from l10n.formats import Formats
from l10n.translation import gettext, ngettext


def _runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs: 2, 3, 4, 7 -> (2, 4), (7, 7)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def period_numbers(numbers: Iterable[int], f: Formats) -> str:
    """Period numbers with consecutive ones joined: "2-4, 7"."""
    return ", ".join(
        f.number(a) if a == b else f"{f.number(a)}-{f.number(b)}" for a, b in _runs(numbers)
    )


def settled_periods(iteration: int, skipped: Iterable[int], f: Formats) -> str:
    """What became of periods 1..`iteration`: "no period settled yet", "3 period(s)
    ordered", "no period ordered, periods 1-4 skipped", "1 period(s) ordered, period 2
    skipped"."""
    if iteration == 0:
        return gettext("no period settled yet")
    passed = {n for n in skipped if 1 <= n <= iteration}
    ordered = iteration - len(passed)
    made = (
        ngettext(
            "{count} period ordered", "{count} periods ordered", ordered, count=f.number(ordered)
        )
        if ordered
        else gettext("no period ordered")
    )
    if not passed:
        return made
    return ngettext(
        "{made}, period {numbers} skipped",
        "{made}, periods {numbers} skipped",
        len(passed),
        made=made,
        numbers=period_numbers(passed, f),
    )
