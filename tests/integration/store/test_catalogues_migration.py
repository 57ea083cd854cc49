"""The upgrade that made catalogues records (0014_catalogues), on SQLite and PostgreSQL: a
database of the schema before, with products, a customer, an order and job runs, keeps
them as they were; the one catalogue there was becomes the default catalogue (every
active product), so `/catalog send` sends what it sent before and the customer keeps
it; old runs get no notes; products get a history from their first change on."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, text

from domain import commands as c
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from store.tables import scheduler as sched
from tests.integration.conftest import AppFactory

BEFORE = "0013_actors"
"""The last revision before catalogues were records."""
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def old_database(url: str) -> Engine:
    """A database at the schema before: a tax, three products (one inactive), a customer
    with a contact, an order, and a finished job run."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(t.taxes.insert().values(id=1, code="VAT20", rate=Decimal(20)))
        for pid, code, price, active in (
            (1, "WIDGET", "10.00", True),
            (2, "GADGET", "4.00", True),
            (3, "OLD", "1.00", False),
        ):
            conn.execute(
                t.products.insert().values(
                    id=pid, code=code, name=code.title(), unit_price=Decimal(price),
                    tax_code="VAT20", frequencies="monthly", active=active,
                )
            )  # fmt: skip
        conn.execute(
            text(
                "insert into customers (id, code, name, vat_number, language, search_key) "
                "values (1, 'ACME', 'Acme SA', '', 'en', ' acme ')"
            )
        )
        conn.execute(
            text(
                "insert into contacts (id, customer_id, name, email, phone, is_default, "
                "email_key, email_shared) values (1, 1, 'Ann', 'ann@acme.test', '', true, "
                "'ann@acme.test', false)"
            )
        )
        conn.execute(  # the table as it was: no notes column
            text(
                "insert into job_runs (id, job_name, started_at, finished_at, status, "
                "processed, orders_created, errors, error_count, triggered_by) values "
                "(1, 'digest', :t0, :t0, 'succeeded', 2, 0, '[]', 0, 'schedule')"
            ),
            {"t0": T0},
        )
    return engine


def _products(engine: Engine) -> list[tuple[str, Decimal, bool]]:
    p = t.products.c
    with engine.connect() as conn:
        rows = conn.execute(select(p.code, p.unit_price, p.active).order_by(p.id))
        return [(code, Decimal(price), bool(active)) for code, price, active in rows]


def test_the_upgrade_makes_the_default_catalogue_and_keeps_everything(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        before = _products(engine)
        upgrade(engine)
        assert _products(engine) == before
        with engine.connect() as conn:
            run = conn.execute(sched.job_runs.select()).one()
            assert (run.status, run.processed, run.notes) == ("succeeded", 2, [])
        _use_the_upgraded_database(make_app, database_url)
        _down_and_up_again(engine)
    finally:
        engine.dispose()


def _use_the_upgraded_database(make_app: AppFactory, database_url: str) -> None:
    bus = make_app(database_url).bus
    [(default, held)] = bus.handle(c.ListCatalogues()).catalogues
    assert (default.name, default.source_code, default.is_default, held) == (
        "default",
        "DEFAULT",
        True,
        2,
    )
    sent = bus.handle(c.SendCatalog(customer="acme", actor="U0REP")).sent
    assert (sent.catalogue_name, sent.source_code, sent.products, sent.recipient) == (
        "default",
        "DEFAULT",
        2,
        "ann@acme.test",
    )
    desk = bus.handle(c.ShowCustomer(code="ACME"))
    assert [(s.catalogue_name, s.actor) for s in desk.catalogues_sent] == [("default", "U0REP")]
    assert bus.handle(c.ShowProduct(code="WIDGET")).history == ()
    bus.handle(c.SetProduct(code="WIDGET", price=Decimal("11"), actor="U0REP"))
    [entry] = bus.handle(c.ShowProduct(code="WIDGET")).history
    assert (entry.actor, [(x.field, x.old, x.new) for x in entry.changes]) == (
        "U0REP",
        [("unit_price", "10", "11")],
    )
    [run] = bus.handle(c.ListJobRuns()).runs
    assert run.notes == []


def _down_and_up_again(engine: Engine) -> None:
    """The downgrade drops what the upgrade made and keeps the rest; upgrading again works."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        tables = set(conn.dialect.get_table_names(conn))
    assert not {"catalogues", "catalogue_products", "catalogue_sends", "product_history"} & tables
    assert [code for code, _, _ in _products(engine)] == ["WIDGET", "GADGET", "OLD"]
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from catalogues")).scalar() == 1
