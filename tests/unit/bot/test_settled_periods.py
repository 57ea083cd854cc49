"""A subscription's settled periods in words: ordered ones counted, skipped ones listed
with consecutive numbers joined."""

from __future__ import annotations

import pytest

from bot.views.periods import period_numbers, settled_periods
from l10n.formats import Formats

F = Formats("EUR", "en")


@pytest.mark.parametrize(
    ("iteration", "skipped", "said"),
    [
        (0, [], "no period settled yet"),
        (3, [], "3 periods ordered"),
        (4, [1, 2, 3, 4], "no period ordered, periods 1-4 skipped"),
        (4, [2], "3 periods ordered, period 2 skipped"),
        (9, [2, 3, 4, 7], "5 periods ordered, periods 2-4, 7 skipped"),
    ],
)
def test_settled_periods(iteration: int, skipped: list[int], said: str) -> None:
    assert settled_periods(iteration, skipped, F) == said


def test_period_numbers_join_runs() -> None:
    assert period_numbers([7, 1, 2, 3, 5], F) == "1-3, 5, 7"
