"""The upgrade that gave records their statuses (0015_records), on SQLite and PostgreSQL:
a database of the schema before, with invoices, work orders and returns of every kind,
keeps every amount; invoices become open with their due dates from their orders'
terms, work orders open, done (their goods left) or cancelled (their order was), returns
requested; and the upgraded records then live their life (void, refund, done)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Table, column, select, text
from sqlalchemy import table as sa_table

from domain import commands as c
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from store.tables import records as rec
from tests.integration.conftest import AppFactory

BEFORE = "0014_catalogues"
"""The last revision before records had statuses."""
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
D = Decimal
ORDERS = [
    # id, code, status, payment terms
    (1, "SO-00001", "confirmed", "Net 30"),
    (2, "SO-00002", "closed", ""),
    (3, "SO-00003", "confirmed", "50% upfront"),
    (4, "SO-00004", "cancelled", "30 days end of month"),
]
SHIPMENTS = [
    # id, order id, number, status, [(line_no, quantity)]
    (1, 1, 1, "shipped", [(1, "6")]),
    (2, 1, 2, "pending", [(1, "4")]),
    (3, 2, 1, "delivered", [(1, "2")]),
    (4, 3, 1, "pending", [(1, "1")]),
    (5, 4, 1, "cancelled", [(1, "3")]),
]
INVOICES = [
    # id, order id, code, net, tax, gross
    (1, 1, "INV-00001", "60.00", "12.00", "72.00"),
    (2, 2, "INV-00002", "20.00", "4.00", "24.00"),
    (3, 3, "INV-00003", "10.00", "2.00", "12.00"),
]
WORK_ORDERS = [
    # id, order id, code, scope, shipment, [(line_no, quantity)]
    (1, 1, "WO-00001", "per-shipment", 1, [(1, "6")]),
    (2, 1, "WO-00002", "per-shipment", 2, [(1, "4")]),
    (3, 2, "WO-00003", "all", None, [(1, "2")]),
    (4, 1, "WO-00004", "per-product", None, [(1, "10")]),
    (5, 4, "WO-00005", "all", None, [(1, "3")]),
]


def _old(table: Table, **values: Any) -> Any:
    """An insert of these columns only: the table as it was before the upgrade."""
    columns = [column(name, table.c[name].type) for name in values]
    return sa_table(table.name, *columns).insert().values(**values)


def _insert(conn: Any) -> None:
    conn.execute(
        text(
            "insert into customers (id, code, name, vat_number, language, search_key) "
            "values (1, 'ACME', 'Acme SA', '', 'en', ' acme ')"
        )
    )
    for oid, code, status, terms in ORDERS:
        conn.execute(
            t.orders.insert().values(
                id=oid, code=code, customer_code="ACME", created_at=T0, status=status,
                source="console", payment_terms=terms, discount_value=D(0),
                shipping_charges=D(0), adjustment=D(0), version=1,
            )
        )  # fmt: skip
        conn.execute(
            t.order_lines.insert().values(
                order_id=oid, line_no=1, product_code="WIDGET", quantity=D(10),
                unit_price=D(10), tax_code="VAT20", tax_rate=D(20), discount_percent=D(0),
            )
        )  # fmt: skip
    for sid, oid, number, status, lines in SHIPMENTS:
        conn.execute(
            t.shipments.insert().values(id=sid, order_id=oid, number=number, status=status)
        )
        for line_no, qty in lines:
            conn.execute(
                t.shipment_lines.insert().values(shipment_id=sid, line_no=line_no, quantity=D(qty))
            )
    for iid, oid, code, net, tax, gross in INVOICES:
        conn.execute(
            _old(rec.invoices,
                id=iid, order_id=oid, code=code, created_at=T0, net=D(net), tax=D(tax),
                gross=D(gross),
            )
        )  # fmt: skip
        conn.execute(
            rec.invoice_lines.insert().values(
                invoice_id=iid, line_no=1, product_code="WIDGET", quantity=D(1)
            )
        )
    for wid, oid, code, scope, number, lines in WORK_ORDERS:
        conn.execute(
            _old(rec.work_orders,
                id=wid, order_id=oid, code=code, scope=scope, created_at=T0,
                shipment_number=number, product_code="",
            )
        )  # fmt: skip
        for line_no, qty in lines:
            conn.execute(
                _old(
                    rec.work_order_lines,
                    work_order_id=wid,
                    line_no=line_no,
                    product_code="WIDGET",
                    quantity=D(qty),
                )
            )
    conn.execute(
        _old(rec.returns,
            order_id=1, code="RMA-00001", created_at=T0, line_no=1, product_code="WIDGET",
            quantity=D(2), reason="scratched",
        )
    )  # fmt: skip
    conn.execute(text("update counters set value = 3 where name = 'INV'"))
    conn.execute(text("update counters set value = 1 where name = 'RMA'"))
    conn.execute(text("update counters set value = 5 where name = 'WO'"))
    conn.execute(text("update counters set value = 4 where name = 'SO'"))


def old_database(url: str) -> Engine:
    """A database at the schema before, with the records above."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        _insert(conn)
    return engine


def _rows(engine: Engine, query: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def test_the_upgrade_gives_records_statuses_and_keeps_every_amount(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        i = rec.invoices.c
        amounts = select(i.code, i.net, i.tax, i.gross).order_by(i.id)
        before = _rows(engine, amounts)
        upgrade(engine)
        assert _rows(engine, amounts) == before
        assert _rows(engine, select(i.code, i.status, i.terms, i.due_date).order_by(i.id)) == [
            ("INV-00001", "open", "Net 30", date(2026, 4, 1)),
            ("INV-00002", "open", "on receipt", date(2026, 3, 2)),
            ("INV-00003", "open", "50% upfront", None),
        ]
        w = rec.work_orders.c
        assert _rows(engine, select(w.code, w.status).order_by(w.id)) == [
            ("WO-00001", "done"),  # its shipment left
            ("WO-00002", "open"),
            ("WO-00003", "done"),  # everything it held was delivered
            ("WO-00004", "open"),  # 6 of its 10 shipped
            ("WO-00005", "cancelled"),  # its order was
        ]
        r = rec.returns.c
        assert _rows(engine, select(r.code, r.status)) == [("RMA-00001", "requested")]
        assert _rows(engine, select(t.counters.c.value).where(t.counters.c.name == "CN")) == [(0,)]
        _use_the_upgraded_records(make_app, database_url)
        _down_and_up_again(engine)
    finally:
        engine.dispose()


def _use_the_upgraded_records(make_app: AppFactory, database_url: str) -> None:
    bus = make_app(database_url).bus
    old = bus.handle(c.ShowInvoice(code="INV-00001"))
    assert (old.record.status, old.record.gross) == ("open", D("72.00"))
    voided = bus.handle(c.VoidInvoice(code="INV-00001"))
    assert str(voided.note) == "INV-00001 is void; credit note CN-00001 made."
    assert voided.credit_notes[0].gross == D("72.00")
    bus.handle(c.PayInvoice(code="INV-00002", paid_on=date(2026, 3, 3)))
    bus.handle(c.ReceiveReturn(code="RMA-00001"))
    refunded = bus.handle(c.RefundReturn(code="RMA-00001"))
    assert refunded.credit_notes[0].gross == D("24.00")  # 2 x 10.00 + 20%
    bus.handle(c.FinishWorkOrder(code="WO-00002"))
    listed = bus.handle(c.ListInvoices(who="ACME"))
    assert sorted((row.record.code, row.record.status) for row in listed.items) == [
        ("INV-00001", "void"), ("INV-00002", "paid"), ("INV-00003", "open"),
    ]  # fmt: skip
    order = bus.handle(c.ShowOrder(code="SO-00001")).order
    assert [n.code for n in order.credit_notes] == ["CN-00001", "CN-00002"]


def _down_and_up_again(engine: Engine) -> None:
    """The downgrade drops the credit notes and the statuses; upgrading again works."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        assert "credit_notes" not in set(conn.dialect.get_table_names(conn))
        columns = {col["name"] for col in conn.dialect.get_columns(conn, "invoices")}
    assert "status" not in columns
    upgrade(engine)
    i = rec.invoices.c
    assert _rows(engine, select(i.code, i.status).order_by(i.id))[0] == ("INV-00001", "open")
