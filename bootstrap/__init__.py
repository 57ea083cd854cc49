"""The composition root: `build` makes the App from the settings, `parts` lists what
`orderbot run` keeps running. Both are plain functions calling the wiring, in order:

- `app`       the App and the Part handed around, the clocks
- `services`  the policy and the ports the services reach (sheet files, reference data,
              tracking links, the job runner)
- `jobs`      the job runner with its jobs, and the cron scheduler
- `web`       the HTTP server: /healthz, the tracking page, Slack's HTTP mode
- `slack`     the Bolt app and its part, the outbox's Slack sender
- `inbox`     the IMAP listener, as a part and as one pass run by hand
- `outbox`    the senders and the relay, as a part and as one pass run by hand

Importing the package builds nothing; each call builds anew.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bootstrap.app import App, Part, as_leader, local_today, utc_now
from bootstrap.inbox import inbox_part, inbox_pass
from bootstrap.jobs import job_runner, scheduler_part
from bootstrap.outbox import outbox_pass, relay_part
from bootstrap.services import adapters_from, policy_from
from bootstrap.slack import slack_edge, slack_part
from bootstrap.web import web_part
from domain.services.messagebus import AsyncBus, MessageBus
from settings import Settings
from store.engine import make_engine, reachable
from store.migrate import upgrade
from store.uow import uow_factory

__all__ = ["App", "Part", "build", "local_today", "parts", "utc_now"]


def build(settings: Settings, clock: Callable[[], datetime] = utc_now, migrate: bool = True) -> App:
    """Wire everything; `migrate` brings the database to the newest schema first."""
    engine = reachable(make_engine(settings.database_url))
    if migrate:
        upgrade(engine, currency=settings.currency)
    uow = uow_factory(engine)
    policy = policy_from(settings)
    jobs = job_runner(settings, engine, uow, clock, policy)
    bus = MessageBus(uow, clock, policy, adapters=adapters_from(settings, jobs))
    jobs.attach(bus.context, bus.event_handlers)  # jobs' events go to the bus's handlers
    app = App(settings, engine, uow, bus, AsyncBus(bus), jobs)
    # The relay and the listener keep running as parts; these jobs are one pass of
    # each, run now by hand and logged like every other job.
    jobs.register("outbox", outbox_pass(app))
    if settings.imap_host:
        jobs.register("inbox", inbox_pass(app))
    return app


def parts(app: App) -> list[Part]:
    """The parts the settings enable, in start order, with their probes on app.health."""
    from runtime.probes import database_probe

    app.health.add("database", database_probe(app.engine))
    # One Bolt app: the web part serves its route (HTTP mode), the Slack part drains it.
    slack = slack_edge(app)
    enabled = [
        web_part(app, slack),
        slack_part(app, slack),
        inbox_part(app),
        relay_part(app),
        scheduler_part(app),
    ]
    found = []
    for part in enabled:
        if part is None:
            continue
        if part.probe is not None:
            app.health.add(part.name, part.probe)
        found.append(as_leader(app, part))
    return found
