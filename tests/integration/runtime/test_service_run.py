"""`orderbot run` and `check-config` as a service: health, pooler refusal, SIGTERM.

- /healthz answers 200 while every part works and 503 naming the inbox while the
  mailbox cannot be reached (through a TCP proxy the test cuts), then 200 again;
- a transaction-pooling PgBouncer is detected and refused (session mode is accepted),
  and DATABASE_POOLER=transaction is refused unless the leader parts are off;
- SIGTERM while a Slack command waits on a row lock: the command finishes and is
  answered, then the process exits cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from decimal import Decimal
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import create_engine, select, text

import bootstrap
import main
from domain import commands as c
from settings import Settings
from store.tables import core as t
from tests.e2e.service import Service, start, until, wait_healthy
from tests.integration.bot.slack.signing import SECRET, SlackClient
from tests.servers import pgbouncer
from tests.servers.dovecot import ImapAccount
from tests.servers.ports import free_port
from tests.servers.postgres import PostgresServer
from tests.servers.proxy import CuttableProxy
from tests.servers.slack_api import SlackApiStub


def _status(svc: Service) -> tuple[int, list[str]] | None:
    with contextlib.suppress(OSError):
        status, body = svc.health()
        return status, body["stuck"]
    return None


def _polled(svc: Service) -> dict[str, Any] | None:
    status, body = svc.health()
    return body if status == 200 and body["parts"]["inbox"]["last_poll"] else None


async def test_healthz_is_503_while_the_mailbox_is_unreachable(
    imap_user_no_idle: ImapAccount, sqlite_url: str, tmp_path: Path
) -> None:
    imap_user = imap_user_no_idle  # polled: a pass every IMAP_POLL_SECONDS
    proxy = CuttableProxy(imap_user.port)
    await proxy.start()
    settings = {
        "DATABASE_URL": sqlite_url,
        "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(proxy.port), "IMAP_TLS": "false",
        "IMAP_USER": imap_user.user, "IMAP_PASSWORD": imap_user.password,
        "IMAP_IDLE_MINUTES": "0.01", "IMAP_POLL_SECONDS": "0.3",
        "HEALTH_INBOX_STALE_SECONDS": "2", "LEADER_RETRY_SECONDS": "0.3",
    }  # fmt: skip
    svc = start(tmp_path / "run", free_port(), settings)
    try:
        await asyncio.to_thread(wait_healthy, svc)
        body = await until(lambda: _polled(svc), 10, "a first poll", svc)
        assert sorted(body["parts"]) == ["database", "inbox", "outbox", "scheduler"]
        assert body["parts"]["inbox"]["leader"] is True
        assert body["parts"]["inbox"]["last_poll"] is not None
        await proxy.cut()
        stuck = await until(lambda: _status(svc) == (503, ["inbox"]), 15, "503", svc)
        assert stuck
        status, body = svc.health()
        assert (status, body["status"], body["parts"]["database"]["ok"]) == (503, "stuck", True)
        assert body["parts"]["inbox"]["ok"] is False
        await proxy.mend()
        await until(lambda: _status(svc) == (200, []), 20, "200 again", svc)
        status, seconds = svc.stop()
        assert (status, seconds < 10) == (0, True)
    finally:
        svc.kill()
        await proxy.cut()


# --- a transaction pooler -----------------------------------------------------------------

needs_pgbouncer = pytest.mark.skipif(
    not pgbouncer.available(), reason="pgbouncer is not installed (scripts/setup --test)"
)


KEY = "service-run-secret-" + "x" * 20  # PostgreSQL needs SECRET_KEY


def _check_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> int:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main.main(["check-config"])


def test_check_config_shows_no_password_even_inside_a_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://orderbot:s3cr3t-pw@127.0.0.1:9/orderbot"
    env = {"DATABASE_URL": url, "SMTP_PASSWORD": "s3cr3t-smtp", "SECRET_KEY": "s3cr3t" * 6}
    assert _check_config(monkeypatch, tmp_path, **env) == 2  # nothing listens on port 9
    out = capsys.readouterr()
    assert "DATABASE_URL=postgresql+psycopg://orderbot:***@127.0.0.1:9/orderbot" in out.out
    assert "SMTP_PASSWORD=****" in out.out
    assert out.err.startswith("orderbot: refused: DATABASE_URL: cannot reach the database")
    assert "s3cr3t" not in out.out + out.err


@needs_pgbouncer
@pytest.mark.parametrize(("mode", "code"), [("transaction", 2), ("session", 0)])
def test_a_transaction_pooler_is_detected_and_refused(
    postgres_server: PostgresServer,
    pg_url: str,
    mode: str,
    code: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bootstrap.build(Settings(database_url=pg_url, _env_file=None)).engine.dispose()
    with pgbouncer.PgBouncer(postgres_server, mode) as pooler:
        url = pooler.url(pg_url.rpartition("/")[2])
        assert _check_config(monkeypatch, tmp_path, DATABASE_URL=url, SECRET_KEY=KEY) == code
        out = capsys.readouterr()
        if mode == "transaction":
            assert out.err.startswith(
                "orderbot: refused: DATABASE_POOLER: the database connection is"
                " transaction-pooled (a session advisory lock did not survive"
            )
            assert "outbox relay, scheduler need one" in out.err
            assert main.main(["run", "--no-console"]) == 2  # `run` refuses the same way
            assert "transaction-pooled" in capsys.readouterr().err
        else:
            assert out.err == ""
            assert out.out.splitlines()[-1] == "orderbot: the settings can work"


@pytest.mark.postgres
def test_a_declared_transaction_pooler_is_refused_unless_no_part_needs_a_lock(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"DATABASE_URL": pg_url, "DATABASE_POOLER": "transaction", "SECRET_KEY": KEY}
    assert _check_config(monkeypatch, tmp_path, **env) == 2
    err = capsys.readouterr().err
    assert err.startswith("orderbot: refused: DATABASE_POOLER: DATABASE_POOLER=transaction says")
    monkeypatch.setenv("OUTBOX_RELAY_ENABLED", "false")
    monkeypatch.setenv("SCHEDULER_ENABLED", "false")
    assert main.main(["check-config"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln for ln in lines if ln.startswith("orderbot: ")] == [
        f"orderbot: would run database: {pg_url}",
        "orderbot: would run web: http://127.0.0.1:8000",
        "orderbot: would run console: off (standard input is not a terminal)",
        "orderbot: the settings can work",
    ]


# --- SIGTERM with a command in flight ---------------------------------------------------


def _waiting_on_a_lock(engine: Any) -> bool:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database()"
    )
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar_one())


async def test_sigterm_lets_a_command_in_flight_finish(pg_url: str, tmp_path: Path) -> None:
    app = bootstrap.build(Settings(database_url=pg_url, _env_file=None))
    app.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    app.bus.handle(c.CreateProduct(code="W", name="W", price=Decimal(5), tax="VAT20"))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme", email="b@acme.test"))
    lines = (c.LineInput(product="W", quantity=Decimal(1)),)
    app.bus.handle(c.CreateOrder(customer="ACME", lines=lines))
    api = await SlackApiStub().start()
    port = free_port()
    settings = {
        "DATABASE_URL": pg_url, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api.base_url, "SECRET_KEY": KEY,
    }  # fmt: skip
    svc = start(tmp_path / "run", port, settings)
    engine = create_engine(pg_url)
    blocker = engine.connect()
    try:
        await asyncio.to_thread(wait_healthy, svc)
        blocker.execute(text("SELECT 1 FROM orders WHERE code = 'SO-00001' FOR UPDATE"))
        async with aiohttp.ClientSession() as session:
            client = SlackClient(
                session, f"http://127.0.0.1:{port}/slack/events", f"{api.url}/response"
            )
            status, _ = await client.command("/order", "confirm SO-00001")
        assert status == 200
        await until(lambda: _waiting_on_a_lock(engine), 10, "the command waiting", svc)
        svc.proc.send_signal(signal.SIGTERM)
        await asyncio.sleep(1.0)
        assert svc.proc.poll() is None  # still finishing the command
        blocker.rollback()
        exit_status = await asyncio.to_thread(svc.proc.wait, 10)
        assert exit_status == 0, svc.output()
        with engine.connect() as conn:
            status_now = conn.scalar(select(t.orders.c.status).where(t.orders.c.code == "SO-00001"))
        assert str(status_now) == "confirmed"
        (answer,) = api.responses()
        assert "SO-00001" in str(answer)
    finally:
        blocker.close()
        engine.dispose()
        app.engine.dispose()
        svc.kill()
        await api.stop()


def test_a_port_in_use_stops_the_process_with_a_message(sqlite_url: str, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        svc = start(tmp_path / "run", port, {"DATABASE_URL": sqlite_url})
        try:
            assert svc.proc.wait(15) == 1
        finally:
            svc.kill()
    failed = [ln for ln in svc.output().splitlines() if " failed: " in ln]
    message = f"HTTP_PORT: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert failed == [f"orderbot: web failed: {message}"]
