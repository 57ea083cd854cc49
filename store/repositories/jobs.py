"""Repositories of the background jobs: the job log, the subscription job's bulk path, digests.

`SubscriptionBatchStore` reads and writes with SQLAlchemy Core executemany in the unit of
work's transaction: one ORM object per row would be ten times slower (see
bench/subscriptions.py). The job's orders go to `orders.add_new` (store.bulk, the mail
intake's bulk writer too); the unique key (subscription_id, subscription_iteration)
there and the iteration check on the subscription rows here turn a period settled
elsewhere into a ConcurrencyConflict, which rolls the batch back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.customers.addresses import Address
from domain.errors import ConcurrencyConflict, NotFound
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.ports import EndedSubscription
from domain.outbox.messages import OutboxMessage, OutboxStatus
from domain.subscriptions.orders import CustomerFacts, DueSubscription, Settlement
from domain.subscriptions.periods import SubscriptionStatus
from store.bulk_rows import update_rows
from store.imports.collector import collector_paused
from store.repositories.core import in_chunks
from store.repositories.reads import load_addresses
from store.tables import core as t
from store.tables import scheduler as sched
from store.tables import subscriptions as sub_tables
from store.tables.scheduler import digest_items


class JobRunRepository:
    """Runs of the background jobs (the job log)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, run: JobRun) -> None:
        """A new run."""
        self.session.add(run)

    def get(self, run_id: int) -> JobRun:
        """The run with this number; NotFound otherwise."""
        run = self.session.get(JobRun, run_id)
        if run is None:
            raise NotFound("job run", run_id)
        return run

    def latest(self, limit: int = 20, job_name: str | None = None) -> Sequence[JobRun]:
        """The latest runs, newest first."""
        query = select(JobRun).order_by(sched.job_runs.c.id.desc()).limit(limit)
        if job_name:
            query = query.where(sched.job_runs.c.job_name == job_name)
        return self.session.scalars(query).all()

    def running(self, job_name: str) -> Sequence[JobRun]:
        """Runs of a job still marked running."""
        query = select(JobRun).where(
            sched.job_runs.c.job_name == job_name, sched.job_runs.c.status == JobStatus.RUNNING
        )
        return self.session.scalars(query).all()


class SubscriptionBatchStore:
    """The subscription job's bulk reads and writes (Core), in the session's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def candidate_ids(self, today: date) -> list[int]:
        """Active subscriptions, and unended ones whose end date has passed."""
        s = sub_tables.subscriptions.c
        query = (
            select(s.id)
            .where(
                or_(
                    s.status == SubscriptionStatus.ACTIVE,
                    and_(s.status != SubscriptionStatus.ENDED, s.end_date < today),
                )
            )
            .order_by(s.id)
        )
        return list(self.session.scalars(query).all())

    def in_bulk(self) -> AbstractContextManager[None]:
        """The collector paused over a batch: its thousands of orders, made and written
        within it, hold no reference cycles (store.imports.collector)."""
        return collector_paused()

    def load(self, ids: Sequence[int]) -> list[DueSubscription]:
        """The subscriptions with their lines, locked on PostgreSQL until commit."""
        s = sub_tables.subscriptions.c
        columns = (s.id, s.customer_code, s.frequency, s.start_date, s.end_date, s.iteration)
        more = (s.last_order_date, s.status, s.catch_up, s.skipped, s.ended_on)
        query = select(*columns, *more).where(s.id.in_(ids)).order_by(s.id).with_for_update()
        rows = self.session.execute(query)
        subs = {sub.id: sub for sub in map(_due_subscription, rows)}
        ln = sub_tables.subscription_lines.c
        lines = self.session.execute(
            select(ln.subscription_id, ln.product_code, ln.quantity)
            .where(ln.subscription_id.in_(ids))
            .order_by(ln.id)
        ).all()
        for sub_id, product, quantity in lines:
            subs[sub_id].lines.append((product, quantity))
        return list(subs.values())

    def customers(self, codes: Collection[str]) -> dict[str, CustomerFacts]:
        """Customers with their addresses, by lower-cased code."""
        c = t.customers.c
        wanted = sorted({code.lower() for code in codes})
        found: dict[int, str] = {}
        for chunk in in_chunks(wanted, 1000):
            query = select(c.id, c.code).where(func.lower(c.code).in_(chunk))
            for cid, code in self.session.execute(query):
                found[cid] = code
        addresses: dict[int, list[Address]] = {}
        for ids in in_chunks(list(found), 1000):
            addresses.update(load_addresses(self.session.connection(), ids))
        return {
            code.lower(): CustomerFacts(code, tuple(addresses.get(cid, ())))
            for cid, code in found.items()
        }

    def last_order_codes(self, ids: Collection[int]) -> dict[int, str]:
        """Each subscription's latest order code."""
        o = t.orders.c
        latest: dict[int, tuple[int, str]] = {}
        for chunk in in_chunks(sorted(ids), 1000):
            for sub_id, iteration, code in self.session.execute(
                select(o.subscription_id, o.subscription_iteration, o.code).where(
                    o.subscription_id.in_(chunk)
                )
            ):
                if sub_id not in latest or iteration > latest[sub_id][0]:
                    latest[sub_id] = (iteration, code)
        return {sub_id: code for sub_id, (_, code) in latest.items()}

    def write(self, settlements: Sequence[Settlement]) -> None:
        """Update the subscriptions settled (their orders went to `orders.add_new`)."""
        try:
            self._update_subscriptions([s for s in settlements if s.changed])
        except IntegrityError:
            raise ConcurrencyConflict("A subscription period") from None

    def _update_subscriptions(self, settled: Sequence[Settlement]) -> None:
        names = ("iteration", "last_order_date", "skipped", "status", "ended_on")
        rows = [
            (
                x.iteration,
                x.last_order_date,
                list(x.skipped),
                x.status,
                x.ended_on,
                x.subscription_id,
                x.old_iteration,
            )
            for x in settled
        ]
        table = sub_tables.subscriptions
        changed = update_rows(self.session.connection(), table, names, ("id", "iteration"), rows)
        if changed not in (-1, len(rows)):
            raise ConcurrencyConflict("A subscription")


def _due_subscription(row: Sequence[Any]) -> DueSubscription:
    """A subscription row read as `SubscriptionBatchStore.load` selects its columns."""
    sub_id, code, frequency, start, end, iteration, last, status, catch_up, skipped, ended = row
    return DueSubscription(
        id=sub_id,
        customer_code=code,
        frequency=frequency,
        start_date=start,
        end_date=end,
        iteration=iteration,
        last_order_date=last,
        status=status,
        catch_up=catch_up,
        skipped=list(skipped),
        ended_on=ended,
    )


class DigestStore:
    """What the digest has not reported yet, and the marks that it did."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _not_reported(self, kind: str, column: Any) -> Any:
        d = digest_items.c
        return ~exists().where(d.kind == kind, d.ref_id == column)

    def unreported_runs(self, limit: int) -> list[JobRun]:
        """Finished runs no digest reported, oldest first."""
        r = sched.job_runs.c
        query = (
            select(JobRun)
            .where(r.status != JobStatus.RUNNING, self._not_reported("run", r.id))
            .order_by(r.id)
            .limit(limit)
        )
        return list(self.session.scalars(query).all())

    def unreported_dead_messages(self, limit: int) -> list[OutboxMessage]:
        """Dead outbox messages no digest reported, oldest first."""
        o = t.outbox.c
        query = (
            select(OutboxMessage)
            .where(o.status == OutboxStatus.DEAD, self._not_reported("outbox", o.id))
            .order_by(o.id)
            .limit(limit)
        )
        return list(self.session.scalars(query).all())

    def unreported_ended_subscriptions(self, limit: int) -> list[EndedSubscription]:
        """Ended subscriptions no digest reported."""
        s = sub_tables.subscriptions.c
        query = (
            select(s.id, s.customer_code, s.ended_on)
            .where(s.status == SubscriptionStatus.ENDED, self._not_reported("subscription", s.id))
            .order_by(s.id)
            .limit(limit)
        )
        return [EndedSubscription(i, c, e) for i, c, e in self.session.execute(query)]

    def mark_reported(self, digest_key: str, kind: str, ids: Iterable[int]) -> None:
        """Note that digest `digest_key` reported these items."""
        rows = [{"kind": kind, "ref_id": i, "digest_key": digest_key} for i in ids]
        if rows:
            self.session.execute(insert(digest_items), rows)

    def digest_exists(self, key: str) -> bool:
        """Whether the outbox already holds the digest with this key."""
        return self.session.scalar(select(t.outbox.c.id).where(t.outbox.c.key == key)) is not None
