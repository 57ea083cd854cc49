"""The upgrade that stored each order's money rules (0012_order_money), on SQLite and
PostgreSQL: an order made before keeps its totals to the cent (shipping untaxed, the
discount before tax) and takes the currency of the setting at upgrade time, while a new
order follows the new rules."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from domain import commands as c
from domain.orders.totals import TaxRules
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables.types import Money, UtcDateTime
from tests.integration.conftest import AppFactory

D = Decimal
BEFORE = "0011_customer_search"
"""The last revision before orders kept their money rules."""
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)

# The tables as they were at BEFORE (only the columns written here).
_orders = sa.table(
    "orders",
    *(sa.column(n) for n in ("id", "code", "customer_code", "status", "source", "reference")),
    *(sa.column(n) for n in ("payment_terms", "delivery_method", "warehouse", "remarks")),
    sa.column("created_at", UtcDateTime()),
    sa.column("discount_value", Money()),
    sa.column("discount_is_percent", sa.Boolean),
    sa.column("shipping_charges", Money()),
    sa.column("adjustment", Money()),
    sa.column("version", sa.Integer),
)
_lines = sa.table(
    "order_lines",
    *(sa.column(n) for n in ("order_id", "line_no", "product_code", "description", "tax_code")),
    sa.column("remarks"),
    *(sa.column(n, Money()) for n in ("quantity", "unit_price", "tax_rate", "discount_percent")),
)
_shipments = sa.table(
    "shipments",
    *(sa.column(n) for n in ("id", "order_id", "number", "status", "remarks", "carrier")),
    sa.column("tracking_number"),
)
_shipment_lines = sa.table(
    "shipment_lines", sa.column("shipment_id"), sa.column("line_no"), sa.column("quantity", Money())
)


def old_database(url: str) -> Engine:
    """A database at the schema before, with SO-00001: 4 x WIDGET at 12.50 (20%) and
    3 x BOOK at 10.00 (5.5%), 10% off, shipping 8.00, adjustment -0.50."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into customers (id, code, name, vat_number, language, search_key) "
                "values (1, 'ACME', 'Acme SA', '', 'en', 'acme')"
            )
        )
        conn.execute(
            _orders.insert().values(
                id=1, code="SO-00001", customer_code="ACME", status="confirmed",
                source="console", reference="PO-1", payment_terms="", delivery_method="",
                warehouse="", remarks="", created_at=T0, discount_value=D(10),
                discount_is_percent=True, shipping_charges=D("8.00"), adjustment=D("-0.50"),
                version=1,
            )
        )  # fmt: skip
        for no, code, qty, price, tax, rate in [
            (1, "WIDGET", 4, "12.50", "VAT20", "20"),
            (2, "BOOK", 3, "10.00", "VAT5.5", "5.5"),
        ]:
            conn.execute(
                _lines.insert().values(
                    order_id=1, line_no=no, product_code=code, description=code.title(),
                    tax_code=tax, remarks="", quantity=D(qty), unit_price=D(price),
                    tax_rate=D(rate), discount_percent=D(0),
                )
            )  # fmt: skip
        conn.execute(
            _shipments.insert().values(
                id=1, order_id=1, number=1, status="pending", remarks="", carrier="",
                tracking_number="",
            )
        )  # fmt: skip
        for no, qty in [(1, 4), (2, 3)]:
            conn.execute(
                _shipment_lines.insert().values(shipment_id=1, line_no=no, quantity=D(qty))
            )
    return engine


def test_an_old_order_keeps_its_totals_and_takes_the_currency_of_the_upgrade(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        app = make_app(database_url, currency="DKK")  # upgrades, as `orderbot db upgrade`
        old = app.bus.handle(c.ShowOrder(code="SO-00001")).order
        # As before the upgrade: 80.00 less 10% (8.00, shared 3.00 / 5.00 by rate); tax
        # 5.5%: 27.00 x 0.055 = 1.485 -> 1.49, 20%: 45.00 x 0.2 = 9.00; shipping 8.00
        # untaxed; gross 72.00 + 10.49 + 8.00 - 0.50 = 89.99
        t = old.totals
        assert (t.subtotal, t.discount, t.tax, t.gross) == (
            D("80.00"), D("8.00"), D("10.49"), D("89.99"),
        )  # fmt: skip
        assert (old.currency, old.tax_rules, old.absorbed_codes) == ("DKK", TaxRules(), [])
        assert [ln.discount_amount for ln in old.lines] == [D(0), D(0)]
        _a_new_order_follows_the_new_rules(make_app, database_url)
        _down_and_up_again(engine)
    finally:
        engine.dispose()


def _a_new_order_follows_the_new_rules(make_app: AppFactory, database_url: str) -> None:
    bus = make_app(database_url, currency="USD").bus
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("12.50"), tax="VAT20"))
    new = bus.handle(
        c.CreateOrder(
            customer="ACME",
            lines=(c.LineInput(product="WIDGET", quantity=D(4), discount_amount=D("2.50")),),
            shipping_charges=D(10),
        )
    ).order
    # 47.50 + shipping 10.00 taxed pro rata at 20%: tax 11.50; gross 69.00
    assert (new.currency, new.shipping_tax, new.totals.gross) == ("USD", "prorata", D("69.00"))
    again = bus.handle(c.ShowOrder(code=new.code)).order
    assert (again.lines[0].discount_amount, again.totals.gross) == (D("2.50"), D("69.00"))
    old = bus.handle(c.ShowOrder(code="SO-00001")).order
    assert (old.currency, old.totals.gross) == ("DKK", D("89.99"))


def _down_and_up_again(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        columns = {col["name"] for col in sa.inspect(conn).get_columns("orders")}
    assert "currency" not in columns
    upgrade(engine)
    with engine.connect() as conn:
        currencies = conn.execute(sa.text("select currency from orders order by id")).scalars()
        assert list(currencies) == ["EUR", "EUR"]  # no setting given: EUR
