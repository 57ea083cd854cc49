"""Settings of the group "SMTP and the outbox" (docs/settings.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator

VAR = Path("var")


class SmtpSettings(BaseModel):
    """The settings of the group "SMTP and the outbox"."""

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
    outbox_dir: Path = Field(
        default=VAR / "outbox",
        description="Folder of the `.eml` files written when `SMTP_HOST` is not set.",
        json_schema_extra={"group": "SMTP and the outbox"},
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
