"""The store's outbox queue: claims are exclusive, leased, and settled in one statement."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from domain.outbox.messages import Channel, OutboxMessage, OutboxStatus
from domain.outbox.queue import Settlement
from store.repositories.notifications import SqlOutboxQueue
from tests.integration.conftest import AppFactory

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def fill(queue: SqlOutboxQueue, count: int, channel: Channel = Channel.EMAIL) -> None:
    for n in range(count):
        queue.add(
            OutboxMessage(channel, "order_status", f"c{n}@x.test", NOW + timedelta(seconds=n))
        )


def test_two_relays_never_claim_the_same_row(make_app: AppFactory, database_url: str) -> None:
    app = make_app(database_url)
    queue = SqlOutboxQueue(app.engine)
    fill(queue, 40)
    fill(queue, 3, Channel.SLACK)
    claimed: list[list[int]] = [[], []]
    start = threading.Barrier(2)

    def claim(slot: int) -> None:
        start.wait()
        for _ in range(4):
            claimed[slot] += [m.id or 0 for m in queue.claim(NOW, 7, [Channel.EMAIL], LEASE)]

    threads = [threading.Thread(target=claim, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claimed[0]) + len(claimed[1]) == 40
    assert set(claimed[0]).isdisjoint(claimed[1])
    assert queue.claim(NOW, 50, [Channel.EMAIL], LEASE) == []  # all leased
    again = queue.claim(NOW + LEASE, 50, [Channel.EMAIL], LEASE)  # the lease is over
    assert len(again) == 40
    assert queue.next_due([Channel.SLACK]) == datetime.min.replace(tzinfo=UTC)
    assert queue.next_due([Channel.EMAIL]) == NOW + 2 * LEASE


def test_settle_records_every_outcome(make_app: AppFactory, database_url: str) -> None:
    app = make_app(database_url)
    queue = SqlOutboxQueue(app.engine)
    fill(queue, 3)
    a, b, c = queue.claim(NOW, 10, [Channel.EMAIL], LEASE)
    later = NOW + timedelta(minutes=1)
    queue.settle(
        [
            Settlement(a.id or 0, OutboxStatus.SENT, 1),
            Settlement(b.id or 0, OutboxStatus.PENDING, 1, later, "451 try later"),
            Settlement(c.id or 0, OutboxStatus.DEAD, 1, None, "550 no such user"),
        ],
        NOW,
    )
    assert [(m.id, m.last_error, m.attempts) for m in queue.dead()] == [
        (c.id, "550 no such user", 1)
    ]
    assert queue.dead(since=NOW + timedelta(hours=1)) == []
    assert [m.id for m in queue.claim(later, 10, [Channel.EMAIL], LEASE)] == [b.id]
    with app.uow(True) as uow:
        assert [m.id for m in uow.outbox.dead()] == [c.id]
