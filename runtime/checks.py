"""Settings that cannot work, each refused with one message naming the setting.

`orderbot run` refuses to start on the first refusal and `orderbot check-config` lists
them all; both use `refusals` (the settings alone) and `pooler_refusal` (which asks the
database whether session advisory locks hold, see store/pooler.py). `check-config` also
asks the mailbox (`mailbox_refusal`): `run` does not wait on it, the listener says the
same in its log and /healthz.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from documents.company import logo_uri
from domain.records.terms import PaymentTerms
from scheduler.triggers import parse_cron
from settings import Settings, mask_url
from store.pooler import session_locks_survive


@dataclass(frozen=True)
class Refusal:
    """A setting that cannot work, and why."""

    setting: str
    message: str

    def __str__(self) -> str:
        return f"{self.setting}: {self.message}"


def settings_error(error: ValidationError) -> str:
    """The first invalid value of a settings file or environment, named as a setting."""
    first = error.errors()[0]
    name = ".".join(str(p) for p in first["loc"]).upper() or "settings"
    given = first.get("input")
    shown = mask_url(given) if isinstance(given, str) else given
    return f"{name}: {first['msg']} (got {shown!r})"


def leader_parts(settings: Settings) -> list[str]:
    """The parts that need a session advisory lock (one leader among processes)."""
    parts = [("inbox", bool(settings.imap_host)), ("outbox relay", settings.outbox_relay_enabled)]
    parts.append(("scheduler", settings.scheduler_enabled))
    return [name for name, on in parts if on]


def refusals(settings: Settings) -> list[Refusal]:
    """Everything wrong with `settings` that can be told without connecting anywhere."""
    found = _database(settings) + _slack(settings) + _mail(settings)
    found += _schedules(settings) + _web(settings) + _terms(settings) + _logo(settings)
    return found


def _logo(s: Settings) -> list[Refusal]:
    """A logo that documents could not print (read now, as bootstrap reads it)."""
    try:
        logo_uri(s.company_logo)
    except OSError as error:
        return [Refusal("COMPANY_LOGO", f"{s.company_logo} cannot be read: {error.strerror}")]
    except ValueError as error:
        return [
            Refusal("COMPANY_LOGO", str(error).removeprefix(f"COMPANY_LOGO {s.company_logo}: "))
        ]
    return []


def _terms(s: Settings) -> list[Refusal]:
    try:
        PaymentTerms.with_settings(s.payment_terms, s.payment_terms_default)
    except ValueError as error:
        return [Refusal("PAYMENT_TERMS", str(error))]
    return []


def _database(s: Settings) -> list[Refusal]:
    try:
        backend = make_url(s.database_url).get_backend_name()
    except ArgumentError:
        return [
            Refusal("DATABASE_URL", "not a database URL (sqlite:///PATH or postgresql+psycopg://…)")
        ]
    if backend not in ("sqlite", "postgresql"):
        return [Refusal("DATABASE_URL", f"{backend} is not supported: use SQLite or PostgreSQL")]
    if backend == "postgresql" and s.database_pooler == "transaction" and leader_parts(s):
        return [_pooler_message(s, declared=True)]
    return []


def _pooler_message(s: Settings, declared: bool) -> Refusal:
    why = (
        "DATABASE_POOLER=transaction says"
        if declared
        else "the database connection is transaction-pooled (a session advisory lock did not"
        " survive from one transaction to the next), so"
    )
    return Refusal(
        "DATABASE_POOLER",
        f"{why} session advisory locks cannot be held, and {', '.join(leader_parts(s))}"
        " need one to run in one process at a time. Point DATABASE_URL at PostgreSQL itself"
        " (or a session-mode pool), or run this process with IMAP_HOST unset,"
        " OUTBOX_RELAY_ENABLED=false and SCHEDULER_ENABLED=false.",
    )


def pooler_refusal(settings: Settings, engine: Engine) -> Refusal | None:
    """On PostgreSQL with leader parts: refuse when session locks do not survive."""
    if engine.dialect.name != "postgresql" or not leader_parts(settings):
        return None
    if settings.database_pooler == "transaction":
        return _pooler_message(settings, declared=True)
    if session_locks_survive(engine):
        return None
    return _pooler_message(settings, declared=False)


def _slack(s: Settings) -> list[Refusal]:
    if s.slack_bot_token is None:
        for name, value in (
            ("SLACK_APP_TOKEN", s.slack_app_token),
            ("SLACK_SIGNING_SECRET", s.slack_signing_secret),
        ):
            if value is not None:
                return [Refusal("SLACK_BOT_TOKEN", f"needed when {name} is set")]
        return []
    if s.slack_app_token is None and s.slack_signing_secret is None:
        return [
            Refusal(
                "SLACK_SIGNING_SECRET",
                "needed for Slack's HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
            )
        ]
    return []


def _mail(s: Settings) -> list[Refusal]:
    found = []
    if s.imap_host and not s.imap_user:
        found.append(Refusal("IMAP_USER", "needed when IMAP_HOST is set"))
    if s.smtp_user and s.smtp_password is None:
        found.append(Refusal("SMTP_PASSWORD", "needed when SMTP_USER is set"))
    if s.imap_host:
        between = max(s.imap_idle_minutes * 60, s.imap_poll_seconds)
        if s.health_inbox_stale_seconds <= between:
            found.append(
                Refusal(
                    "HEALTH_INBOX_STALE_SECONDS",
                    f"{s.health_inbox_stale_seconds:g} s is not longer than the wait between"
                    f" two reads of the mailbox ({between:g} s, from IMAP_IDLE_MINUTES and"
                    " IMAP_POLL_SECONDS): the inbox would always look stuck",
                )
            )
    return found


def _schedules(s: Settings) -> list[Refusal]:
    try:
        zone = ZoneInfo(s.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return [Refusal("TIMEZONE", f"{s.timezone!r} is not a time zone (e.g. Europe/Paris)")]
    if not s.scheduler_enabled:
        return []
    found = []
    for setting, cron in (
        ("SUBSCRIPTION_JOB_CRON", s.subscription_job_cron),
        ("DIGEST_CRON", s.digest_cron),
        ("JEOPARDY_CRON", s.jeopardy_cron),
    ):
        try:
            parse_cron(cron, zone, setting)
        except ValueError as error:
            found.append(Refusal(setting, str(error).partition(": ")[2] or str(error)))
    return found


def _web(s: Settings) -> list[Refusal]:
    found = []
    if not 0 < s.http_port < 65536:
        found.append(Refusal("HTTP_PORT", f"{s.http_port} is not a TCP port"))
    if not s.public_url.startswith(("http://", "https://")):
        found.append(Refusal("PUBLIC_URL", f"{s.public_url!r} must start with http:// or https://"))
    if s.secret_key is None and _backend(s) == "postgresql":
        # No folder is shared by every process on PostgreSQL to keep a key file in.
        found.append(Refusal("SECRET_KEY", SECRET_KEY_NEEDED))
    return found


SECRET_KEY_NEEDED = (
    "needed with PostgreSQL, so that every process and the command line sign tracking links "
    "alike: set a long random value (`openssl rand -hex 32`), or the content of a "
    "var/secret.key made before, to keep the links already sent working"
)


def _backend(s: Settings) -> str | None:
    try:
        return str(make_url(s.database_url).get_backend_name())
    except ArgumentError:
        return None


def mailbox_refusal(settings: Settings) -> Refusal | None:
    """With IMAP_HOST: log in, find or create the quarantine folder in the server's
    personal namespace, and select IMAP_FOLDER; the first that fails, by its setting."""
    from mail.inbound.imap import ImapAccount, ImapError, ImapSession
    from mail.inbound.quarantine import find_quarantine

    s = settings
    if not s.imap_host:
        return None
    password = s.imap_password.get_secret_value() if s.imap_password else ""
    account = ImapAccount(s.imap_host, s.imap_port, s.imap_user or "", password, s.imap_tls)

    async def check() -> Refusal | None:
        session = ImapSession(account)
        try:
            try:
                await session.connect()
            except ImapError as error:
                where = f"{s.imap_user}@{s.imap_host}:{s.imap_port}"
                return Refusal("IMAP_HOST", f"cannot log in as {where}: {error}")
            place = await find_quarantine(session, s.imap_quarantine_folder)
            if place.problem is not None:
                return Refusal("IMAP_QUARANTINE_FOLDER", place.problem)
            try:
                await session.select(s.imap_folder)
            except ImapError as error:
                return Refusal("IMAP_FOLDER", f"cannot open {s.imap_folder!r}: {error}")
            return None
        finally:
            await session.close()

    try:
        return asyncio.run(check())
    except ImapError as error:  # the connection dropped half-way
        return Refusal("IMAP_HOST", str(error))
