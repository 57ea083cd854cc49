"""Background jobs: the job runner with the jobs the settings enable, and the cron
scheduler that triggers them (one leader across processes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bootstrap.app import App, Part, utc_now
from domain.services.context import Policy
from domain.services.job_runner import JobRunner
from settings import Settings
from store.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from scheduler.cron import JobScheduler


def job_runner(
    settings: Settings,
    engine: Engine,
    uow: Callable[[bool], SqlUnitOfWork],
    clock: Callable[[], datetime],
    policy: Policy,
) -> JobRunner:
    """The job runner with the subscription job and (with a digest channel) the digest."""
    from domain.services.digest_job import DigestJob
    from domain.services.subscription_job import SubscriptionJob
    from store.locks import LockFactory

    zone = ZoneInfo(settings.timezone)
    runner = JobRunner(uow, clock, policy, zone, LockFactory(engine))
    runner.register(
        "subscriptions",
        SubscriptionJob(settings.subscription_orders_confirmed, settings.subscription_job_batch),
    )
    if settings.slack_digest_channel:
        runner.register("digest", DigestJob(settings.slack_digest_channel, zone))
    if settings.slack_orders_channel:
        from domain.services.jeopardy_job import JeopardyJob

        runner.register("jeopardy", JeopardyJob())
    return runner


def job_scheduler(app: App) -> JobScheduler | None:
    """The scheduler of this App (leader lock from the store); None when switched off."""
    from scheduler.cron import JobScheduler, Schedule
    from store.locks import LockFactory

    s, runner = app.settings, app.jobs
    if not s.scheduler_enabled:
        return None
    schedules = [Schedule("subscriptions", s.subscription_job_cron, "SUBSCRIPTION_JOB_CRON")]
    if "digest" in runner.known():
        schedules.append(Schedule("digest", s.digest_cron, "DIGEST_CRON"))
    if "jeopardy" in runner.known():
        schedules.append(Schedule("jeopardy", s.jeopardy_cron, "JEOPARDY_CRON"))
    log = logging.getLogger("orderbot.scheduler")

    def on_lead(leading: bool) -> None:
        log.info("scheduler: %s", "leading" if leading else "not leading")
        if leading:
            runner.sweep()

    return JobScheduler(
        app.async_bus.handle,
        schedules,
        ZoneInfo(s.timezone),
        LockFactory(app.engine)("scheduler"),
        app.bus.clock,
        s.scheduler_poll_seconds,
        on_lead,
    )


def scheduler_part(app: App) -> Part | None:
    """The scheduler as a part; None when SCHEDULER_ENABLED is off."""
    scheduler = job_scheduler(app)
    if scheduler is None:
        return None
    from runtime.probes import scheduler_probe

    s = app.settings
    probe = scheduler_probe(
        app.engine,
        scheduler.triggers,
        lambda: bool(scheduler.leading),
        s.health_scheduler_stale_seconds,
        utc_now,
    )
    jobs = ", ".join(scheduler.triggers)
    return Part("scheduler", f"{jobs} in {s.timezone} (one leader)", scheduler.run, probe)
