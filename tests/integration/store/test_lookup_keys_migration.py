"""The upgrade of the lookup keys (0020_lookup_keys), on SQLite and PostgreSQL: a
database of the schema before, holding a customer's case and a split order, upgrades
with them as they were; the desk's read of a customer's cases, sends and subscriptions,
and `order show`'s read of the orders made from an order, are then served by indexes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Select, func, select, text

from domain import commands as c
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from store.tables.catalogues import catalogue_sends
from store.tables.subscriptions import subscriptions
from tests.integration.conftest import AppFactory

BEFORE = "0019_customer_language"


def _down(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _plan(engine: Engine, table: object, column: object) -> str:
    """The plan of the desk's read of one customer's rows of `table`, newest first."""
    query = (
        select(table.c.id)  # type: ignore[attr-defined]
        .where(func.lower(column) == "acme")
        .order_by(table.c.id.desc())  # type: ignore[attr-defined]
    )
    return _explain(engine, query)


def _explain(engine: Engine, query: Select[Any]) -> str:
    with engine.connect() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # the tables hold one row
            rows = conn.execute(text(f"EXPLAIN {sql}")).scalars().all()
        else:
            rows = [r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    return " ".join(str(row) for row in rows)


def test_an_old_database_upgrades_and_the_desk_reads_use_the_keys(
    database_url: str, make_app: AppFactory
) -> None:
    old = make_app(database_url)
    old.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="ann@acme.test"))
    old.bus.handle(c.OpenCase(customer="ACME", priority="high", title="Late delivery"))
    old.bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("2.50")))
    line = c.LineInput(product="WIDGET", quantity=Decimal(3))
    for _ in range(2):
        old.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
    old.bus.handle(c.MergeOrders(first="SO-00001", second="SO-00002"))
    engine = make_engine(database_url)
    _down(engine)
    with engine.connect() as conn:
        names = {ix["name"] for ix in conn.dialect.get_indexes(conn, "cases")}
        before = conn.execute(select(t.cases)).all()
        orders = conn.execute(select(t.orders).order_by(t.orders.c.id)).all()
    assert "ix_cases_customer_key" not in names

    upgrade(engine)  # what `orderbot db upgrade` does

    with engine.connect() as conn:
        assert conn.execute(select(t.cases)).all() == before
        assert conn.execute(select(t.orders).order_by(t.orders.c.id)).all() == orders
    for table, column, index in (
        (t.cases, t.cases.c.customer_code, "ix_cases_customer_key"),
        (catalogue_sends, catalogue_sends.c.customer_code, "ix_catalogue_sends_customer_key"),
        (subscriptions, subscriptions.c.customer_code, "ix_subscriptions_customer_key"),
    ):
        assert index in _plan(engine, table, column), table
    o = t.orders.c
    children = select(o.code).where(  # as RecordRepository.children_of reads them
        o.parent_code.is_not(None), func.lower(o.parent_code) == "so-00001"
    )
    assert "ix_orders_parent_key" in _explain(engine, children.order_by(o.created_at, o.id))
    app = make_app(database_url)
    view = app.bus.handle(c.ShowCustomer(code="acme"))
    assert [(a.title, a.priority) for a in view.alerts] == [("Late delivery", "high")]
    assert [o.code for o in view.recent_orders] == ["SO-00001"]  # the other merged into it
    engine.dispose()
