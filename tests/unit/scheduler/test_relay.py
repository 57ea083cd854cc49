"""The outbox relay's rules on an in-memory queue: backoff, dead rows, pauses, leases."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

import pytest

from domain.outbox.messages import (
    Channel,
    OutboxMessage,
    OutboxStatus,
    Outcome,
    SendResult,
    Settle,
)
from domain.outbox.queue import RetryRule, Settlement
from scheduler.relay import Relay
from tests.unit.fakes import FakeClock


class MemoryQueue:
    """OutboxQueue on a list, with the store's claim and settle semantics."""

    def __init__(self) -> None:
        self.rows: list[OutboxMessage] = []
        self.added: list[OutboxMessage] = []

    def put(self, count: int, now: datetime, channel: Channel = Channel.EMAIL) -> None:
        for _ in range(count):
            row = OutboxMessage(channel, "order_status", f"c{len(self.rows)}@x.test", now)
            row.id = len(self.rows) + 1
            self.rows.append(row)

    def claim(
        self, now: datetime, limit: int, channels: Collection[Channel], lease: timedelta
    ) -> list[OutboxMessage]:
        due = [
            r
            for r in self.rows
            if r.status == OutboxStatus.PENDING
            and r.channel in channels
            and (r.next_attempt_at is None or r.next_attempt_at <= now)
        ][:limit]
        for row in due:
            row.next_attempt_at = now + lease
        return [dataclasses.replace(r) for r in due]

    def settle(self, settlements: Sequence[Settlement], now: datetime) -> None:
        for s in settlements:
            row = self.rows[s.message_id - 1]
            row.status, row.attempts = s.status, s.attempts
            row.next_attempt_at, row.last_error = s.next_attempt_at, s.error
            row.sent_at = now if s.status == OutboxStatus.SENT else None

    def next_due(self, channels: Collection[Channel]) -> datetime | None:
        return None

    def dead(self, limit: int = 50, since: datetime | None = None) -> list[OutboxMessage]:
        return [r for r in self.rows if r.status == OutboxStatus.DEAD][:limit]

    def add(self, message: OutboxMessage) -> None:
        self.added.append(message)


class ScriptedSender:
    """Answers each message with the next scripted outcome (SENT when the script is empty)."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.script = list(outcomes)
        self.batches: list[list[int]] = []
        self.delivered: list[int] = []

    async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
        self.batches.append([m.id or 0 for m in messages])
        for m in messages:
            outcome = self.script.pop(0) if self.script else Outcome.SENT
            if outcome == Outcome.SENT:
                self.delivered.append(m.id or 0)
            await settle([SendResult(m.id or 0, outcome, f"scripted {outcome}")])


def relay_for(
    queue: MemoryQueue, sender: ScriptedSender, clock: FakeClock, **kw: object
) -> tuple[Relay, list[tuple[str, str]]]:
    alerts: list[tuple[str, str]] = []
    relay = Relay(
        queue,
        {Channel.EMAIL: sender},
        clock,
        rule=RetryRule(base=timedelta(seconds=30), cap=timedelta(minutes=10), max_attempts=4),
        jitter=lambda: 1.0,
        alert=lambda reason, text, message: alerts.append((reason, str(text))),
        **kw,  # type: ignore[arg-type]
    )
    return relay, alerts


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    rule = RetryRule(base=timedelta(seconds=30), cap=timedelta(minutes=10))
    assert [rule.delay(n, lambda: 1.0).total_seconds() for n in range(1, 8)] == [
        30, 60, 120, 240, 480, 600, 600,
    ]  # fmt: skip
    assert rule.delay(3, lambda: 0.0).total_seconds() == 60  # half fixed, half random
    assert rule.delay(1, lambda: 0.0, retry_after=90).total_seconds() == 90


async def test_retry_then_dead_after_max_attempts() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(1, clock())
    sender = ScriptedSender(*[Outcome.RETRY] * 4)
    relay, alerts = relay_for(queue, sender, clock)
    waits = []
    for _ in range(4):
        report = await relay.run_once()
        row = queue.rows[0]
        if row.status == OutboxStatus.PENDING:
            assert report.retried == 1
            waits.append((row.next_attempt_at - clock()).total_seconds())  # type: ignore[operator]
            assert (await relay.run_once()).handled == 0  # not due yet: nothing sent
            clock.now = row.next_attempt_at  # type: ignore[assignment]
    assert waits == [30, 60, 120]
    row = queue.rows[0]
    assert (row.status, row.attempts) == (OutboxStatus.DEAD, 4)
    assert row.last_error == "gave up after 4 attempts: scripted retry"
    assert [a[0] for a in alerts] == ["dead"]


async def test_dead_outcome_is_dead_at_once_and_others_go_on() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(3, clock())
    sender = ScriptedSender(Outcome.SENT, Outcome.DEAD, Outcome.SENT)
    relay, alerts = relay_for(queue, sender, clock)
    report = await relay.run_once()
    assert (report.sent, report.dead) == (2, 1)
    assert [r.status for r in queue.rows] == [
        OutboxStatus.SENT,
        OutboxStatus.DEAD,
        OutboxStatus.SENT,
    ]
    assert queue.rows[1].attempts == 1
    assert alerts[0][0] == "dead"
    assert "Outbox message 2" in alerts[0][1]


async def test_pause_burns_no_attempt_alerts_once_and_resumes_after_the_pause() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(3, clock())
    sender = ScriptedSender(Outcome.PAUSE, Outcome.PAUSE, Outcome.PAUSE)
    relay, alerts = relay_for(queue, sender, clock)
    report = await relay.run_once()
    assert report.paused == 3
    assert [(r.status, r.attempts) for r in queue.rows] == [(OutboxStatus.PENDING, 0)] * 3
    assert [a[0] for a in alerts] == ["paused"]
    clock.advance(minutes=5)
    assert (await relay.run_once()).batches == 0  # paused: nothing claimed
    clock.advance(minutes=5, seconds=1)
    sender.script = [Outcome.PAUSE] * 3  # still refused after the pause: no second alert
    await relay.run_once()
    assert [a[0] for a in alerts] == ["paused"]
    clock.advance(minutes=11)
    report = await relay.run_once()
    assert report.sent == 3
    assert sorted(sender.delivered) == [1, 2, 3]
    assert all(r.attempts == 1 for r in queue.rows)


async def test_batches_spread_over_connections() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(7, clock())
    sender = ScriptedSender()
    relay, _ = relay_for(queue, sender, clock, batch_size=3, connections=2)
    report = await relay.run_once()
    assert report.sent == 7
    assert sender.batches == [[1, 2, 3], [4, 5, 6], [7]]


async def test_a_failing_sender_means_retry_not_a_stopped_relay() -> None:
    class Broken:
        async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
            raise RuntimeError("boom")

    clock, queue = FakeClock(), MemoryQueue()
    queue.put(1, clock())
    relay = Relay(queue, {Channel.EMAIL: Broken()}, clock, jitter=lambda: 0.0)
    report = await relay.run_once()
    assert report.retried == 1
    assert queue.rows[0].last_error == "sender error: RuntimeError('boom')"


async def test_channels_without_a_sender_are_left_alone() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(1, clock(), Channel.SLACK)
    relay, _ = relay_for(queue, ScriptedSender(), clock)
    assert (await relay.run_once()).batches == 0
    assert queue.rows[0].next_attempt_at is None


async def test_each_message_is_settled_before_the_next_one_goes() -> None:
    clock, queue = FakeClock(), MemoryQueue()
    queue.put(4, clock())
    seen: list[list[OutboxStatus]] = []

    class Watching(ScriptedSender):
        async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
            for m in messages:
                seen.append([r.status for r in queue.rows])
                await settle([SendResult(m.id or 0, Outcome.SENT)])

    relay, _ = relay_for(queue, Watching(), clock)
    assert (await relay.run_once()).sent == 4
    sent, pending = OutboxStatus.SENT, OutboxStatus.PENDING
    assert seen == [[sent] * k + [pending] * (4 - k) for k in range(4)]


async def test_a_sender_failing_midway_keeps_what_it_sent() -> None:
    class FailsAfterTwo:
        async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
            for m in messages[:2]:
                await settle([SendResult(m.id or 0, Outcome.SENT)])
            raise RuntimeError("boom")

    clock, queue = FakeClock(), MemoryQueue()
    queue.put(4, clock())
    relay = Relay(queue, {Channel.EMAIL: FailsAfterTwo()}, clock, jitter=lambda: 0.0)
    report = await relay.run_once()
    assert (report.sent, report.retried) == (2, 2)
    assert [(r.status, r.attempts) for r in queue.rows] == [(OutboxStatus.SENT, 1)] * 2 + [
        (OutboxStatus.PENDING, 1)
    ] * 2
    assert queue.rows[3].last_error == "sender error: RuntimeError('boom')"


async def test_an_outcome_that_cannot_be_recorded_stops_the_sending() -> None:
    class Failing(MemoryQueue):
        def settle(self, settlements: Sequence[Settlement], now: datetime) -> None:
            if any(s.message_id == 2 for s in settlements):
                raise OSError("database away")
            super().settle(settlements, now)

    clock, queue = FakeClock(), Failing()
    queue.put(4, clock())
    sender = ScriptedSender()
    relay, _ = relay_for(queue, sender, clock)
    with pytest.raises(OSError, match="database away"):
        await relay.run_once()
    assert sender.delivered == [1, 2]  # nothing more sent unrecorded
    assert [r.status for r in queue.rows] == [OutboxStatus.SENT] + [OutboxStatus.PENDING] * 3
    assert all(r.next_attempt_at is not None for r in queue.rows[1:])  # leased: wait
