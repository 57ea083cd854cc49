"""The digest: one outbox row per slot, failures first with Run again, each item once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row, select

from bot.slack.sender import slack_message
from domain import commands as c
from domain.outbox.messages import Channel, OutboxMessage
from l10n.formats import Formats
from store.tables import core as t
from tests.integration.jobs_helpers import Clock, app_on, run_job, seed, subscribe


def test_digest_is_one_row_per_slot_with_failures_first(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(datetime(2024, 1, 1, 6, tzinfo=UTC))
    app = app_on(sqlite_url, clock, slack_digest_channel="#digest")
    try:
        seed(app, customers=2)
        subscribe(app, date(2024, 1, 1))
        bad = subscribe(app, date(2024, 1, 1), customer="ACME1")
        # An inactive product now skips its periods with a note (no error): a customer
        # gone behind orderbot's back is what still fails a subscription.
        with app.engine.begin() as conn:
            conn.execute(t.customers.delete().where(t.customers.c.code == "ACME1"))
        run_job(app)  # partial: ACME1 is not found
        app.bus.handle(c.EndSubscription(subscription_id=bad))
        clock.now = datetime(2024, 1, 1, 7, tzinfo=UTC)
        slot = datetime(2024, 1, 1, 7, tzinfo=UTC)
        for _ in range(2):  # the same slot twice: posted once
            app.bus.handle(c.RunJob(name="digest", slot=slot, actor="schedule", manager=True))
        with app.engine.connect() as conn:
            rows = conn.execute(select(t.outbox).where(t.outbox.c.kind == "digest")).all()
        assert len(rows) == 1
        row = rows[0]
        assert (row.channel, row.recipient, row.key) == (
            "slack",
            "#digest",
            "digest:2024-01-01T08:00",
        )
        payload = row.payload
        assert [r["status"] for r in payload["runs"]] == ["partial"]
        assert [s["id"] for s in payload["ended_subscriptions"]] == [bad]
        # The row holds the digest's data; the Slack sender draws it when it posts.
        assert "blocks" not in payload
        drawn = slack_message(_row(row), Formats())
        button = drawn["blocks"][2]["accessory"]
        assert (button["text"]["text"], button["value"]) == ("Run again", "jobs run subscriptions")
        assert drawn["text"].startswith("orderbot job digest: 1 run since")
        assert "Until 2024-01-01 08:00." in drawn["blocks"][1]["text"]["text"]  # Paris time
        # The next slot reports only what is new: the two digest runs, nothing else.
        app.bus.handle(c.RunJob(name="digest", slot=slot.replace(day=2), manager=True))
        with app.engine.connect() as conn:
            last = conn.execute(
                select(t.outbox.c.payload).where(t.outbox.c.key == "digest:2024-01-02T08:00")
            ).scalar_one()
        assert [r["job"] for r in last["runs"]] == ["digest", "digest"]
        assert last["ended_subscriptions"] == []
    finally:
        app.engine.dispose()


def _row(row: Row[Any]) -> OutboxMessage:
    return OutboxMessage(
        Channel(row.channel), row.kind, row.recipient, row.created_at, row.payload, id=row.id
    )
