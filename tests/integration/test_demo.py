"""`orderbot demo`: the sample data goes in through the commands, once."""

from __future__ import annotations

from datetime import date

from domain import commands as c
from tests.integration.conftest import AppFactory


def test_the_demo_loads_once_with_orders_in_every_status(
    make_app: AppFactory, sqlite_url: str
) -> None:
    from demo import load_demo

    app = make_app(sqlite_url)
    said = load_demo(app.bus, date(2026, 3, 10))
    assert said.startswith("Demo data loaded: 4 customers, 6 products, orders SO-00001")
    statuses = {o.status for o in app.bus.handle(c.ListOrders()).items}
    assert {str(s) for s in statuses} == {"draft", "confirmed", "closed", "cancelled"}
    assert load_demo(app.bus, date(2026, 3, 10)) == "The demo data is already loaded."
