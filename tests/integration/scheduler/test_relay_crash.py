"""Crash test: the relay is SIGKILLed after the server took a mail, before marking it sent."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain import commands as c
from domain.outbox.messages import OutboxStatus
from tests.integration.notify_world import make_world, smtp_settings
from tests.paths import ROOT
from tests.servers.smtp import SmtpServer


async def test_killed_after_the_server_took_the_mail_resends_once_with_the_same_id(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    w = make_world(sqlite_url, tmp_path, **smtp_settings(smtp_server.port))
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.relay_crash_worker",
            sqlite_url,
            str(smtp_server.port),
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert worker.stdout is not None
            line = await asyncio.wait_for(worker.stdout.readline(), timeout=60)
            assert line == b"SETTLING 1\n"  # the server has the mail; settling hangs
            os.kill(worker.pid, signal.SIGKILL)
            assert await asyncio.wait_for(worker.wait(), timeout=10) == -signal.SIGKILL
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
