"""Orders by email: the IMAP inbox listener, as a part (one leader across processes) and
as one pass run by hand (`/jobs run inbox`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bootstrap.app import App, Part, utc_now
from domain.services.job_runner import JobContext, JobWork
from domain.services.messagebus import AsyncBus
from runtime.leader import Leadership

if TYPE_CHECKING:
    from mail.inbound.listener import InboxListener


def inbox_listener(app: App, bus: AsyncBus | None = None) -> InboxListener | None:
    """The IMAP inbox listener on `bus` (the app's async bus unless given); None when
    IMAP_HOST is not set."""
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
            max_attachments=s.mail_max_attachments,
            stranger_answers_per_hour=s.mail_stranger_answers_per_hour,
        ),
    )
    return InboxListener(config, bus or app.async_bus, InboxStateStore(app.engine))


def inbox_part(app: App) -> Part | None:
    """The listener as a part, each pass a heartbeat of its probe; None without IMAP_HOST."""
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


def inbox_pass(app: App) -> JobWork:
    """One pass of the listener as a job, logged like every other job. It runs in a
    worker thread on an event loop of its own, hence on an AsyncBus of its own."""

    def work(ctx: JobContext) -> None:
        listener = inbox_listener(app, AsyncBus(app.bus))
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
