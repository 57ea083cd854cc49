"""Settings: read from the environment, then `.env`, then these defaults. Secrets are masked.

This is the only module that reads the environment.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR = Path("var")

# The sections of docs/settings.md and .env.example, in this order; every field names one
# of them as its `group`, so the generated reference cannot leave a setting out.
GROUPS = (
    "Database",
    "Slack",
    "Mailbox",
    "SMTP and the outbox",
    "Web and tracking",
    "Orders",
    "Scheduler and jobs",
    "Imports and attachments",
    "Service and health",
)


class Settings(BaseSettings):
    """Every setting of orderbot; all optional (the embedded defaults run as they are).

    Each field's description and group are the documentation: `scripts/settings_doc.py`
    writes docs/settings.md and .env.example from them.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{VAR / 'orderbot.db'}",
        description="SQLite file by default; PostgreSQL for several processes, with the psycopg 3 "
        "driver: `postgresql+psycopg://orderbot:secret@127.0.0.1:5432/orderbot`.",
        json_schema_extra={"group": "Database"},
    )
    slack_bot_token: SecretStr | None = Field(
        default=None,
        description="Bot token (`xoxb-…`) of the installed Slack app; with it set, the console "
        "stays off.",
        json_schema_extra={"group": "Slack"},
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        description="Slack signing secret, to verify requests in HTTP mode.",
        json_schema_extra={"group": "Slack"},
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        description="Slack app-level token (`xapp-…`): set, it selects Socket Mode (no public URL "
        "needed); unset, Slack is served in HTTP mode.",
        json_schema_extra={"group": "Slack"},
    )
    slack_api_url: str | None = Field(
        default=None,
        description="Base URL of the Slack Web API, only for tests and stand-ins; unset, "
        "Slack's own.",
        examples=["https://slack.com/api/"],
        json_schema_extra={"group": "Slack"},
    )
    slack_digest_channel: str | None = Field(
        default=None,
        description="Channel that receives the job-log digest.",
        examples=["#orders-digest"],
        json_schema_extra={"group": "Slack"},
    )
    slack_managers: str = Field(
        default="",
        description="Slack user ids allowed to run manager commands (`/tax new`, `/jobs run`), "
        "comma-separated.",
        examples=["U0123ABCD,U0456EFGH"],
        json_schema_extra={"group": "Slack"},
    )
    slack_workers: int = Field(
        default=2,
        ge=1,
        le=32,
        description="Slack commands run against the database at once; few keep "
        "acknowledgements fast on few cores (every command is acknowledged first either "
        "way: acknowledgements never wait for them).",
        json_schema_extra={"group": "Slack"},
    )
    imap_host: str | None = Field(
        default=None,
        description="IMAP server of the inbox customers send orders to.",
        examples=["imap.example.com"],
        json_schema_extra={"group": "Mailbox"},
    )
    imap_port: int = Field(
        default=993,
        description="IMAP port (993 with TLS, 143 without).",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_user: str | None = Field(
        default=None,
        description="IMAP login.",
        examples=["orders@example.com"],
        json_schema_extra={"group": "Mailbox"},
    )
    imap_password: SecretStr | None = Field(
        default=None,
        description="IMAP password.",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_folder: str = Field(
        default="INBOX",
        description="IMAP folder to read, named as the server shows it (any language: it is "
        "sent in IMAP's modified UTF-7).",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_tls: bool = Field(
        default=True,
        description="Use TLS for IMAP (true/false).",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_idle_minutes: float = Field(
        default=9.0,
        gt=0,
        description="Minutes between IDLE renewals (servers drop IDLE after 30 minutes; some "
        "after 10).",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_poll_seconds: float = Field(
        default=30.0,
        gt=0,
        description="Seconds between polls when the server has no IDLE.",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_quarantine_folder: str = Field(
        default="Quarantine",
        description="Folder where a mail that keeps failing is moved, created when missing, "
        "inside the server's personal namespace (`INBOX.Quarantine` on servers whose folders "
        "live under `INBOX.`). Where it cannot be created, such mails are flagged "
        "`$OrderbotQuarantined` where they lie; `orderbot check-config` refuses the name.",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_max_attempts: int = Field(
        default=3,
        ge=1,
        description="Failed attempts at one mail before it is quarantined (its sender told a "
        "person will look at it, reps alerted).",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_retry_seconds: float = Field(
        default=60.0,
        gt=0,
        description="Seconds before a mail that failed is tried again; each further attempt "
        "waits twice as long (at most an hour). With the defaults a mail that keeps failing "
        "is quarantined 3 minutes after its first failure.",
        json_schema_extra={"group": "Mailbox"},
    )
    imap_batch_size: int = Field(
        default=50,
        ge=1,
        le=500,
        description="Mails fetched and handled per transaction.",
        json_schema_extra={"group": "Mailbox"},
    )
    mail_authserv_id: str | None = Field(
        default=None,
        description="authserv-id of YOUR mail server's `Authentication-Results` header; only "
        "its DMARC verdict counts: a mail that fails DMARC there is never answered, and its "
        "order waits as a draft for a rep.",
        examples=["mx.example.com"],
        json_schema_extra={"group": "Mailbox"},
    )
    mail_answers_per_hour: int = Field(
        default=5,
        ge=0,
        description="At most this many automatic answers to one sender per hour (0: never answer).",
        json_schema_extra={"group": "Mailbox"},
    )
    mail_stranger_answers_per_hour: int = Field(
        default=20,
        ge=0,
        le=10_000,
        description='At most this many "not registered" answers per hour to addresses no '
        "customer has, all of them together, so forged senders cannot make orderbot mail "
        "strangers (0: never answer them). Reps are told of every such mail either way.",
        json_schema_extra={"group": "Mailbox"},
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server for replies and notifications; without it, mail is written to "
        "`OUTBOX_DIR` as `.eml` files.",
        examples=["smtp.example.com"],
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    smtp_port: int = Field(
        default=587,
        description="SMTP port (587 with STARTTLS, 465 with TLS).",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    smtp_user: str | None = Field(
        default=None,
        description="SMTP login.",
        examples=["orders@example.com"],
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    smtp_password: SecretStr | None = Field(
        default=None,
        description="SMTP password.",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    smtp_tls: Literal["starttls", "tls", "none"] = Field(
        default="starttls",
        description="SMTP encryption: starttls, tls or none (true, yes and 1 are read as "
        "starttls; false, no and 0 as none; ssl as tls).",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    mail_from: str = Field(
        default="orderbot@localhost",
        description="Sender address of every mail orderbot sends.",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Address where customers reach the web server: the base of the tracking "
        "links in mails.",
        json_schema_extra={"group": "Web and tracking"},
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs tracking links; set a long random value in production (e.g. "
        "`openssl rand -hex 32`). Changing it invalidates every link. Unset, a key is made "
        "once in `secret.key` beside the SQLite database file; needed with PostgreSQL.",
        json_schema_extra={"group": "Web and tracking"},
    )
    http_host: str = Field(
        default="127.0.0.1",
        description="Web server address (tracking page, `/healthz`, Slack HTTP mode).",
        json_schema_extra={"group": "Web and tracking"},
    )
    http_port: int = Field(
        default=8000,
        description="Web server port.",
        json_schema_extra={"group": "Web and tracking"},
    )
    trusted_proxies: str = Field(
        default="",
        description="Reverse proxies in front of the web server, comma-separated addresses or "
        "CIDR blocks (`127.0.0.1, 10.0.0.0/8`): only requests from them have their "
        "`X-Forwarded-For` believed, so the tracking page limits each visitor rather than the "
        "proxy. Empty: the header is ignored.",
        json_schema_extra={"group": "Web and tracking"},
    )
    notify_auto: bool = Field(
        default=False,
        description="Send status notifications at once (true) or when a rep says "
        "`/order notify` (false).",
        json_schema_extra={"group": "Orders"},
    )
    auto_close: Literal["on_invoice", "on_shipment", "on_both", "never"] = Field(
        default="on_both",
        description="When a confirmed order closes by itself: on_invoice, on_shipment, "
        "on_both or never.",
        json_schema_extra={"group": "Orders"},
    )
    order_confirm_email: Literal["confirmed", "draft"] = Field(
        default="draft",
        description="Orders that arrive by email are created confirmed or draft.",
        json_schema_extra={"group": "Orders"},
    )
    subscriptions_enabled: bool = Field(
        default=True,
        description="Turn subscriptions (recurring orders) on or off.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_job_cron: str = Field(
        default="0 6 * * *",
        description="When the subscription job runs (cron, in `TIMEZONE`).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    digest_cron: str = Field(
        default="0 8 * * *",
        description="When the job-log digest is posted (cron, in `TIMEZONE`).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_orders_confirmed: bool = Field(
        default=False,
        description="Subscription orders are created confirmed (true) or draft (false).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    scheduler_enabled: bool = Field(
        default=True,
        description="Run the job scheduler in `orderbot run` (one leader among processes "
        "sharing the database).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    scheduler_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="Seconds between attempts of a process that does not lead the scheduler "
        "to take the lead.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_job_batch: int = Field(
        default=2000,
        ge=1,
        description="Subscriptions settled per transaction by the subscription job.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    timezone: str = Field(
        default="Europe/Paris",
        description="Time zone of the schedules and of dates shown to people and typed by them.",
        json_schema_extra={"group": "Orders"},
    )
    currency: str = Field(
        default="EUR",
        description="Currency of prices and totals (ISO 4217).",
        json_schema_extra={"group": "Orders"},
    )
    max_attachment_mb: int = Field(
        default=10,
        description="Largest mail, attachment or imported spreadsheet taken, in megabytes.",
        json_schema_extra={"group": "Imports and attachments"},
    )
    mail_max_attachments: int = Field(
        default=10,
        ge=1,
        le=100,
        description="Spreadsheets read per mail; the others are not read, and the answer to "
        "the customer (and an alert to reps) names them.",
        json_schema_extra={"group": "Imports and attachments"},
    )
    import_max_rows: int = Field(
        default=100_000,
        description="Largest spreadsheet import, in data rows (larger files are refused before "
        "reading).",
        json_schema_extra={"group": "Imports and attachments"},
    )
    outbox_dir: Path = Field(
        default=VAR / "outbox",
        description="Folder of the `.eml` files written when `SMTP_HOST` is not set.",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    tracking_link_days: int = Field(
        default=90,
        ge=1,
        description="Days a tracking link stays valid after the last mail that carried it.",
        json_schema_extra={"group": "Web and tracking"},
    )
    outbox_relay_enabled: bool = Field(
        default=True,
        description="Run the outbox relay in this process (one leader among processes sharing "
        "the database).",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    outbox_lease_seconds: float = Field(
        default=300.0,
        gt=0,
        description="Seconds a message claimed by a relay is left alone (one whose relay died "
        "is sent again after).",
        json_schema_extra={"group": "SMTP and the outbox"},
    )
    database_pooler: Literal["none", "session", "transaction"] = Field(
        default="none",
        description="The pooler between orderbot and PostgreSQL: none, session or transaction "
        "(transaction is refused while the inbox, the relay or the scheduler run; see "
        "docs/service.md).",
        json_schema_extra={"group": "Database"},
    )
    leader_retry_seconds: float = Field(
        default=5.0,
        gt=0,
        description="Seconds between attempts of a process that does not lead the inbox or "
        "the outbox relay to take the lead.",
        json_schema_extra={"group": "Service and health"},
    )
    shutdown_seconds: float = Field(
        default=8.0,
        gt=0,
        le=9,
        description="On SIGTERM, seconds in-flight work gets before the process exits (at most 9).",
        json_schema_extra={"group": "Service and health"},
    )
    health_slack_stale_seconds: float = Field(
        default=180.0,
        gt=0,
        description="`/healthz`: Slack is stuck after this many seconds without a successful "
        "`auth.test` (checked a third of it apart).",
        json_schema_extra={"group": "Service and health"},
    )
    health_inbox_stale_seconds: float = Field(
        default=1200.0,
        gt=0,
        description="`/healthz`: the leading inbox is stuck after this many seconds without a "
        "pass that read the mailbox to its end (every mail handled or quarantined, none left "
        "failing).",
        json_schema_extra={"group": "Service and health"},
    )
    health_outbox_stale_seconds: float = Field(
        default=900.0,
        gt=0,
        description="`/healthz`: the outbox is stuck when a message has waited this many "
        "seconds undelivered.",
        json_schema_extra={"group": "Service and health"},
    )
    health_scheduler_stale_seconds: float = Field(
        default=900.0,
        gt=0,
        description="`/healthz`: the scheduler is stuck when a slot this many seconds old has "
        "no run.",
        json_schema_extra={"group": "Service and health"},
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        for item in value.replace(";", ",").split(","):
            if item.strip():
                try:
                    ipaddress.ip_network(item.strip(), strict=False)
                except ValueError:
                    raise ValueError(
                        f"{item.strip()!r} is not an IP address or CIDR block"
                    ) from None
        return value

    @field_validator("smtp_tls", mode="before")
    @classmethod
    def _tls_words(cls, value: object) -> object:
        words = {
            "true": "starttls",
            "yes": "starttls",
            "1": "starttls",
            "false": "none",
            "no": "none",
            "0": "none",
            "ssl": "tls",
        }
        return words.get(str(value).strip().lower(), value) if isinstance(value, str) else value

    def managers(self) -> frozenset[str]:
        """Slack user ids (or names) allowed to run manager commands."""
        return frozenset(
            m.strip() for m in self.slack_managers.replace(";", ",").split(",") if m.strip()
        )

    def masked(self) -> dict[str, object]:
        """Every setting with secrets shown as ****, and passwords inside URLs (a database
        URL's `user:secret@`, a `?password=` parameter) as ***, for logs and check-config."""
        shown: dict[str, object] = {}
        for name, value in self.model_dump().items():
            if isinstance(getattr(self, name), SecretStr):
                shown[name] = "****"
            else:
                shown[name] = mask_url(value) if isinstance(value, str) else value
        return shown


_URL_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@]*):([^?#]*)@")
_QUERY_PASSWORD = re.compile(r"([?&;](?:password|passwd|pwd|pass)=)[^&;#]*", re.IGNORECASE)


def mask_url(text: str) -> str:
    """`text` with the password of a URL in it shown as *** (`postgresql://u:***@h/db`)."""
    return _QUERY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1:***@", text))


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Settings from the environment and `env_file`."""
    return Settings(_env_file=env_file)
