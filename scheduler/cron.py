"""The job scheduler: APScheduler 3 on the event loop, led by one process at a time.

`JobScheduler.run(stop)` polls the leader lock (a port: a PostgreSQL advisory lock or a
file lock beside SQLite, handed in by bootstrap). The leader starts an AsyncIOScheduler
with an in-memory job store, one job per schedule under a fixed id (the job name), on
`WallClockCronTrigger`s in TIMEZONE; on taking the lead it also runs each job whose last
slot passed without a run (downtime, or a leader that died). Every firing sends a
`RunJob` command through the AsyncBus, so the work runs in a worker thread and the loop
never blocks; the command carries the slot, which keeps a slot's digest unique. If the
lock is lost (its database connection dropped) the scheduler stops and polls again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from domain import commands as c
from domain.errors import DomainError
from domain.jobs.ports import Lock
from scheduler.triggers import WallClockCronTrigger, parse_cron, previous_fire_time

log = logging.getLogger("orderbot.scheduler")

Handle = Callable[[c.Command], Awaitable[Any]]


@dataclass(frozen=True)
class Schedule:
    """A job and its cron expression (`setting` names where it came from, for errors)."""

    job: str
    cron: str
    setting: str = "cron"


class JobScheduler:
    """Runs the schedules while this process leads."""

    def __init__(
        self,
        handle: Handle,
        schedules: Sequence[Schedule],
        zone: tzinfo,
        leader: Lock,
        clock: Callable[[], datetime],
        poll_seconds: float = 5.0,
        on_lead: Callable[[bool], None] | None = None,
    ) -> None:
        self.handle = handle
        self.zone = zone
        self.leader = leader
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.on_lead = on_lead
        self.triggers = {
            s.job: WallClockCronTrigger(parse_cron(s.cron, zone, s.setting), zone)
            for s in schedules
        }
        self.leading = False

    async def run(self, stop: asyncio.Event) -> None:
        """Poll for the lead; lead until `stop` is set or the lock is lost."""
        while not stop.is_set():
            if await asyncio.to_thread(self.leader.acquire):
                try:
                    await self._lead(stop)
                finally:
                    self._set_leading(False)
                    await asyncio.to_thread(self.leader.release)
            else:
                await _wait(stop, self.poll_seconds)

    def _set_leading(self, value: bool) -> None:
        self.leading = value
        if self.on_lead is not None:
            self.on_lead(value)

    async def _lead(self, stop: asyncio.Event) -> None:
        self._set_leading(True)
        scheduler = AsyncIOScheduler(
            timezone=self.zone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        )
        for job, trigger in self.triggers.items():
            scheduler.add_job(self.fire, trigger=trigger, id=job, args=[job], replace_existing=True)
        scheduler.start()
        try:
            await self.catch_up()
            while not stop.is_set():
                await _wait(stop, self.poll_seconds)
                if not await asyncio.to_thread(self.leader.held):
                    log.warning("scheduler: lost the leader lock; polling again")
                    return
        finally:
            scheduler.shutdown(wait=False)

    async def catch_up(self) -> None:
        """Run each job whose latest slot passed with no run since it."""
        now = self.clock()
        for job, trigger in self.triggers.items():
            slot = previous_fire_time(trigger, now)
            if slot is None:
                continue
            log_view = await self.handle(c.ListJobRuns(job=job, limit=1))
            runs = getattr(log_view, "runs", ())
            if not runs or runs[0].started_at < slot:
                await self.fire(job, slot)

    async def fire(self, job: str, slot: datetime | None = None) -> None:
        """Run `job` for its slot (the latest fire time when not given)."""
        if slot is None:
            slot = previous_fire_time(self.triggers[job], self.clock()) or self.clock()
        when = slot.astimezone(self.zone).replace(tzinfo=None).isoformat(timespec="seconds")
        cmd = c.RunJob(name=job, slot=slot, actor=f"schedule {when}", manager=True)
        try:
            run = await self.handle(cmd)
            log.info("scheduler: %s", getattr(run, "note", run))
        except DomainError as error:
            log.warning("scheduler: %s: %s", job, error.message)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
