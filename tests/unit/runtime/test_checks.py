"""Settings that cannot work are refused with one message naming the setting."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from runtime.checks import refusals, settings_error
from settings import Settings


def _refused(**values: Any) -> list[str]:
    return [str(r) for r in refusals(Settings(_env_file=None, **values))]


def test_the_embedded_defaults_can_work() -> None:
    assert _refused() == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"slack_bot_token": "xoxb-1"},
            (
                "SLACK_SIGNING_SECRET: needed for Slack's HTTP mode (or set SLACK_APP_TOKEN for"
                " Socket Mode)"
            ),
        ),
        ({"slack_app_token": "xapp-1"}, "SLACK_BOT_TOKEN: needed when SLACK_APP_TOKEN is set"),
        ({"imap_host": "mail.test"}, "IMAP_USER: needed when IMAP_HOST is set"),
        ({"smtp_user": "me"}, "SMTP_PASSWORD: needed when SMTP_USER is set"),
        (
            {"timezone": "Mars/Olympus"},
            "TIMEZONE: 'Mars/Olympus' is not a time zone (e.g. Europe/Paris)",
        ),
        (
            {"digest_cron": "6 * *"},
            "DIGEST_CRON: a cron needs 5 fields (minute hour day month weekday)",
        ),
        (
            {"jeopardy_cron": "7 * *"},
            "JEOPARDY_CRON: a cron needs 5 fields (minute hour day month weekday)",
        ),
        (
            {"database_url": "mysql://x@h/db"},
            "DATABASE_URL: mysql is not supported: use SQLite or PostgreSQL",
        ),
        (
            {"public_url": "shop.test"},
            "PUBLIC_URL: 'shop.test' must start with http:// or https://",
        ),
        ({"http_port": 70000}, "HTTP_PORT: 70000 is not a TCP port"),
        (
            {"imap_host": "m", "imap_user": "u", "health_inbox_stale_seconds": 300},
            (
                "HEALTH_INBOX_STALE_SECONDS: 300 s is not longer than the wait between two reads"
                " of the mailbox (540 s, from IMAP_IDLE_MINUTES and IMAP_POLL_SECONDS): the"
                " inbox would always look stuck"
            ),
        ),
    ],
)
def test_each_refusal_names_its_setting(values: dict[str, Any], expected: str) -> None:
    assert _refused(**values) == [expected]


def test_a_declared_transaction_pooler_is_refused_only_with_leader_parts() -> None:
    pg = {"database_url": "postgresql+psycopg://u@h/db", "secret_key": "k" * 32}
    (refusal,) = _refused(**pg, database_pooler="transaction")
    assert refusal.startswith("DATABASE_POOLER: DATABASE_POOLER=transaction says session")
    assert "outbox relay, scheduler need one" in refusal
    web_only = {"outbox_relay_enabled": False, "scheduler_enabled": False}
    assert _refused(**pg, database_pooler="transaction", **web_only) == []
    assert _refused(database_pooler="transaction") == []  # SQLite: no pooler in between


def test_postgresql_needs_a_secret_key_and_sqlite_keeps_one_beside_the_file() -> None:
    (refusal,) = _refused(database_url="postgresql+psycopg://u@h/db")
    assert refusal.startswith("SECRET_KEY: needed with PostgreSQL, so that every process and")
    assert _refused(database_url="postgresql+psycopg://u@h/db", secret_key="k" * 32) == []
    assert _refused(database_url="sqlite:////srv/orderbot/orderbot.db") == []


def test_a_malformed_value_is_named_as_its_setting() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, imap_port="nine")  # type: ignore[arg-type]
    assert settings_error(caught.value) == (
        "IMAP_PORT: Input should be a valid integer, unable to parse string as an integer"
        " (got 'nine')"
    )


def test_payment_terms_that_cannot_work_are_refused() -> None:
    (refusal,) = _refused(payment_terms_default="Net 99")
    assert refusal.startswith(
        "PAYMENT_TERMS: the default payment term 'Net 99' is not one of: on receipt, Net 7"
    )
    (too_long,) = _refused(payment_terms="Yearly=400")
    assert too_long == "PAYMENT_TERMS: payment term 'Yearly=400': 400 days is more than 366"
    assert _refused(payment_terms="Net 10=10", payment_terms_default="net 10") == []
    with pytest.raises(ValidationError):
        Settings(_env_file=None, payment_terms="Net 10")


def test_a_company_logo_that_cannot_be_printed_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "logo.png"
    (refusal,) = _refused(company_logo=str(missing))
    # The system says why in its own words (its locale), which the refusal passes on.
    assert refusal == f"COMPANY_LOGO: {missing} cannot be read: {os.strerror(errno.ENOENT)}"
    text = tmp_path / "logo.txt"
    text.write_text("not an image")
    (wrong,) = _refused(company_logo=str(text))
    assert wrong == "COMPANY_LOGO: a logo is a PNG, JPEG, GIF or SVG file"
    missing.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _refused(company_logo=str(missing)) == []
