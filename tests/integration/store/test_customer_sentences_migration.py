"""A customer's history kept as sentences (0022_customer_sentences), on SQLite and
PostgreSQL: entries written before the upgrade keep their English text, unchanged, and
are shown as stored; a customer edited at the console after it shows its new entries in
the reader's language (French here), with the fields named in French."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select

from bot.console import Console
from domain import commands as c
from l10n.translation import speaking
from store.migrate import MIGRATIONS, upgrade
from store.tables.desk import customer_history
from tests.integration.conftest import AppFactory

BEFORE = "0021_sentences"
"""The last revision before a customer's history was kept as sentences."""

OLD = ["created", "contact Acme SA added", "address HQ added"]


def _downgrade(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _rows(engine: Engine) -> list[tuple[str, object]]:
    h = customer_history.c
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(h.text, h.sentence).order_by(h.id))]  # type: ignore[misc]


def test_old_entries_stay_english_and_new_ones_read_in_french(
    database_url: str, make_app: AppFactory
) -> None:
    app = make_app(database_url)
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    app.bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR"))
    _downgrade(app.engine)
    with app.engine.connect() as conn:
        columns = {col["name"] for col in inspect(conn).get_columns("customer_history")}
    assert "sentence" not in columns
    upgrade(app.engine)
    assert _rows(app.engine) == [(text, None) for text in OLD]  # untouched

    shop = make_app(database_url)
    rep = Console(shop.bus.handle, lambda: date(2026, 3, 2), actor="rep", locale="fr")
    with speaking("fr"):
        answer = rep.answer('customer set ACME name:"Acme Group" lang:da')
        rep.answer("customer contact ACME Ann email:ann@acme.example")
        shown = rep.answer("customer show ACME")
    assert answer.startswith("Client ACME : nom Acme SA -> Acme Group et langue - -> da."), answer
    history = [line.split(": ", 1)[1] for line in shown.splitlines() if "Modifié" in line]
    assert history == [
        "contact Ann ajouté",
        "nom Acme SA -> Acme Group et langue - -> da",
        "address HQ added",
        "contact Acme SA added",
        "created",
    ], shown
    english = [text for text, _ in _rows(shop.engine)]
    assert english[3:] == [
        "name Acme SA -> Acme Group; language - -> da",
        "contact Ann added",
    ]
