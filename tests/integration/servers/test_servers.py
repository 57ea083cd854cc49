"""The test servers themselves: PostgreSQL, dovecot and the recording SMTP server.

If these fail, every integration test built on them is suspect, so they check what the
other tests rely on: separate databases, IMAP login/append/search/fetch/IDLE, dropped
connections, and each scripted SMTP failure as a client sees it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage

import aioimaplib
import aiosmtplib
import pytest
import sqlalchemy as sa

from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.postgres import PostgresServer
from tests.servers.smtp import SmtpServer

RAW_ORDER = (
    b"From: Buyer <buyer@example.com>\r\n"
    b"To: orders@example.com\r\n"
    b"Subject: Order for next week\r\n"
    b"Message-ID: <order-1@example.com>\r\n"
    b"\r\n"
    b"10 x WIDGET-A\r\n"
)


# --- PostgreSQL ------------------------------------------------------------------------


def _scalar(url: str, statement: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(statement)).scalar_one()
    finally:
        engine.dispose()


def test_postgres_serves_two_separate_databases(
    postgres_server: PostgresServer, pg_url: str
) -> None:
    other_url = postgres_server.create_database("second_db")
    try:
        assert _scalar(pg_url, "select 1") == 1
        assert _scalar(other_url, "select 1") == 1
        assert _scalar(other_url, "select current_database()") == "second_db"
        assert _scalar(pg_url, "select current_database()") != "second_db"
        engine = sa.create_engine(pg_url)
        with engine.begin() as conn:
            conn.execute(sa.text("create table only_here (id int)"))
        engine.dispose()
        assert _scalar(other_url, "select to_regclass('only_here') is null") is True
    finally:
        postgres_server.drop_database("second_db")


def test_postgres_url_is_loopback_psycopg(postgres_server: PostgresServer, pg_url: str) -> None:
    url = sa.make_url(pg_url)
    assert (url.drivername, url.host, url.port) == (
        "postgresql+psycopg",
        "127.0.0.1",
        postgres_server.port,
    )
    assert _scalar(pg_url, "show fsync") == "off"


def test_postgres_drop_database_disconnects_its_users(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database("dropped_db")
    engine = sa.create_engine(url)
    conn = engine.connect()
    try:
        postgres_server.drop_database("dropped_db")
        names = _scalar(postgres_server.url(), "select array_agg(datname)::text from pg_database")
        assert "dropped_db" not in str(names)
    finally:
        conn.invalidate()
        conn.close()
        engine.dispose()


def test_database_url_works_on_both_backends(database_url: str) -> None:
    assert _scalar(database_url, "select 1") == 1


# --- dovecot ---------------------------------------------------------------------------


@asynccontextmanager
async def _imap_client(
    account: ImapAccount, *, login: bool = True, lost: asyncio.Event | None = None
) -> AsyncIterator[aioimaplib.IMAP4]:
    """An aioimaplib client, logged in as `account`; closed after, whatever happened."""
    client = aioimaplib.IMAP4(
        host=account.host,
        port=account.port,
        timeout=10,
        conn_lost_cb=None if lost is None else (lambda _exc: lost.set()),
    )
    try:
        await client.wait_hello_from_server()
        if login:
            response = await client.login(account.user, account.password)
            assert response.result == "OK", response
        yield client
    finally:
        transport = client.protocol.transport
        if transport is not None and not transport.is_closing():
            with contextlib.suppress(Exception):
                await client.logout()
            transport.close()


@pytest.fixture
async def imap(imap_user: ImapAccount) -> AsyncIterator[aioimaplib.IMAP4]:
    async with _imap_client(imap_user) as client:
        yield client


async def test_imap_append_search_fetch(imap_user: ImapAccount, imap: aioimaplib.IMAP4) -> None:
    uid = await asyncio.to_thread(imap_user.append, RAW_ORDER)
    other = await asyncio.to_thread(
        imap_user.append, b"Subject: other\r\n\r\nx\r\n", flags=["\\Seen"]
    )
    assert other == uid + 1

    assert (await imap.select("INBOX")).result == "OK"
    found = await imap.uid_search("UNSEEN")
    assert found.result == "OK"
    assert found.lines[0].split() == [str(uid).encode()]

    fetched = await imap.uid("fetch", str(uid), "(BODY.PEEK[])")
    assert fetched.result == "OK"
    assert bytes(fetched.lines[1]) == RAW_ORDER


async def test_imap_wrong_password_is_refused(imap_user: ImapAccount) -> None:
    async with _imap_client(imap_user, login=False) as client:
        response = await client.login(imap_user.user, "not-the-password")
        assert response.result == "NO"


def test_imap_folders_and_flags(imap_user: ImapAccount) -> None:
    imap_user.create_folder("Orders Done")
    uid = imap_user.append(RAW_ORDER, folder="Orders Done", flags=["\\Flagged"])
    assert imap_user.search(folder="Orders Done") == [uid]
    assert imap_user.search() == []
    assert "\\Flagged" in imap_user.flags(uid, folder="Orders Done")


async def test_imap_idle_push_arrives(imap_user: ImapAccount, imap: aioimaplib.IMAP4) -> None:
    assert imap.has_capability("IDLE")
    await imap.select("INBOX")
    idle = await imap.idle_start(timeout=10)
    await asyncio.to_thread(imap_user.append, RAW_ORDER)
    # dovecot 2.3 pushes about 0.5 s after the change.
    push = await imap.wait_server_push(timeout=5)
    imap.idle_done()
    await asyncio.wait_for(idle, 5)
    assert any(b"EXISTS" in line for line in push)


async def test_imap_without_idle_does_not_offer_it(
    imap_user_no_idle: ImapAccount,
) -> None:
    async with _imap_client(imap_user_no_idle) as client:
        assert not client.has_capability("IDLE")
        assert client.has_capability("UIDPLUS")


async def test_imap_kick_drops_the_connection(imap_user: ImapAccount) -> None:
    lost = asyncio.Event()
    async with _imap_client(imap_user, lost=lost) as client:
        await client.select("INBOX")
        await asyncio.to_thread(imap_user.kick)
        await asyncio.wait_for(lost.wait(), 5)


async def test_imap_restart_drops_connections_and_keeps_mail(
    dovecot_no_idle: DovecotServer, imap_user_no_idle: ImapAccount
) -> None:
    # On the no-IDLE server, so that the shared `dovecot` is never restarted under others.
    uid = await asyncio.to_thread(imap_user_no_idle.append, RAW_ORDER)
    lost = asyncio.Event()
    async with _imap_client(imap_user_no_idle, lost=lost):
        await asyncio.to_thread(dovecot_no_idle.restart)
        await asyncio.wait_for(lost.wait(), 5)
    assert imap_user_no_idle.search() == [uid]
    assert dovecot_no_idle.port == imap_user_no_idle.port


# --- SMTP ------------------------------------------------------------------------------


def _message(subject: str = "Your order SO-00001") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "orders@example.com"
    message["To"] = "buyer@example.com"
    message["Subject"] = subject
    message.set_content("Confirmed.\n")
    return message


async def _send(server: SmtpServer, message: EmailMessage | None = None, **kwargs: object) -> None:
    await aiosmtplib.send(
        message or _message(),
        hostname=server.host,
        port=server.port,
        local_hostname="client.test",
        timeout=5,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_smtp_records_what_it_receives(smtp_server: SmtpServer) -> None:
    await _send(smtp_server, recipients=["buyer@example.com", "rep@example.com"])

    [received] = await smtp_server.wait_for(1)
    assert received.mail_from == "orders@example.com"
    assert received.rcpt_tos == ("buyer@example.com", "rep@example.com")
    assert received.message["Subject"] == "Your order SO-00001"
    assert received.message.get_content() == "Confirmed.\n"
    assert b"Subject: Your order SO-00001" in received.data
    assert received.login is None
    assert smtp_server.connections == 1


@pytest.mark.parametrize("code", [421, 451, 550])
async def test_smtp_fails_at_data(smtp_server: SmtpServer, code: int) -> None:
    smtp_server.fail_next(code, stage="data")

    with pytest.raises(aiosmtplib.SMTPResponseException) as caught:
        await _send(smtp_server)
    assert caught.value.code == code
    assert smtp_server.messages == []

    await _send(smtp_server)  # the script was for one message only
    assert len(await smtp_server.wait_for(1)) == 1


@pytest.mark.parametrize("code", [421, 451, 550])
async def test_smtp_fails_at_rcpt(smtp_server: SmtpServer, code: int) -> None:
    smtp_server.fail_next(code, stage="rcpt")

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as caught:
        await _send(smtp_server)
    assert [error.code for error in caught.value.recipients] == [code]
    assert smtp_server.messages == []


async def test_smtp_rcpt_failure_refuses_every_recipient_of_the_message(
    smtp_server: SmtpServer,
) -> None:
    smtp_server.fail_next(550, "5.1.1 no such user", stage="rcpt")

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as caught:
        await _send(smtp_server, recipients=["a@example.com", "b@example.com"])
    assert [(e.code, e.message) for e in caught.value.recipients] == [
        (550, "5.1.1 no such user"),
        (550, "5.1.1 no such user"),
    ]
    await _send(smtp_server, recipients=["a@example.com", "b@example.com"])
    assert smtp_server.messages[0].rcpt_tos == ("a@example.com", "b@example.com")


async def test_smtp_counts_failures_per_message(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next(451, count=2)
    for _ in range(2):
        with pytest.raises(aiosmtplib.SMTPDataError):
            await _send(smtp_server)
    await _send(smtp_server)
    assert len(smtp_server.messages) == 1


async def test_smtp_421_closes_the_connection(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next(421, stage="data")
    client = aiosmtplib.SMTP(
        hostname=smtp_server.host, port=smtp_server.port, local_hostname="client.test", timeout=5
    )
    await client.connect()
    try:
        with pytest.raises(aiosmtplib.SMTPResponseException):
            await client.send_message(_message())
        with pytest.raises(aiosmtplib.SMTPServerDisconnected):
            await client.noop()
    finally:
        client.close()


async def test_smtp_refuses_auth_with_535(smtp_server: SmtpServer) -> None:
    smtp_server.require_auth()

    with pytest.raises(aiosmtplib.SMTPAuthenticationError) as caught:
        await _send(smtp_server, username="bot", password="wrong")
    assert caught.value.code == 535

    with pytest.raises(aiosmtplib.SMTPSenderRefused) as refused:
        await _send(smtp_server)
    assert refused.value.code == 530
    assert smtp_server.messages == []


async def test_smtp_accepts_configured_login(smtp_server: SmtpServer) -> None:
    smtp_server.require_auth({"bot": "s3cret"})
    await _send(smtp_server, username="bot", password="s3cret")
    [received] = smtp_server.messages
    assert received.login == "bot"


@pytest.mark.parametrize("stage", ["rcpt", "data"])
async def test_smtp_drop_loses_the_message(smtp_server: SmtpServer, stage: str) -> None:
    smtp_server.drop_next(stage=stage)  # type: ignore[arg-type]
    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        await _send(smtp_server)
    assert smtp_server.messages == []
    await _send(smtp_server)
    assert len(smtp_server.messages) == 1


async def test_smtp_drop_after_data_keeps_the_message(smtp_server: SmtpServer) -> None:
    smtp_server.drop_next(stage="after_data")
    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        await _send(smtp_server)
    # The sender saw a failure, yet the message was delivered: a retry duplicates it.
    assert len(smtp_server.messages) == 1


async def test_smtp_wait_for_times_out(smtp_server: SmtpServer) -> None:
    with pytest.raises(TimeoutError):
        await smtp_server.wait_for(1, timeout=0.05)
