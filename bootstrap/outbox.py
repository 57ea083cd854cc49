"""The outbox: a sender per configured channel, the relay that drains the queue into them,
as a part (one leader across processes) and as one pass run by hand (`/jobs run outbox`).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bootstrap.app import App, Part, utc_now
from bootstrap.documents import documents
from bootstrap.slack import slack_sender
from domain.outbox.messages import Channel, OutboxMessage, Sender
from domain.outbox.queue import RetryRule
from domain.services.job_runner import JobContext, JobWork
from domain.text_data import sentence_data
from domain.texts import Text as Sentence
from mail.outbound.carriers import CarrierLinks
from mail.outbound.document_mail import DocumentFiles
from mail.outbound.render import Renderer, mail_domain, sender_address
from mail.outbound.senders import EmlSender, SmtpConfig, SmtpSender
from runtime.leader import Leadership
from scheduler.relay import Alert, PassLog, Relay, RelayReport
from store.repositories.notifications import SqlOutboxQueue, watch_new_messages

if TYPE_CHECKING:
    from documents.port import Documents


def email_renderer(app: App) -> Renderer:
    """Status mails, catalogue mails and prepared answers, rendered at send time."""
    links = app.bus.adapters.tracking_links
    return Renderer(
        app.settings.mail_from,
        links.url_for if links else None,
        app.settings.currency,
        carriers=CarrierLinks(app.settings.carrier_urls),
        documents=document_files(app),
    )


def document_files(app: App) -> DocumentFiles:
    """The PDFs mails attach, drawn through the documents port (made at the first one:
    WeasyPrint takes a moment to import)."""
    port: list[Documents] = []

    def draw(kind: str, code: str, language: str) -> tuple[str, bytes]:
        if not port:
            port.append(documents(app))
        made = port[0].render(kind, code, language)
        return made.filename, made.data

    return draw


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


def senders(app: App) -> dict[Channel, Sender]:
    """A sender for every configured channel: Slack with a bot token, email always."""
    found: dict[Channel, Sender] = {}
    slack = slack_sender(app)
    if slack is not None:
        found[Channel.SLACK] = slack
    found[Channel.EMAIL] = email_sender(app)
    return found


def outbox_relay(
    app: App,
    clock: Callable[[], datetime] = utc_now,
    *,
    batch_size: int = 50,
    connections: int = 1,
    jitter: Callable[[], float] = random.random,
    log_passes: bool = True,
) -> Relay:
    """The relay with a sender for every configured channel; with `log_passes`, each
    pass that sent something becomes a run of job "outbox" in the job log."""
    queue = SqlOutboxQueue(app.engine)
    return Relay(
        queue,
        senders(app),
        clock,
        # A row claimed by a relay that died comes back after the lease.
        rule=RetryRule(lease=timedelta(seconds=app.settings.outbox_lease_seconds)),
        batch_size=batch_size,
        connections=connections,
        jitter=jitter,
        alert=_relay_alert(app, queue),
        log_pass=_relay_job_log(app) if log_passes else None,
    )


def _relay_alert(app: App, queue: SqlOutboxQueue) -> Alert:
    channel = app.settings.slack_digest_channel
    log = logging.getLogger("orderbot.relay")

    def alert(reason: str, text: Sentence, message: OutboxMessage | None) -> None:
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
                    # The English for readers of earlier versions; the Slack sender says
                    # the sentence in the managers' language (LANGUAGE).
                    "text": str(text),
                    "sentence": sentence_data(text),
                    "order_code": message.order_code if message else None,
                },
                order_code=message.order_code if message else None,
                key=key,
            )
        )

    return alert


def _relay_job_log(app: App) -> PassLog:
    from domain.jobs.log import JobRun

    def log_pass(report: RelayReport, started: datetime, finished: datetime) -> None:
        run = JobRun.start("outbox", started, "relay")
        run.progress(processed=report.sent)
        for error in report.errors():
            run.add_error(error)
        run.finish(finished)
        run.pull_events()  # the log row is the record; nothing listens to a relay pass
        with app.uow(False) as uow:
            uow.job_runs.add(run)
            uow.commit()

    return log_pass


def relay_part(app: App) -> Part | None:
    """The relay as a part, woken by new rows; None when OUTBOX_RELAY_ENABLED is off."""
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


def outbox_pass(app: App) -> JobWork:
    """One pass of the relay as a job, logged by the job runner (not by the relay). It
    runs in a worker thread, on an event loop of its own."""

    def work(ctx: JobContext) -> None:
        relay = outbox_relay(app, log_passes=False)
        report = asyncio.run(relay.run_once())
        with app.uow(False) as uow:
            processed = report.sent + report.retried
            ctx.progress(uow, processed=processed, errors=report.errors())
            uow.commit()

    return work
