"""The relay's view of the outbox: claiming due rows, settling them, and the retry rules.

The store implements `OutboxQueue` (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, on
SQLite under its write lock). Claiming gives a row a lease (`next_attempt_at` moves
to the end of the lease) in a short transaction of its own; the sending happens
outside any transaction; settling records each message's outcome as soon as it is
known, in a short transaction of its own. A process that dies between a message's send
and its settling leaves that row pending: it is claimed again once the lease ends and
sent again with the same Message-ID (at-least-once for the message in flight only,
a recognisable duplicate).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.outbox.messages import Channel, OutboxMessage, OutboxStatus


@dataclass(frozen=True)
class Settlement:
    """What becomes of one claimed row after its attempt."""

    message_id: int
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime | None = None
    error: str = ""


class OutboxQueue(Protocol):
    """Claiming and settling outbox rows (each call is its own short transaction)."""

    def claim(
        self, now: datetime, limit: int, channels: Collection[Channel], lease: timedelta
    ) -> list[OutboxMessage]:
        """Due pending rows of these channels, oldest first, leased until now + lease."""
        ...

    def settle(self, settlements: Sequence[Settlement], now: datetime) -> None:
        """Record the outcomes of an attempt."""
        ...

    def next_due(self, channels: Collection[Channel]) -> datetime | None:
        """When the earliest pending row of these channels is due (None: nothing pending)."""
        ...

    def dead(self, limit: int = 50, since: datetime | None = None) -> list[OutboxMessage]:
        """Dead rows, newest first (for reps and the digest)."""
        ...

    def add(self, message: OutboxMessage) -> None:
        """Queue one more message (alerts for reps)."""
        ...


@dataclass(frozen=True)
class RetryRule:
    """Exponential backoff with jitter, up to a cap; dead after `max_attempts`."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    pause: timedelta = timedelta(minutes=10)  # how long a PAUSE stops a channel
    lease: timedelta = timedelta(minutes=5)  # how long a claimed row is left alone

    def delay(
        self, attempts: int, jitter: Callable[[], float], retry_after: float | None = None
    ) -> timedelta:
        """The wait before attempt `attempts + 1`: base * 2^(attempts-1), capped, jittered."""
        raw = self.base.total_seconds() * 2 ** max(attempts - 1, 0)
        capped = min(raw, self.cap.total_seconds())
        # "Equal jitter": half fixed, half random, so retries spread but never bunch at 0.
        seconds = capped / 2 + capped / 2 * jitter()
        if retry_after is not None:
            seconds = max(seconds, min(retry_after, self.cap.total_seconds()))
        return timedelta(seconds=seconds)
