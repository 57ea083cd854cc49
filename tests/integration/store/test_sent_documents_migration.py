"""The upgrade that keeps documents mailed to customers (0016_sent_documents), on SQLite and
PostgreSQL: a database at the revision before, holding orders and an invoice, upgrades
with every order and total as it was, and its draft can then be sent as a quote."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select

from domain import commands as c
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from tests.integration.conftest import AppFactory

BEFORE = "0015_records"
"""The last revision before documents sent were kept."""


def _downgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _orders(engine: Engine) -> list[tuple[str, str, Decimal]]:
    o = t.orders.c
    with engine.connect() as conn:
        rows = conn.execute(select(o.code, o.status, o.id).order_by(o.id)).all()
        lines = conn.execute(select(t.order_lines.c.order_id, t.order_lines.c.quantity)).all()
    held = {oid: sum((Decimal(q) for i, q in lines if i == oid), Decimal(0)) for *_, oid in rows}
    return [(code, status, held[oid]) for code, status, oid in rows]


def test_an_old_database_upgrades_and_sends_a_quote(
    database_url: str, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(database_url, outbox_dir=tmp_path / "outbox")
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("10"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="ann@acme.test"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(3))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), confirm=True))
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
    totals = [bus.handle(c.ShowOrder(code=code)).order.totals for code in ("SO-00001", "SO-00002")]
    _downgrade(app.engine, BEFORE)  # the database as the version before left it
    with app.engine.connect() as conn:
        assert "sent_documents" not in conn.dialect.get_table_names(conn)
    before = _orders(app.engine)

    upgrade(app.engine)
    assert _orders(app.engine) == before
    again = make_app(database_url, outbox_dir=tmp_path / "outbox").bus
    assert [
        again.handle(c.ShowOrder(code=code)).order.totals for code in ("SO-00001", "SO-00002")
    ] == totals
    sent = again.handle(c.SendOrderDocument(code="SO-00002", kind="quote", actor="U0REP")).sent
    assert (sent.message_key, sent.recipient) == ("quote-so-00002-1", "ann@acme.test")
