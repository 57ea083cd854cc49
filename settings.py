"""Settings: read from the environment, then `.env`, then these defaults. Secrets are masked.

This is the only module that reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR = Path("var")


class Settings(BaseSettings):
    """Every setting of orderbot; all optional (the embedded defaults run as they are)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{VAR / 'orderbot.db'}")
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    slack_digest_channel: str | None = None
    slack_managers: str = ""
    slack_workers: int = Field(default=2, ge=1, le=32)
    imap_host: str | None = None
    imap_port: int = 993
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_folder: str = "INBOX"
    imap_tls: bool = True
    imap_idle_minutes: float = Field(default=9.0, gt=0)
    imap_poll_seconds: float = Field(default=30.0, gt=0)
    imap_quarantine_folder: str = "Quarantine"
    imap_max_attempts: int = Field(default=3, ge=1)
    imap_batch_size: int = Field(default=50, ge=1, le=500)
    mail_authserv_id: str | None = None
    mail_answers_per_hour: int = Field(default=5, ge=0)
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["starttls", "tls", "none"] = "starttls"
    mail_from: str = "orderbot@localhost"
    public_url: str = "http://127.0.0.1:8000"
    secret_key: SecretStr | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    notify_auto: bool = False
    auto_close: Literal["on_invoice", "on_shipment", "on_both", "never"] = "on_both"
    order_confirm_email: Literal["confirmed", "draft"] = "draft"
    subscriptions_enabled: bool = True
    subscription_job_cron: str = "0 6 * * *"
    digest_cron: str = "0 8 * * *"
    subscription_orders_confirmed: bool = False
    scheduler_enabled: bool = True
    scheduler_poll_seconds: float = Field(default=5.0, gt=0)
    subscription_job_batch: int = Field(default=2000, ge=1)
    timezone: str = "Europe/Paris"
    currency: str = "EUR"
    max_attachment_mb: int = 10
    import_max_rows: int = 100_000
    outbox_dir: Path = VAR / "outbox"
    tracking_link_days: int = Field(default=90, ge=1)
    # `orderbot run` as a service (issue 8): leaders, pooler, shutdown, health thresholds.
    outbox_relay_enabled: bool = True
    outbox_lease_seconds: float = Field(default=300.0, gt=0)
    database_pooler: Literal["none", "session", "transaction"] = "none"
    leader_retry_seconds: float = Field(default=5.0, gt=0)
    shutdown_seconds: float = Field(default=8.0, gt=0, le=9)
    health_slack_stale_seconds: float = Field(default=180.0, gt=0)
    health_inbox_stale_seconds: float = Field(default=1200.0, gt=0)
    health_outbox_stale_seconds: float = Field(default=900.0, gt=0)
    health_scheduler_stale_seconds: float = Field(default=900.0, gt=0)

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
        """Every setting with secrets shown as ****, for logs and check-config."""
        shown: dict[str, object] = {}
        for name, value in self.model_dump().items():
            shown[name] = "****" if isinstance(getattr(self, name), SecretStr) else value
        return shown


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Settings from the environment and `env_file`."""
    return Settings(_env_file=env_file)
