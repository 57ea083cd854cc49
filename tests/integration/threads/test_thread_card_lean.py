"""The card updated after a line is added to an order read lean (without its lines)
shows what the whole order shows, and the order is not read whole for it; on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select

from domain import commands as c
from domain.threads.posts import card_data
from store.tables import core as t
from tests.integration.threads.conftest import ClockedShop
from tests.servers.slack_api import SlackApiStub


def _last_card(shop: ClockedShop) -> dict[str, Any]:
    o = t.outbox.c
    with shop.app.engine.connect() as conn:
        payload = conn.scalar(
            select(o.payload).where(o.kind == "thread_card").order_by(o.id.desc()).limit(1)
        )
    card: dict[str, Any] = payload["card"]
    return card


def test_the_card_of_an_added_line_is_the_whole_orders_without_reading_its_lines(
    shop: ClockedShop, slack_api: SlackApiStub
) -> None:
    app = shop.app
    lines = (
        c.LineInput(product="COFFEE", quantity=Decimal(2)),
        c.LineInput(product="TEA", quantity=Decimal(3), discount_percent=Decimal(10)),
    )
    app.bus.handle(c.CreateOrder(customer="ACME0", lines=lines, reference="PO-7"))
    app.bus.handle(c.PlanShipment(code="SO-00001", shipment=1, planned_date=date(2026, 3, 9)))
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(app.engine, "before_cursor_execute", seen)
    try:
        more = c.LineInput(product="TEA", quantity=Decimal(1), price=Decimal("7.15"))
        app.bus.handle(c.AddLine(code="SO-00001", line=more))
    finally:
        event.remove(app.engine, "before_cursor_execute", seen)
    card = _last_card(shop)
    with app.uow(True) as uow:
        whole = uow.orders.get("SO-00001")
        name = uow.customers.get("ACME0").name
    assert card == card_data(whole, name)
    assert card["lines"] == 3
    # the order's lines were summed, not read one by one
    read = [s for s in statements if s.startswith("SELECT order_lines.")]
    assert read
    assert all("GROUP BY" in s for s in read), read
