"""The upgrade that keeps the order threads (0017_order_threads), on SQLite and
PostgreSQL: a database of the schema before, holding an order, upgrades with its order,
lines and totals as they were; the old order has no thread, and with the orders channel
set its changes post nothing (only orders made from then on get a thread)."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, text

from domain import commands as c
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from tests.integration.conftest import AppFactory

BEFORE = "0016_sent_documents"


def _down(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _orders(engine: Engine) -> list[tuple[str, str, int]]:
    o = t.orders.c
    with engine.connect() as conn:
        rows = conn.execute(select(o.code, o.status, o.version).order_by(o.id)).all()
    return [(str(code), str(status), int(version)) for code, status, version in rows]


def test_an_old_database_upgrades_and_its_orders_get_no_thread(
    database_url: str, make_app: AppFactory
) -> None:
    old = make_app(database_url)
    old.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    old.bus.handle(
        c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20")
    )
    old.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="ann@acme.test"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(3))
    old.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
    gross = old.bus.handle(c.ShowOrder(code="SO-00001")).order.totals.gross
    engine = make_engine(database_url)
    _down(engine)
    with engine.connect() as conn:
        assert "order_threads" not in set(conn.dialect.get_table_names(conn))
    before = _orders(engine)

    upgrade(engine)  # what `orderbot db upgrade` does

    assert _orders(engine) == before
    app = make_app(database_url, slack_orders_channel="C0ORDERS")
    assert app.bus.handle(c.ShowOrder(code="SO-00001")).order.totals.gross == gross
    app.bus.handle(c.ConfirmOrder(code="SO-00001"))
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from order_threads")).scalar() == 0
        kinds = conn.execute(select(t.outbox.c.kind)).scalars().all()
    assert "thread_post" not in kinds
    assert "thread_card" not in kinds
    app.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))  # a new order: a thread
    with engine.connect() as conn:
        keys = conn.execute(text("select key from order_threads")).scalars().all()
    assert keys == ["order:SO-00002"]
    engine.dispose()
