"""The composition root: builds the engine, units of work, bus and doors from settings.

`orderbot run` starts every `Part` that `parts(app)` returns: each feature adds a
factory to `PART_FACTORIES` (in its own section below) that returns its part, or None
when the settings do not enable it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy import Engine

from domain.orders.order import AutoClose
from domain.orders.tracking import TrackingLinks
from domain.outbox.messages import Channel, OutboxMessage, Sender
from domain.outbox.queue import RetryRule
from domain.services.context import Adapters, Policy
from domain.services.messagebus import AsyncBus, MessageBus
from mail.outbound.render import Renderer, mail_domain, sender_address
from mail.outbound.senders import EmlSender, SmtpConfig, SmtpSender
from mail.tracking import TrackingPage
from runtime.health import HealthBoard, Probe
from runtime.leader import Leadership, lead
from scheduler.relay import Alert, Relay, RelayReport
from settings import VAR, Settings
from store.engine import make_engine
from store.migrate import upgrade
from store.repositories.notifications import SqlOutboxQueue, SqlTrackingView, watch_new_messages
from store.uow import SqlUnitOfWork, uow_factory

if TYPE_CHECKING:
    from mail.inbound.listener import InboxListener


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def local_today(settings: Settings) -> Callable[[], date]:
    """Today in the configured TIMEZONE (what `today`, `tomorrow` and `+7d` count from)."""
    zone = ZoneInfo(settings.timezone)
    return lambda: datetime.now(zone).date()


@dataclass
class App:
    """What the doors need: settings, engine, units of work and the bus."""

    settings: Settings
    engine: Engine
    uow: Callable[[bool], SqlUnitOfWork]
    bus: MessageBus
    async_bus: AsyncBus
    health: HealthBoard = field(default_factory=HealthBoard)


def policy_from(settings: Settings) -> Policy:
    """The business rules the settings choose."""
    return Policy(
        auto_close=AutoClose(settings.auto_close),
        notify_auto=settings.notify_auto,
        currency=settings.currency,
        public_url=settings.public_url.rstrip("/"),
        subscriptions_enabled=settings.subscriptions_enabled,
    )


# Features add the adapters their services need: a function of the settings giving
# keyword arguments of `Adapters` (see each feature's section below).
ADAPTER_FACTORIES: list[Callable[[Settings], dict[str, Any]]] = []


def adapters_from(settings: Settings) -> Adapters:
    """The ports the services reach, wired from the settings."""
    fields: dict[str, Any] = {}
    for factory in ADAPTER_FACTORIES:
        fields.update(factory(settings))
    return Adapters(**fields)


def build(settings: Settings, clock: Callable[[], datetime] = utc_now, migrate: bool = True) -> App:
    """Wire everything; `migrate` brings the database to the newest schema first."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    uow = uow_factory(engine)
    bus = MessageBus(uow, clock, policy_from(settings), adapters=adapters_from(settings))
    wire_jobs(engine, bus, settings)
    app = App(settings, engine, uow, bus, AsyncBus(bus))
    register_pass_jobs(app)
    return app


@dataclass(frozen=True)
class Part:
    """Something `orderbot run` keeps running: `run(stop)` returns once `stop` is set.

    `probe` reports its health on /healthz; a part with a `leadership` runs only while
    this process holds that leader lock (one process at a time, see runtime/leader.py).
    """

    name: str
    where: str
    run: Callable[[asyncio.Event], Coroutine[Any, Any, None]]
    probe: Probe | None = None
    leadership: Leadership | None = None


PartFactory = Callable[[App], Part | None]
PART_FACTORIES: list[PartFactory] = []


def parts(app: App) -> list[Part]:
    """The parts the settings enable, in start order, with their probes on app.health."""
    from runtime.probes import database_probe

    app.health.add("database", database_probe(app.engine))
    found = []
    for factory in PART_FACTORIES:
        part = factory(app)
        if part is None:
            continue
        if part.probe is not None:
            app.health.add(part.name, part.probe)
        found.append(_as_leader(app, part) if part.leadership is not None else part)
    return found


def _as_leader(app: App, part: Part) -> Part:
    from store.locks import LockFactory

    assert part.leadership is not None
    leadership, inner = part.leadership, part.run
    lock = LockFactory(app.engine)(f"leader-{leadership.name}")
    retry = app.settings.leader_retry_seconds

    async def run(stop: asyncio.Event) -> None:
        await lead(inner, lock, stop, retry, leadership)

    return Part(part.name, part.where, run, part.probe, leadership)


# --- the web server: tracking page, health, Slack HTTP mode ---------------------------
# Features add their routes with a function in WEB_ROUTES; the server runs when any
# route is registered (health is always there).

WebRoutes = Callable[[App, "web.Application"], None]
WEB_ROUTES: list[WebRoutes] = []


def web_application(app: App) -> web.Application:
    """The aiohttp application with every feature's routes."""

    async def health(request: web.Request) -> web.Response:
        status, body = await app.health.report()
        return web.json_response(body, status=status)

    server = web.Application()
    server.router.add_get("/healthz", health)
    for add_routes in WEB_ROUTES:
        add_routes(app, server)
    return server


def _web_part(app: App) -> Part:
    settings = app.settings

    async def run(stop: asyncio.Event) -> None:
        # In-flight requests get SHUTDOWN_SECONDS to finish when the process stops.
        runner = web.AppRunner(
            web_application(app), access_log=None, shutdown_timeout=settings.shutdown_seconds
        )
        await runner.setup()
        site = web.TCPSite(runner, settings.http_host, settings.http_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            where = f"{settings.http_host}:{settings.http_port}"
            why = os.strerror(error.errno) if error.errno else str(error)
            raise RuntimeError(f"HTTP_PORT: cannot listen on {where}: {why}") from None
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    return Part("web", f"http://{settings.http_host}:{settings.http_port}", run)


PART_FACTORIES.append(_web_part)


# --- feature parts: each feature registers its factory in its own section ------------


# --- slack (issue 4): the Bolt app, HTTP or Socket Mode, and the outbox sender --------
# One Slack app per App, built on first use: the web route (HTTP mode) and the part
# (Socket Mode, or draining in-flight work on stop in HTTP mode) share it.

_SLACK_APPS: dict[int, Any] = {}


def slack_configured(settings: Settings) -> bool:
    """Slack runs when a bot token is set (the console stays off then)."""
    return settings.slack_bot_token is not None


def slack_edge(app: App) -> Any:
    """(AsyncApp, SlackDeps) of this App, built once; None when Slack is not configured."""
    settings = app.settings
    if settings.slack_bot_token is None:
        return None
    known = _SLACK_APPS.get(id(app))
    if known is None or known[0] is not app:
        from bot.language.grammar import build_grammar
        from bot.slack.app import SlackDeps, build_app
        from bot.slack.cards import CardOptions

        grammar = build_grammar()
        deps = SlackDeps(
            # Its own few threads: under the SQLite pool's size (no connection churn),
            # and few enough that acknowledgements on the loop win the GIL quickly (at
            # 500 requests/s on 2 cores, p99 ack ~11 ms with 2 threads, ~25-45 ms with 4).
            bus=AsyncBus(app.bus, concurrency=settings.slack_workers),
            grammar=grammar,
            today=local_today(settings),
            managers=settings.managers(),
            # *View as customer* runs `/order track CODE` when that form exists.
            cards=CardOptions(settings.currency, ("order", "track") in grammar.forms),
        )
        secret = settings.slack_signing_secret
        bolt = build_app(
            deps,
            settings.slack_bot_token.get_secret_value(),
            secret.get_secret_value() if secret else None,
            settings.slack_api_url,
        )
        known = _SLACK_APPS[id(app)] = (app, bolt, deps)
    return known[1:]


def _slack_routes(app: App, server: web.Application) -> None:
    settings = app.settings
    edge = slack_edge(app)
    if edge is None or settings.slack_app_token is not None:
        return
    if settings.slack_signing_secret is None:
        raise ValueError(
            "SLACK_SIGNING_SECRET is needed for Slack's HTTP mode (or set SLACK_APP_TOKEN)"
        )
    from bot.slack.http import add_events_route

    secret = settings.slack_signing_secret.get_secret_value()
    add_events_route(server, edge[0], secret, worker=edge[1].worker)


def _slack_part(app: App) -> Part | None:
    settings = app.settings
    edge = slack_edge(app)
    if edge is None:
        return None
    bolt, deps = edge
    app_token = settings.slack_app_token
    watch, probe = _slack_health(app)

    async def run(stop: asyncio.Event) -> None:
        watching = asyncio.create_task(watch(stop))
        if app_token is not None:
            from bot.slack.socket import run_socket_mode

            await run_socket_mode(bolt, app_token.get_secret_value(), deps, stop)
        else:
            await stop.wait()
            await deps.close()
        await watching

    where = "Socket Mode" if app_token else f"HTTP POST /slack/events on port {settings.http_port}"
    return Part("slack", where, run, probe)


def _slack_health(app: App) -> tuple[Callable[[asyncio.Event], Coroutine[Any, Any, None]], Probe]:
    """Slack is connected while `auth.test` answers (checked a third of the threshold apart)."""
    from runtime.health import Beat
    from runtime.probes import beat_probe, watch_slack

    s = app.settings
    assert s.slack_bot_token is not None
    beat = Beat(utc_now)
    stale = s.health_slack_stale_seconds

    async def watch(stop: asyncio.Event) -> None:
        from bot.slack.app import make_client

        assert s.slack_bot_token is not None
        client = make_client(s.slack_bot_token.get_secret_value(), s.slack_api_url, False)
        await watch_slack(client.auth_test, beat, stale / 3, stop)

    return watch, beat_probe(beat, stale, None, "last_ok")


def slack_sender(app: App) -> Any:
    """The outbox Sender of channel "slack", or None when Slack is not configured."""
    token = app.settings.slack_bot_token
    if token is None:
        return None
    from bot.slack.app import make_client
    from bot.slack.sender import SlackSender

    # The relay schedules retries itself: the sender's client does not sleep on 429.
    return SlackSender(make_client(token.get_secret_value(), app.settings.slack_api_url, False))


WEB_ROUTES.append(_slack_routes)
PART_FACTORIES.append(_slack_part)
SENDER_FACTORIES: dict[str, Callable[[App], Any]] = {"slack": slack_sender}


# --- orders by email (issue 5): the inbox listener --------------------------------------


def inbox_listener(app: App) -> InboxListener | None:
    """The IMAP inbox listener of this App; None when IMAP_HOST is not set."""
    from domain.inbox.mail import IntakeRules
    from mail.inbound.imap import ImapAccount
    from mail.inbound.listener import InboxListener, ListenerConfig
    from store.repositories.inbox import InboxStateStore

    s = app.settings
    if not s.imap_host:
        return None
    password = s.imap_password.get_secret_value() if s.imap_password else ""
    own_domain = s.mail_from.rpartition("@")[2] or None
    config = ListenerConfig(
        account=ImapAccount(s.imap_host, s.imap_port, s.imap_user or "", password, s.imap_tls),
        folder=s.imap_folder,
        quarantine_folder=s.imap_quarantine_folder,
        idle_minutes=s.imap_idle_minutes,
        poll_seconds=s.imap_poll_seconds,
        max_bytes=s.max_attachment_mb * 1024 * 1024,
        batch_size=s.imap_batch_size,
        max_attempts=s.imap_max_attempts,
        retry_seconds=s.imap_retry_seconds,
        own_addresses=frozenset({s.mail_from.lower()}),
        authserv_id=s.mail_authserv_id,
        own_message_id_domain=own_domain,
        rules=IntakeRules(
            confirm_orders=s.order_confirm_email == "confirmed",
            answers_per_hour=s.mail_answers_per_hour,
            rep_channel=s.slack_digest_channel or "reps",
            max_mb=s.max_attachment_mb,
        ),
    )
    return InboxListener(config, app.async_bus, InboxStateStore(app.engine))


def _inbox_part(app: App) -> Part | None:
    from runtime.health import Beat
    from runtime.probes import inbox_probe

    listener = inbox_listener(app)
    if listener is None:
        return None
    s = app.settings
    beat, leadership = Beat(utc_now), Leadership("inbox")
    listener.progress = beat  # each pass that advanced is a heartbeat

    async def run(stop: asyncio.Event) -> None:
        beat.restart()  # leading from now: the threshold counts from here
        await listener.run(stop)

    where = f"imap://{s.imap_user}@{s.imap_host}:{s.imap_port}/{s.imap_folder}"
    probe = inbox_probe(beat, s.health_inbox_stale_seconds, leadership, listener.quarantine)
    return Part("inbox", where, run, probe, leadership)


PART_FACTORIES.append(_inbox_part)


# --- spreadsheet imports (issue 3): sheet files within the settings' limits ---------------


def _import_adapters(settings: Settings) -> dict[str, Any]:
    from store.identity.normalisers import ReferenceNormalisers
    from store.imports.files import SheetFileStore
    from store.sheets.allocator import keep_large_blocks_mapped
    from store.sheets.guard import MiB, SheetLimits

    keep_large_blocks_mapped()  # every sheet parse of this process as fast as the first
    limits = SheetLimits(
        max_bytes=settings.max_attachment_mb * MiB, max_rows=settings.import_max_rows
    )
    return {"sheet_files": SheetFileStore(limits), "normalisers": ReferenceNormalisers()}


ADAPTER_FACTORIES.append(_import_adapters)


# --- notifications (issue 6): tracking links, the outbox relay, the tracking page -----


def tracking_secret(settings: Settings) -> bytes:
    """SECRET_KEY, or a key made once and kept in ./var/secret.key (the embedded default)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode("utf-8")
    path = VAR / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first: use theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def tracking_links(settings: Settings) -> TrackingLinks:
    """Signs and mints tracking links (random salts from the OS)."""
    return TrackingLinks(
        tracking_secret(settings),
        secrets.token_bytes,
        settings.public_url,
        settings.tracking_link_days,
    )


ADAPTER_FACTORIES.append(lambda settings: {"tracking_links": tracking_links(settings)})


def email_renderer(app: App) -> Renderer:
    """Status mails, catalogue mails and prepared answers, rendered at send time."""
    links = app.bus.adapters.tracking_links
    return Renderer(app.settings.mail_from, links.url_for if links else None, app.settings.currency)


def email_sender(app: App) -> Sender:
    """SMTP when SMTP_HOST is set, else .eml files in OUTBOX_DIR."""
    s = app.settings
    render = email_renderer(app).render
    if not s.smtp_host:
        return EmlSender(s.outbox_dir, render)
    config = SmtpConfig(
        host=s.smtp_host,
        port=s.smtp_port,
        user=s.smtp_user,
        password=s.smtp_password.get_secret_value() if s.smtp_password else None,
        tls=s.smtp_tls,
        local_hostname=mail_domain(s.mail_from),
    )
    return SmtpSender(config, render, sender_address(s.mail_from))


SENDER_FACTORIES["email"] = email_sender


def _relay_alert(app: App, queue: SqlOutboxQueue) -> Alert:
    channel = app.settings.slack_digest_channel
    log = logging.getLogger("orderbot.relay")

    def alert(reason: str, text: str, message: OutboxMessage | None) -> None:
        log.warning("outbox %s: %s", reason, text)
        # Alerts about Slack messages stay in the log: a dead alert must not beget alerts.
        if not channel or (message is not None and message.channel == Channel.SLACK):
            return
        key = f"outbox_{reason}:{message.id}" if message is not None else None
        queue.add(
            OutboxMessage(
                channel=Channel.SLACK,
                kind="rep_alert",
                recipient=channel,
                created_at=utc_now(),
                payload={
                    "reason": f"outbox_{reason}",
                    "text": text,
                    "order_code": message.order_code if message else None,
                },
                order_code=message.order_code if message else None,
                key=key,
            )
        )

    return alert


def outbox_relay(app: App, clock: Callable[[], datetime] = utc_now, **options: Any) -> Relay:
    """The relay with a sender for every configured channel."""
    senders: dict[Channel, Sender] = {}
    for name, factory in SENDER_FACTORIES.items():
        sender = factory(app)
        if sender is not None:
            senders[Channel(name)] = sender
    queue = SqlOutboxQueue(app.engine)
    options.setdefault("log_pass", _relay_job_log(app))
    # A row claimed by a relay that died comes back after the lease (OUTBOX_LEASE_SECONDS).
    options.setdefault(
        "rule", RetryRule(lease=timedelta(seconds=app.settings.outbox_lease_seconds))
    )
    return Relay(queue, senders, clock, alert=_relay_alert(app, queue), **options)


def _relay_job_log(app: App) -> Callable[[RelayReport, datetime, datetime], None]:
    """Each relay pass that sent something becomes a run of job "outbox" in the job log."""
    from domain.jobs.log import JobRun

    def log_pass(report: RelayReport, started: datetime, finished: datetime) -> None:
        run = JobRun.start("outbox", started, "relay")
        run.progress(processed=report.sent)
        if report.dead:
            run.add_error(f"{report.dead} message(s) refused for good (see `outbox dead`)")
        if report.paused:
            run.add_error(f"{report.paused} message(s) held back: sending is paused")
        run.finish(finished)
        run.pull_events()  # the log row is the record; nothing listens to a relay pass
        with app.uow(False) as uow:
            uow.job_runs.add(run)
            uow.commit()

    return log_pass


def _relay_part(app: App) -> Part | None:
    from runtime.probes import outbox_probe

    s = app.settings
    if not s.outbox_relay_enabled:
        return None
    relay = outbox_relay(app)
    leadership = Leadership("outbox")
    stale = s.health_outbox_stale_seconds
    probe = outbox_probe(app.engine, list(relay.senders), leadership, stale, utc_now)

    async def run(stop: asyncio.Event) -> None:
        unwatch = watch_new_messages(app.engine, relay.wake)
        try:
            await relay.run(stop)
        finally:
            unwatch()

    where = (
        f"smtp://{s.smtp_host}:{s.smtp_port}" if s.smtp_host else f".eml files in {s.outbox_dir}/"
    )
    channels = ", ".join(str(ch) for ch in relay.senders)
    return Part("outbox", f"{where} (channels: {channels})", run, probe, leadership)


def _tracking_routes(app: App, server: web.Application) -> None:
    view = SqlTrackingView(app.uow, app.settings.currency)
    TrackingPage(view, app.bus.clock).add_routes(server)


PART_FACTORIES.append(_relay_part)
WEB_ROUTES.append(_tracking_routes)


# --- jobs and the scheduler (issue 7): job runner, job log, cron schedules ------------


def job_runner(engine: Engine, bus: MessageBus, settings: Settings) -> Any:
    """The job runner with the subscription job and (with a digest channel) the digest."""
    from domain.services.digest_job import DigestJob
    from domain.services.job_runner import JobRunner
    from domain.services.subscription_job import SubscriptionJob
    from store.locks import LockFactory

    zone = ZoneInfo(settings.timezone)
    runner = JobRunner(bus.uow_factory, bus.clock, bus.policy, zone, LockFactory(engine))
    runner.attach(bus.context, bus.event_handlers)
    runner.register(
        "subscriptions",
        SubscriptionJob(settings.subscription_orders_confirmed, settings.subscription_job_batch),
    )
    if settings.slack_digest_channel:
        runner.register("digest", DigestJob(settings.slack_digest_channel, zone))
    return runner


def wire_jobs(engine: Engine, bus: MessageBus, settings: Settings) -> None:
    """Give the bus's services the job runner (`/jobs run NAME`)."""
    from dataclasses import replace

    bus.adapters = replace(bus.adapters, jobs=job_runner(engine, bus, settings))


def job_scheduler(app: App) -> Any:
    """The scheduler of this App (leader lock from the store); None when switched off."""
    from scheduler.cron import JobScheduler, Schedule
    from store.locks import LockFactory

    s = app.settings
    runner = app.bus.adapters.jobs
    if not s.scheduler_enabled or runner is None:
        return None
    schedules = [Schedule("subscriptions", s.subscription_job_cron, "SUBSCRIPTION_JOB_CRON")]
    if "digest" in runner.known():
        schedules.append(Schedule("digest", s.digest_cron, "DIGEST_CRON"))
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


def _scheduler_part(app: App) -> Part | None:
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


PART_FACTORIES.append(_scheduler_part)


# --- manual runs of the outbox and inbox passes (`/jobs run outbox|inbox`) ----------
# The relay and the listener keep running as parts; these jobs are one pass of each,
# run now by hand and logged like every other job. Each pass gets its own event loop
# (it runs in a worker thread), hence its own AsyncBus.


def _outbox_pass(app: App) -> Callable[[Any], None]:
    def work(ctx: Any) -> None:
        relay = outbox_relay(app, log_pass=None)
        report = asyncio.run(relay.run_once())
        errors = [f"{report.dead} message(s) refused for good (see `outbox dead`)"] * bool(
            report.dead
        ) + [f"{report.paused} message(s) held back: sending is paused"] * bool(report.paused)
        with app.uow(False) as uow:
            ctx.progress(uow, processed=report.sent + report.retried, errors=errors)
            uow.commit()

    return work


def _inbox_pass(app: App) -> Callable[[Any], None]:
    from dataclasses import replace

    def work(ctx: Any) -> None:
        listener = inbox_listener(replace(app, async_bus=AsyncBus(app.bus)))
        assert listener is not None
        report = asyncio.run(listener.poll_once())
        errors = [f"{report.failed} mail(s) failed and will be retried"] * bool(report.failed)
        errors += [f"{report.quarantined} mail(s) quarantined"] * bool(report.quarantined)
        with app.uow(False) as uow:
            ctx.progress(
                uow,
                processed=report.seen - report.failed,
                orders=report.outcomes.get("ordered", 0),
                errors=errors,
            )
            uow.commit()

    return work


def register_pass_jobs(app: App) -> None:
    """Make `outbox` (always) and `inbox` (with IMAP_HOST) runnable by hand."""
    runner: Any = app.bus.adapters.jobs
    if runner is None:
        return
    runner.register("outbox", _outbox_pass(app))
    if app.settings.imap_host:
        runner.register("inbox", _inbox_pass(app))
