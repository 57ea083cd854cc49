"""What "stuck" means for each part, with the thresholds of the settings.

- database: `SELECT 1` fails (or takes longer than the report's timeout).
- slack: no successful `auth.test` for HEALTH_SLACK_STALE_SECONDS (checked a third of
  that apart), i.e. the Web API cannot be reached or the token is refused.
- inbox: this process leads the inbox and has had no pass that advanced (read the
  mailbox to its end, nothing left failing) for HEALTH_INBOX_STALE_SECONDS (a follower
  is fine: another process reads it); where failing mails are quarantined is shown.
- outbox: a row for a channel this process can send was written more than
  HEALTH_OUTBOX_STALE_SECONDS ago and is still not delivered (nobody relays, or the
  peer keeps refusing: the retries go on, but someone should look).
- scheduler: a job's slot older than HEALTH_SCHEDULER_STALE_SECONDS has no run started
  at or after it in the job log.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Collection, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from domain.outbox.messages import Channel
from runtime.health import Beat, Check, Probe
from runtime.leader import Leadership
from scheduler.triggers import previous_fire_time
from store.health import last_job_starts, outbox_backlog, ping

Clock = Callable[[], datetime]


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when is not None else None


def database_probe(engine: Engine) -> Probe:
    """Reachable: one round trip."""
    where = engine.url.render_as_string(hide_password=True)

    async def probe() -> Check:
        await asyncio.to_thread(ping, engine)
        return Check(True, {"url": where})

    return probe


def beat_probe(beat: Beat, stale: float, leadership: Leadership | None, label: str) -> Probe:
    """Stuck when the last success is older than `stale` (only while leading, if led)."""

    async def probe() -> Check:
        leading = leadership is None or leadership.leading
        detail: dict[str, Any] = {} if leadership is None else {"leader": leadership.leading}
        if not leading:
            return Check(True, {**detail, "note": "another process leads this part"})
        age = beat.age()
        ok = age <= stale
        detail |= {
            label: _iso(beat.last),
            "seconds_since": round(age, 1),
            "stuck_after_seconds": stale,
        }
        if beat.error:
            detail["error"] = beat.error
        return Check(ok, detail)

    return probe


def inbox_probe(
    beat: Beat, stale: float, leadership: Leadership, quarantine: Callable[[], dict[str, str]]
) -> Probe:
    """The inbox's heartbeat (a pass that advanced), and where mails are quarantined."""
    heart = beat_probe(beat, stale, leadership, "last_poll")

    async def probe() -> Check:
        check = await heart()
        if not leadership.leading:
            return check
        return Check(check.ok, {**check.detail, "quarantine": quarantine()})

    return probe


def outbox_probe(
    engine: Engine,
    channels: Collection[Channel],
    leadership: Leadership,
    stale: float,
    clock: Clock,
) -> Probe:
    """Stuck when an undelivered row is older than `stale`."""

    async def probe() -> Check:
        now = clock()
        backlog = await asyncio.to_thread(outbox_backlog, engine, channels, now)
        waited = (now - backlog.oldest).total_seconds() if backlog.oldest else 0.0
        return Check(
            waited <= stale,
            {
                "leader": leadership.leading,
                "backlog": backlog.pending,
                "due_now": backlog.due,
                "oldest_waiting_seconds": round(max(waited, 0.0), 1),
                "stuck_after_seconds": stale,
            },
        )

    return probe


def scheduler_probe(
    engine: Engine,
    triggers: Mapping[str, Any],
    leading: Callable[[], bool],
    stale: float,
    clock: Clock,
) -> Probe:
    """Stuck when a slot older than `stale` has no run in the job log."""

    async def probe() -> Check:
        now = clock()
        starts = await asyncio.to_thread(last_job_starts, engine)
        jobs, late = {}, []
        for job, trigger in triggers.items():
            slot = previous_fire_time(trigger, now - timedelta(seconds=stale))
            last = starts.get(job)
            if slot is not None and (last is None or last < slot):
                late.append(job)
            jobs[job] = {"last_run": _iso(last)}
        detail: dict[str, Any] = {"leader": leading(), "jobs": jobs, "late": late}
        return Check(not late, detail | {"stuck_after_seconds": stale})

    return probe


async def watch_slack(
    auth_test: Callable[[], Awaitable[Any]], beat: Beat, every: float, stop: asyncio.Event
) -> None:
    """Call `auth.test` every `every` seconds until `stop`, noting each outcome."""
    while not stop.is_set():
        try:
            await auth_test()
            beat.beat()
        except Exception as error:
            beat.failed(str(error) or type(error).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
