"""The upgrade that lets a customer's language be unknown (0019_customer_language), on
SQLite and PostgreSQL: customers of the schema before keep the language they had (an
explicit choice, which a mail never overrides); a customer made after the upgrade without
one has none until their first order mail."""

from __future__ import annotations

from sqlalchemy import Engine, select, text

from domain import commands as c
from store.engine import make_engine
from store.migrate import upgrade
from store.tables import core as t
from tests.integration.conftest import AppFactory

BEFORE = "0018_stock"
"""The last revision before a customer's language could be unknown."""


def old_database(url: str) -> Engine:
    """A database at the schema before, with a French and an English customer."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        for code, language in (("ACME", "fr"), ("BOLT", "en")):
            conn.execute(
                text(
                    "insert into customers (code, name, vat_number, language, search_key) "
                    f"values ('{code}', '{code.title()}', '', '{language}', ' {code.lower()} ')"
                )
            )
    return engine


def test_customers_keep_their_language_and_new_ones_have_none(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(select(t.customers.c.code, t.customers.c.language)).all()
        assert sorted(rows) == [("ACME", "fr"), ("BOLT", "en")]
    finally:
        engine.dispose()
    bus = make_app(database_url).bus
    assert bus.handle(c.ShowCustomer(code="ACME")).customer.language == "fr"
    bus.handle(c.CreateCustomer(code="NEW", name="New SA"))
    assert bus.handle(c.ShowCustomer(code="NEW")).customer.language is None
