"""The helper process: jobs answered, withdrawn when not yet given, left to the asker
when they fail or the helper is gone; the helper ends when its input does."""

from __future__ import annotations

import sys
import threading

import pytest

from store import worker as helper
from store.worker import Job, Worker


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Job kinds for these tests, run in the helper from this test module."""
    monkeypatch.setitem(helper.KINDS, "upper", "tests.unit.store.test_worker:_upper")
    monkeypatch.setitem(helper.KINDS, "fail", "tests.unit.store.test_worker:_fail")
    monkeypatch.setitem(helper.KINDS, "wait", "tests.unit.store.test_worker:_wait")


def _upper(text: str) -> str:
    return text.upper()


def _fail() -> None:
    raise ValueError("no")


def _wait(seconds: float) -> float:
    threading.Event().wait(seconds)
    return seconds


SERVE = (
    "import store.worker as w, sys; "
    "w.KINDS.update(upper='tests.unit.store.test_worker:_upper',"
    " fail='tests.unit.store.test_worker:_fail',"
    " wait='tests.unit.store.test_worker:_wait'); w.serve(sys.stdin.buffer, sys.stdout.buffer)"
)
"""A helper that knows this module's job kinds too."""


@pytest.fixture
def worker(kinds: None) -> Worker:
    found = Worker([sys.executable, "-c", SERVE])
    yield found  # type: ignore[misc]
    found.close()


def test_a_job_is_answered(worker: Worker) -> None:
    assert worker.submit("upper", "abc").result(withdraw=False) == "ABC"


def test_a_job_that_fails_there_is_left_to_the_asker(worker: Worker) -> None:
    assert worker.submit("fail").result(withdraw=False) is None
    assert worker.submit("upper", "still here").result(withdraw=False) == "STILL HERE"


def test_a_job_not_yet_given_is_withdrawn(worker: Worker) -> None:
    busy = worker.submit("wait", 0.5)
    queued = worker.submit("upper", "later")
    assert queued.result() is None  # the helper is busy: the asker does this one
    assert busy.result(withdraw=False) == 0.5  # a job the helper has is waited for


def test_jobs_for_a_helper_that_is_gone_are_left_to_the_askers(kinds: None) -> None:
    gone = Worker([sys.executable, "-c", "0"])
    first: Job = gone.submit("upper", "x")
    assert first.result(timeout=10, withdraw=False) is None
    assert gone.submit("upper", "y").result() is None  # nothing more goes to it
    gone.close()


def test_the_helper_ends_when_its_input_does(worker: Worker) -> None:
    assert worker.submit("upper", "x").result(withdraw=False) == "X"
    worker.close()
    assert worker.process.returncode == 0  # ended of itself, not killed
