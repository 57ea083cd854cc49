"""What the wiring hands around: the built `App`, the `Part`s `orderbot run` keeps running,
and the clocks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from domain.services.job_runner import JobRunner
from domain.services.messagebus import AsyncBus, MessageBus
from runtime.health import HealthBoard, Probe
from runtime.leader import Leadership, PartRun, lead
from settings import Settings
from store.uow import SqlUnitOfWork


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def local_today(settings: Settings) -> Callable[[], date]:
    """Today in the configured TIMEZONE (what `today`, `tomorrow` and `+7d` count from)."""
    zone = ZoneInfo(settings.timezone)
    return lambda: datetime.now(zone).date()


@dataclass
class App:
    """What the doors need: settings, engine, units of work, the bus and the job runner."""

    settings: Settings
    engine: Engine
    uow: Callable[[bool], SqlUnitOfWork]
    bus: MessageBus
    async_bus: AsyncBus
    jobs: JobRunner
    health: HealthBoard = field(default_factory=HealthBoard)


@dataclass(frozen=True)
class Part:
    """Something `orderbot run` keeps running: `run(stop)` returns once `stop` is set.

    `probe` reports its health on /healthz; a part with a `leadership` runs only while
    this process holds that leader lock (one process at a time, see runtime/leader.py).
    """

    name: str
    where: str
    run: PartRun
    probe: Probe | None = None
    leadership: Leadership | None = None


def as_leader(app: App, part: Part) -> Part:
    """`part` run only while this process holds the lock of its leadership."""
    from store.locks import LockFactory

    leadership, inner = part.leadership, part.run
    if leadership is None:
        return part
    lock = LockFactory(app.engine)(f"leader-{leadership.name}")
    retry = app.settings.leader_retry_seconds

    async def run(stop: asyncio.Event) -> None:
        await lead(inner, lock, stop, retry, leadership)

    return Part(part.name, part.where, run, part.probe, leadership)
