"""The digest job on a real database: low stock in every digest while it is low, and an
order that became available reported once, with its Ship button."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select

from domain import commands as c
from store.tables import core as t
from tests.integration.jobs_helpers import Clock, app_on, seed


def test_available_orders_are_reported_once_and_low_stock_while_low(sqlite_url: str) -> None:
    clock = Clock(datetime(2024, 1, 1, 6, tzinfo=UTC))
    app = app_on(sqlite_url, clock, slack_digest_channel="#digest", stock_low_threshold=3)
    try:
        seed(app)
        bus = app.bus
        bus.handle(c.ReceiveStock(product="COFFEE", quantity=Decimal(2)))
        line = (c.LineInput(product="COFFEE", quantity=Decimal(2)),)
        first = bus.handle(c.CreateOrder(customer="ACME0", lines=line, confirm=True)).order.code
        second = bus.handle(c.CreateOrder(customer="ACME0", lines=line, confirm=True)).order.code
        clock.now = datetime(2024, 1, 1, 7, tzinfo=UTC)
        bus.handle(c.ReceiveStock(product="COFFEE", quantity=Decimal(3)))
        for day in (1, 2):
            slot = datetime(2024, 1, day, 8, tzinfo=UTC)
            bus.handle(c.RunJob(name="digest", slot=slot, actor="schedule", manager=True))
        with app.engine.connect() as conn:
            payloads = (
                conn.execute(
                    select(t.outbox.c.payload)
                    .where(t.outbox.c.kind == "digest")
                    .order_by(t.outbox.c.id)
                )
                .scalars()
                .all()
            )
        assert [p["stock"]["available"] for p in payloads] == [[second], []]
        assert first not in payloads[0]["stock"]["available"]
        assert [p["stock"]["low"] for p in payloads] == [
            [{"product": "COFFEE", "warehouse": "MAIN", "on_hand": "5", "free": "1"}]
        ] * 2
    finally:
        app.engine.dispose()
