"""VAT numbers handed ahead to the worker process get the verdicts judged here would
give, whether the worker answers, is late, or is gone."""

from __future__ import annotations

import sys
import time

import pytest

from store.vat_numbers import AHEAD_ABOVE, BATCH, Handed, VatJudge, Worker, verdict


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


class _Dead(Worker):
    """A worker whose process ends at once (a Python that exits)."""

    def __init__(self) -> None:
        super().__init__([sys.executable, "-c", "pass"])


def test_the_worker_answers_as_judging_here_would() -> None:
    worker = Worker.shared()
    assert worker is not None
    judge = VatJudge()
    judge.ahead(NUMBERS)
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]
    assert judge.none_wrong([n for n in NUMBERS if verdict(n) is not False])
    assert not judge.none_wrong(NUMBERS)
    assert sum(verdict(n) is False for n in NUMBERS) > BATCH // 7  # the check can fail


def test_few_numbers_are_judged_here(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    judge = VatJudge(worker=lambda: asked.append(1) or None)  # type: ignore[func-returns-value]
    judge.ahead(NUMBERS[: AHEAD_ABOVE - 1])
    assert asked == []  # no process for a small file
    judge.ahead(NUMBERS)
    assert asked == [1]  # asked, but none to be had: judged here
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]


def test_batches_not_yet_given_to_the_worker_are_judged_here() -> None:
    handed = Handed([NUMBERS[:10], NUMBERS[10:20]])
    assert handed.next_batch() == 0
    handed.answered(0, [True] * 10)  # the worker's say on the first batch stands
    found = handed.collect()
    assert handed.next_batch() is None  # nothing more goes out
    assert [found[n] for n in NUMBERS[:10]] == [True] * 10
    assert [found[n] for n in NUMBERS[10:20]] == [verdict(n) for n in NUMBERS[10:20]]


def test_a_worker_that_dies_leaves_the_numbers_to_be_judged_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Worker, "_shared", None)
    monkeypatch.setattr(Worker, "_failed", False)
    judge = VatJudge(worker=lambda: Worker.shared(_Dead))
    judge.ahead(NUMBERS)
    deadline = time.monotonic() + 10
    while Worker.shared_if_started() is not None and time.monotonic() < deadline:
        time.sleep(0.01)  # the feeder finds the worker gone at its first batch
    assert Worker.shared() is None  # lost, and not started again in this process
    assert [judge.valid(n) for n in NUMBERS] == [verdict(n) for n in NUMBERS]


def test_a_worker_ends_when_its_input_does() -> None:
    worker = Worker()  # not the shared one
    handed = worker.hand([NUMBERS[:50]])
    assert handed.collect() == {n: verdict(n) for n in NUMBERS[:50]}
    worker.close()
    assert worker.process.returncode == 0  # ended of itself, not killed
