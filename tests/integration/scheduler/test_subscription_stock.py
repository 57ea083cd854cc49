"""The subscription job reserves stock like any confirmation: its confirmed orders, written
in bulk, hold what is on hand in the order they are made and wait for the rest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from domain import commands as c
from store.tables.stock import stock_levels, stock_reservations
from tests.integration.jobs_helpers import Clock, app_on, run_job, seed, subscribe


def test_confirmed_subscription_orders_reserve_oldest_first(database_url: str) -> None:
    clock = Clock.__new__(Clock)
    clock.on(date(2024, 1, 1))
    app = app_on(database_url, clock, subscription_orders_confirmed=True)
    try:
        seed(app, customers=3)
        app.bus.handle(c.ReceiveStock(product="COFFEE", quantity=Decimal(5)))
        for n in range(3):
            subscribe(app, date(2024, 1, 1), customer=f"ACME{n}")
        run_job(app)
        with app.engine.connect() as conn:
            held = conn.execute(
                select(stock_reservations.c.order_code, stock_reservations.c.reserved).order_by(
                    stock_reservations.c.order_code
                )
            ).all()
            level = conn.execute(select(stock_levels.c.on_hand, stock_levels.c.reserved)).one()
        assert [tuple(h) for h in held] == [
            ("SO-00001", Decimal(2)),
            ("SO-00002", Decimal(2)),
            ("SO-00003", Decimal(1)),
        ]
        assert tuple(level) == (Decimal(5), Decimal(5))
        shown = app.bus.handle(c.ShowOrder(code="SO-00003")).availability
        assert [str(a.state) for a in shown] == ["partly available"]
    finally:
        app.engine.dispose()
