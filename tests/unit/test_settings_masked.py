"""check-config's view of the settings: secrets as ****, passwords inside URLs as ***."""

from __future__ import annotations

import pytest

from settings import Settings, mask_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:secret@h/db", "postgresql://u:***@h/db"),
        (
            "postgresql+psycopg://orderbot:p@ss:w/rd@db:5432/x",
            "postgresql+psycopg://orderbot:***@db:5432/x",
        ),
        ("postgresql+psycopg://:secret@db/x", "postgresql+psycopg://:***@db/x"),
        (
            "postgresql://u@h/db?sslmode=require&password=secret",
            "postgresql://u@h/db?sslmode=require&password=***",
        ),
        ("https://bot:secret@slack.internal/api/", "https://bot:***@slack.internal/api/"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("sqlite:///var/orderbot.db", "sqlite:///var/orderbot.db"),
        ("orders@example.com", "orders@example.com"),
    ],
)
def test_a_password_inside_a_url_is_masked(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def test_masked_hides_every_password() -> None:
    settings = Settings(
        _env_file=None,
        database_url="postgresql+psycopg://orderbot:secret1@db/orderbot",
        slack_api_url="https://proxy:secret2@slack.internal/api/",
        public_url="https://shop.example",
        smtp_password="secret3",
        imap_password="secret4",
        secret_key="secret5" * 5,
    )
    shown = settings.masked()
    assert shown["database_url"] == "postgresql+psycopg://orderbot:***@db/orderbot"
    assert shown["slack_api_url"] == "https://proxy:***@slack.internal/api/"
    assert shown["public_url"] == "https://shop.example"
    assert (shown["smtp_password"], shown["imap_password"], shown["secret_key"]) == ("****",) * 3
    assert [v for v in shown.values() if "secret" in str(v)] == []
