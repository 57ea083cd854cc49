"""Crash tests: the relay is SIGKILLed after the server took a mail, before marking it sent.

Each message is settled as soon as the server answered it, so a crash resends at most
the message in flight: the ones before it are recorded, the ones after it never left.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from domain import commands as c
from domain.outbox.messages import OutboxStatus
from store.tables import core as t
from tests.integration.notify_world import World, make_world, smtp_settings
from tests.paths import ROOT
from tests.servers.smtp import SmtpServer


async def start_worker(url: str, port: int, mode: str) -> asyncio.subprocess.Process:
    """The relay process of tests/integration/relay_crash_worker.py."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.integration.relay_crash_worker",
        url,
        str(port),
        mode,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )


async def kill(worker: asyncio.subprocess.Process) -> None:
    """SIGKILL, and make sure it died of it."""
    os.kill(worker.pid, signal.SIGKILL)
    assert await asyncio.wait_for(worker.wait(), timeout=10) == -signal.SIGKILL


def queue_copies(w: World, count: int) -> None:
    """`count` outbox rows like the one email row there is (each its own Message-ID)."""
    with w.app.engine.begin() as conn:
        row = conn.execute(select(t.outbox).where(t.outbox.c.channel == "email")).mappings().one()
        template = {k: v for k, v in row.items() if k not in ("id", "key")}
        conn.execute(insert(t.outbox), [dict(template) for _ in range(count)])


async def test_killed_after_the_server_took_the_mail_resends_once_with_the_same_id(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    w = make_world(sqlite_url, tmp_path, **smtp_settings(smtp_server.port))
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        worker = await start_worker(sqlite_url, smtp_server.port, "hang-settle")
        try:
            assert worker.stdout is not None
            line = await asyncio.wait_for(worker.stdout.readline(), timeout=60)
            assert line == b"SETTLING 1\n"  # the server has the mail; settling hangs
            await kill(worker)
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
        (first,) = smtp_server.messages
        (row,) = w.rows()
        assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)  # never marked
        lease_end = row.next_attempt_at
        assert lease_end is not None
        # A relay restarted at once leaves the row alone while its lease runs...
        w.clock.now = datetime.now(UTC)
        assert w.clock.now < lease_end
        assert (await w.relay.run_once()).handled == 0
        # ...and sends it again when the lease is over: the same Message-ID.
        w.clock.now = lease_end + timedelta(seconds=1)
        assert (await w.relay.run_once()).sent == 1
        w.clock.advance(days=1)
        assert (await w.relay.run_once()).handled == 0
        (row,) = w.rows()
        assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)
    finally:
        w.app.engine.dispose()
    first_again, second = smtp_server.messages
    assert first_again is first
    assert second.message["Message-ID"] == first.message["Message-ID"]
    assert second.message["Message-ID"] == f"<outbox-{row.id}.orderbot@shop.test>"


async def test_killed_in_the_middle_of_a_batch_resends_only_the_message_in_flight(
    database_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    w = make_world(database_url, tmp_path, **smtp_settings(smtp_server.port))
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        queue_copies(w, 49)  # one batch of 50 (the relay's batch size)
        # The 30th mail is stored but its 250 never comes: the relay dies waiting for it.
        smtp_server.stall_after(29)
        worker = await start_worker(database_url, smtp_server.port, "plain")
        try:
            await smtp_server.wait_for(30, timeout=60)
            await kill(worker)
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
        assert len(smtp_server.messages) == 30
        rows = w.email_rows()
        assert [r.status for r in rows] == [OutboxStatus.SENT] * 29 + [OutboxStatus.PENDING] * 21
        in_flight = rows[29]
        assert in_flight.next_attempt_at is not None
        w.clock.now = in_flight.next_attempt_at + timedelta(seconds=1)  # the lease is over
        assert (await w.relay.run_once()).sent == 21
        rows = w.email_rows()
        assert [(r.status, r.attempts) for r in rows] == [(OutboxStatus.SENT, 1)] * 50
    finally:
        w.app.engine.dispose()
    deliveries = Counter(m.message["Message-ID"] for m in smtp_server.messages)
    assert (len(deliveries), sum(deliveries.values())) == (50, 51)  # one mail twice...
    assert [mid for mid, n in deliveries.items() if n > 1] == [  # ...the one in flight
        f"<outbox-{in_flight.id}.orderbot@shop.test>"
    ]
