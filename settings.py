"""Settings: read from the environment, then `.env`, then these defaults. Secrets are masked.

This is the only module that reads the environment.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from setting_groups.company import CompanySettings
from setting_groups.database import DatabaseSettings
from setting_groups.einvoicing import EInvoicingSettings
from setting_groups.imports import ImportsSettings
from setting_groups.jobs import JobsSettings
from setting_groups.mailbox import MailboxSettings
from setting_groups.numbering import NumberingSettings
from setting_groups.orders import OrdersSettings
from setting_groups.service import ServiceSettings
from setting_groups.slack import SlackSettings
from setting_groups.smtp import SmtpSettings
from setting_groups.stock import StockSettings
from setting_groups.web import WebSettings

# The sections of docs/settings.md and .env.example, in this order; every field names one
# of them as its `group`, so the generated reference cannot leave a setting out.
GROUPS = (
    "Database",
    "Slack",
    "Mailbox",
    "SMTP and the outbox",
    "Web and tracking",
    "Orders",
    "Company",
    "Scheduler and jobs",
    "Imports and attachments",
    "Service and health",
)


class Settings(
    ServiceSettings,
    ImportsSettings,
    JobsSettings,
    OrdersSettings,
    EInvoicingSettings,
    CompanySettings,
    StockSettings,
    NumberingSettings,
    WebSettings,
    SmtpSettings,
    MailboxSettings,
    SlackSettings,
    DatabaseSettings,
    BaseSettings,
):
    """Every setting of orderbot; all optional (the embedded defaults run as they are).

    Each field's description and group are the documentation: `scripts/settings_doc.py`
    writes docs/settings.md and .env.example from them.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

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


def spoken_language(settings: Settings) -> str | None:
    """The LANGUAGE setting, else the system locale's (LC_ALL, LC_MESSAGES, LANG, the
    order the C library reads them in); the first of a colon-separated list counts."""
    for value in (
        settings.language,
        os.environ.get("LC_ALL"),
        os.environ.get("LC_MESSAGES"),
        os.environ.get("LANG"),
    ):
        if value and value.split(":", 1)[0].split(".", 1)[0] not in ("", "C", "POSIX"):
            return value.split(":", 1)[0]
    return None
