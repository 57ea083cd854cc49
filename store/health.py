"""What the health report reads from the database: reachability, outbox backlog, job log."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, or_, select, text

from domain.outbox.messages import Channel, OutboxStatus
from store.tables import core as t
from store.tables import scheduler as sched


def ping(engine: Engine) -> None:
    """One round trip to the database; raises when it cannot be reached."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


@dataclass(frozen=True)
class Backlog:
    """Pending outbox rows of the relay's channels, how many are due now, and when the
    oldest of them was written (a row being retried is still waiting to be delivered)."""

    pending: int
    due: int
    oldest: datetime | None


def outbox_backlog(engine: Engine, channels: Collection[Channel], now: datetime) -> Backlog:
    """The backlog at `now` (a row with no next attempt is due at once)."""
    if not channels:
        return Backlog(0, 0, None)
    o = t.outbox.c
    due = or_(o.next_attempt_at.is_(None), o.next_attempt_at <= now)
    query = select(func.count(), func.count().filter(due), func.min(o.created_at)).where(
        o.status == OutboxStatus.PENDING, o.channel.in_([str(c) for c in channels])
    )
    with engine.connect() as conn:
        pending, due_now, oldest = conn.execute(query).one()
    return Backlog(int(pending), int(due_now), oldest)


def last_job_starts(engine: Engine) -> dict[str, datetime]:
    """When each job last started, from the job log."""
    j = sched.job_runs.c
    query = select(j.job_name, func.max(j.started_at)).group_by(j.job_name)
    with engine.connect() as conn:
        return {row[0]: row[1] for row in conn.execute(query)}
