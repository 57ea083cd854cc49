"""Settings of the group "Mailbox" (docs/settings.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr


class MailboxSettings(BaseModel):
    """The settings of the group "Mailbox"."""

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
