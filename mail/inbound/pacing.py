"""How long the listener waits: before a failing mail's next attempt, and before it
connects again after a failure.

Owns the two schedules. A mail that failed n times is tried again `retry_seconds *
2**(n-1)` after its last failure (capped), so a passing fault gets time to pass and a
poison mail reaches quarantine within a known budget. Reconnecting waits grow the same
way, capped, with jitter so that several processes do not knock at once; they start
again from the base only after a pass that advanced (everything read, or set aside).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.inbox.mail import Failure


def next_attempt(failure: Failure, retry_seconds: float, cap_seconds: float) -> datetime:
    """When a mail that failed `failure.attempts` times may be tried again."""
    wait = min(retry_seconds * 2.0 ** max(failure.attempts - 1, 0), cap_seconds)
    return failure.failed_at + timedelta(seconds=wait)


class Backoff:
    """Growing waits between reconnections: base, 2x, 4x... up to `cap`, with jitter."""

    def __init__(
        self, base: float, cap: float, jitter: Callable[[], float] = random.random
    ) -> None:
        self.base = base
        self.cap = cap
        self.jitter = jitter
        self.failures = 0

    def next(self) -> float:
        """The wait before the next attempt (half of it to all of it, at random)."""
        full = min(self.base * 2.0**self.failures, self.cap)
        self.failures = min(self.failures + 1, 64)  # 2**64 x base is past any cap
        return full * (0.5 + self.jitter() / 2)

    def reset(self) -> None:
        """A pass advanced: the next failure waits `base` again."""
        self.failures = 0
