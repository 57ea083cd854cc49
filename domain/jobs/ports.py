"""Ports of the background jobs: the job log, bulk subscription writes, digests, locks.

The store implements the repositories (reached through the unit of work) and the locks
(PostgreSQL advisory locks, or file locks beside a SQLite database); the job runner in
`domain.services.job_runner` uses them; the scheduler edge only sees `JobRunnerPort`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from domain.jobs.log import JobRun
from domain.outbox.messages import OutboxMessage
from domain.subscriptions.orders import CustomerFacts, DueSubscription, Settlement


class JobRunRepository(Protocol):
    def add(self, run: JobRun) -> None: ...
    def get(self, run_id: int) -> JobRun: ...
    def latest(self, limit: int = 20, job_name: str | None = None) -> Sequence[JobRun]: ...
    def running(self, job_name: str) -> Sequence[JobRun]: ...


class SubscriptionBatchStore(Protocol):
    """Bulk reads and writes of the subscription job, inside the unit of work's transaction."""

    def candidate_ids(self, today: date) -> list[int]:
        """Subscriptions that may have something to do today (active, or past their end)."""
        ...

    def in_bulk(self) -> AbstractContextManager[None]:
        """Around a batch's work: the store may defer per-object housekeeping meanwhile."""
        ...

    def load(self, ids: Sequence[int]) -> list[DueSubscription]:
        """These subscriptions with their lines, read (and on PostgreSQL locked) afresh."""
        ...

    def customers(self, codes: Collection[str]) -> dict[str, CustomerFacts]:
        """Customers with their addresses, by lower-cased code."""
        ...

    def last_order_codes(self, ids: Collection[int]) -> dict[int, str]:
        """The code of each subscription's latest order."""
        ...

    def write(self, settlements: Sequence[Settlement]) -> None:
        """Update the subscriptions (their orders go to `orders.add_new`);
        ConcurrencyConflict when a period was settled meanwhile (the iteration moved)."""
        ...


@dataclass(frozen=True)
class EndedSubscription:
    """A subscription that ended, for the digest."""

    id: int
    customer_code: str
    ended_on: date | None


class DigestStore(Protocol):
    """What the digest reports, each item once: runs, dead messages, ended subscriptions."""

    def unreported_runs(self, limit: int) -> list[JobRun]: ...
    def unreported_dead_messages(self, limit: int) -> list[OutboxMessage]: ...
    def unreported_ended_subscriptions(self, limit: int) -> list[EndedSubscription]: ...
    def mark_reported(self, digest_key: str, kind: str, ids: Iterable[int]) -> None: ...
    def digest_exists(self, key: str) -> bool: ...


class Lock(Protocol):
    """A lock held by this process until released or until the process dies."""

    def acquire(self) -> bool:
        """Take the lock if free (never waits); True when held."""
        ...

    def held(self) -> bool:
        """Whether the lock is still ours (a lost database connection loses it)."""
        ...

    def release(self) -> None:
        """Let go of the lock (no-op when not held)."""
        ...


class LockFactory(Protocol):
    def __call__(self, name: str) -> Lock: ...


class JobRunnerPort(Protocol):
    """Runs a job now and logs the run; the RunJob service and the scheduler use it."""

    def run(
        self, name: str, triggered_by: str = "schedule", slot: datetime | None = None
    ) -> JobRun:
        """Run job `name`; the finished run (succeeded, partial or failed)."""
        ...

    def sweep(self) -> int:
        """Mark runs left `running` by a dead process as failed; how many were."""
        ...

    def known(self) -> tuple[str, ...]:
        """Names of the jobs this process can run."""
        ...
