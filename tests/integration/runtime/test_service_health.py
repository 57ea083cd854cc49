"""The health report's probes on a real database (SQLite and PostgreSQL), and the board."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import bootstrap
from domain.jobs.log import JobRun
from domain.outbox.messages import Channel, OutboxMessage
from runtime.health import Beat, Check, HealthBoard
from runtime.leader import Leadership
from runtime.probes import beat_probe, database_probe, outbox_probe, scheduler_probe
from scheduler.triggers import WallClockCronTrigger, parse_cron
from store.repositories.notifications import SqlOutboxQueue
from tests.unit.fakes import FakeClock

PARIS = ZoneInfo("Europe/Paris")


async def test_the_outbox_is_stuck_when_a_row_waits_too_long(app: bootstrap.App) -> None:
    clock = FakeClock()
    queue = SqlOutboxQueue(app.engine)
    queue.add(OutboxMessage(Channel.EMAIL, "order_status", "b@acme.test", clock.now))
    queue.add(OutboxMessage(Channel.SLACK, "digest", "#orders", clock.now - timedelta(days=1)))
    probe = outbox_probe(app.engine, [Channel.EMAIL], Leadership("outbox"), 900, clock)
    fresh = await probe()
    assert (fresh.ok, fresh.detail["backlog"], fresh.detail["due_now"]) == (True, 1, 1)
    clock.advance(seconds=901)  # the Slack row is not ours to send: only the email counts
    late = await probe()
    assert (late.ok, late.detail["oldest_waiting_seconds"]) == (False, 901.0)


def _run(app: bootstrap.App, job: str, when: datetime) -> None:
    run = JobRun.start(job, when)
    run.finish(when)
    run.pull_events()
    with app.uow(False) as uow:
        uow.job_runs.add(run)
        uow.commit()


async def test_the_scheduler_is_stuck_when_a_slot_passed_without_a_run(
    app: bootstrap.App,
) -> None:
    clock = FakeClock()  # 2026-03-02 09:00 UTC, 10:00 in Paris
    triggers = {"subscriptions": WallClockCronTrigger(parse_cron("0 6 * * *", PARIS), PARIS)}
    probe = scheduler_probe(app.engine, triggers, lambda: True, 900, clock)
    missed = await probe()
    assert (missed.ok, missed.detail["late"]) == (False, ["subscriptions"])
    _run(app, "subscriptions", clock.now - timedelta(hours=3, minutes=59))  # 06:01 Paris
    done = await probe()
    assert (done.ok, done.detail["late"], done.detail["leader"]) == (True, [], True)
    assert done.detail["jobs"]["subscriptions"]["last_run"] == "2026-03-02T05:01:00+00:00"


async def test_the_database_probe_and_the_board(app: bootstrap.App) -> None:
    clock = FakeClock()
    beat = Beat(clock)
    leading = Leadership("inbox")
    leading.set(True)
    board = HealthBoard(timeout=0.2)
    board.add("database", database_probe(app.engine))
    board.add("inbox", beat_probe(beat, 60, leading, "last_poll"))
    assert (await board.report())[0] == 200
    clock.advance(seconds=61)  # no poll for a minute while leading
    status, body = await board.report()
    assert (status, body["status"], body["stuck"]) == (503, "stuck", ["inbox"])
    assert body["parts"]["inbox"]["seconds_since"] == 61.0
    beat.beat()
    assert (await board.report())[0] == 200
    leading.set(False)  # a follower is not stuck, however old its last poll
    clock.advance(hours=1)
    assert (await board.report())[1]["parts"]["inbox"] == {
        "ok": True,
        "leader": False,
        "note": "another process leads this part",
    }


async def test_a_probe_that_fails_or_hangs_counts_as_stuck() -> None:
    async def hangs() -> Check:
        await asyncio.sleep(10)
        return Check(True)

    async def fails() -> Check:
        raise ConnectionRefusedError("no route")

    board = HealthBoard(timeout=0.05)
    board.add("slow", hangs)
    board.add("broken", fails)
    status, body = await board.report()
    assert (status, body["stuck"]) == (503, ["broken", "slow"])
    assert body["parts"]["slow"] == {"ok": False, "error": "no answer within 0.05 s"}
    assert body["parts"]["broken"] == {"ok": False, "error": "no route"}
