"""VAT numbers handed ahead to the helper process get the verdicts judged here would
give, whether the helper answers or not."""

from __future__ import annotations

import sys
import time

import pytest

from store.identity.vat_numbers import AHEAD_ABOVE, BATCH, VatJudge, verdict
from store.worker import Worker


def _siren(stem: int) -> str:
    digits, total = f"{stem:08d}", 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return digits + str((10 - total % 10) % 10)


def _numbers(count: int) -> list[str]:
    """French VAT numbers, one in seven with its key off by one (wrong)."""
    found = []
    for n in range(count):
        siren = _siren(10_000_000 + n)
        key = (12 + 3 * (int(siren) % 97)) % 97 + (n % 7 == 0)
        found.append(f"FR{key % 100:02d}{siren}")
    return found


NUMBERS = [*_numbers(2 * BATCH + 123), "CHE123", "DE136695976", "fr", "FR"]


def test_the_helper_answers_as_judging_here_would() -> None:
    assert Worker.shared() is not None
    judge = VatJudge()
    judge.ahead(NUMBERS)
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]
    assert judge.none_wrong([n for n in NUMBERS if verdict(n) is not False])
    assert not judge.none_wrong(NUMBERS)
    assert sum(verdict(n) is False for n in NUMBERS) > BATCH // 7  # the check can fail


def test_few_numbers_or_no_helper_are_judged_here() -> None:
    asked: list[int] = []
    judge = VatJudge(worker=lambda: asked.append(1) or None)  # type: ignore[func-returns-value]
    judge.ahead(NUMBERS[: AHEAD_ABOVE - 1])
    assert asked == []  # no helper for a small file
    judge.ahead(NUMBERS)
    assert asked == [1]  # asked, but none to be had: judged here
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]


def test_a_helper_that_dies_leaves_the_numbers_to_be_judged_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Worker, "_shared", None)
    monkeypatch.setattr(Worker, "_failed", False)
    judge = VatJudge(worker=lambda: Worker.shared(lambda: Worker([sys.executable, "-c", "0"])))
    judge.ahead(NUMBERS)
    deadline = time.monotonic() + 10
    while Worker._shared is not None and time.monotonic() < deadline:
        time.sleep(0.01)  # the feeder finds the helper gone at its first job
    assert Worker.shared() is None  # lost, and not started again in this process
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]
