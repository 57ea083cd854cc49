"""The listener's waits: a failing mail's next attempt, and reconnecting after a failure."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.inbox.mail import Failure
from mail.inbound.pacing import Backoff, next_attempt

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_each_attempt_waits_twice_as_long_up_to_the_cap() -> None:
    waits = [(next_attempt(Failure(n, AT), 60, 600) - AT).total_seconds() for n in range(1, 6)]
    assert waits == [60, 120, 240, 480, 600]


def test_the_reconnect_wait_grows_is_capped_and_starts_again_only_when_told() -> None:
    whole = Backoff(1, 8, jitter=lambda: 1.0)
    assert [whole.next() for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    whole.reset()  # a pass advanced
    assert whole.next() == 1
    half = Backoff(1, 8, jitter=lambda: 0.0)
    assert [half.next() for _ in range(5)] == [0.5, 1, 2, 4, 4]


def test_the_jitter_keeps_a_wait_between_half_and_all_of_it() -> None:
    backoff = Backoff(10, 10)
    waits = [backoff.next() for _ in range(200)]
    assert all(5 <= w <= 10 for w in waits)
    assert len(set(waits)) > 100  # spread, so that processes do not knock at once
