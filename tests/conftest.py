"""Shared pytest fixtures. Each section owns one concern; add yours as a new section.

The real servers (PostgreSQL, dovecot, SMTP) are started by the classes in
tests/servers/; the fixtures here only start them, hand them out and stop them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.postgres import PostgresServer
from tests.servers.smtp import SmtpServer

# ---------------------------------------------------------------------------------------
# Markers: a test that uses a server fixture gets that server's marker, so that for
# example `pytest -m "not postgres"` leaves out everything that needs PostgreSQL.
# ---------------------------------------------------------------------------------------

_MARKER_OF_FIXTURE = {
    "postgres_server": "postgres",
    "dovecot": "dovecot",
    "dovecot_no_idle": "dovecot",
    "dovecot_inbox_prefix": "dovecot",
    "smtp_server": "smtp",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by the servers they use."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for fixture, marker in _MARKER_OF_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)


# ---------------------------------------------------------------------------------------
# Databases: SQLite files and a private PostgreSQL cluster (one per test session).
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL cluster on 127.0.0.1, started on first use."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    yield url
    postgres_server.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """SQLAlchemy URL of a SQLite file (not yet created) in the test's tmp_path."""
    return f"sqlite:///{tmp_path / 'orderbot.sqlite3'}"


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


# ---------------------------------------------------------------------------------------
# IMAP: a private dovecot (one per session), a fresh mailbox user per test.
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """The session's dovecot on 127.0.0.1, with IDLE."""
    with DovecotServer() as server:
        yield server


@pytest.fixture(scope="session")
def dovecot_no_idle() -> Iterator[DovecotServer]:
    """A second dovecot that does not advertise IDLE, for polling fallbacks."""
    with DovecotServer(idle=False) as server:
        yield server


@pytest.fixture(scope="session")
def dovecot_inbox_prefix() -> Iterator[DovecotServer]:
    """A dovecot whose personal namespace is `INBOX.` (separator `.`), as Cyrus's is;
    started only by the tests that ask for it."""
    with DovecotServer(namespace_prefix="INBOX.") as server:
        yield server


def _fresh_user(server: DovecotServer) -> Iterator[ImapAccount]:
    account = server.add_user(f"user-{uuid.uuid4().hex[:12]}", password=uuid.uuid4().hex)
    yield account
    server.remove_user(account.user)


@pytest.fixture
def imap_user(dovecot: DovecotServer) -> Iterator[ImapAccount]:
    """A new user with an empty INBOX on `dovecot`, removed after the test."""
    yield from _fresh_user(dovecot)


@pytest.fixture
def imap_user_no_idle(dovecot_no_idle: DovecotServer) -> Iterator[ImapAccount]:
    """A new user with an empty INBOX on `dovecot_no_idle`, removed after the test."""
    yield from _fresh_user(dovecot_no_idle)


@pytest.fixture
def imap_user_inbox_prefix(dovecot_inbox_prefix: DovecotServer) -> Iterator[ImapAccount]:
    """A new user on `dovecot_inbox_prefix` (folders under `INBOX.`), removed after."""
    yield from _fresh_user(dovecot_inbox_prefix)


# ---------------------------------------------------------------------------------------
# SMTP: a recording server per test.
# ---------------------------------------------------------------------------------------


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A recording SMTP server on 127.0.0.1 for this test only."""
    with SmtpServer() as server:
        yield server
