"""The upgrade that makes timeline entries record their actor (0013_actors), on SQLite and
PostgreSQL: entries written before keep their text and read as by an unknown actor, the
order keeps working and its totals stay; later commands sign only their own entries."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select

from bot.views.json import to_json
from domain import commands as c
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from tests.integration.conftest import AppFactory

BEFORE = "0012_order_money"
"""The last revision before timeline entries had actors."""


def _timeline(engine: Engine) -> list[tuple[str, str, str, str]]:
    k = t.timeline.c
    with engine.connect() as conn:
        rows = conn.execute(select(k.text, k.actor_door, k.actor_id, k.actor_name).order_by(k.id))
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _downgrade(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _an_order_made_before(make_app: AppFactory, database_url: str) -> Engine:
    """An order with a few entries, then the schema taken back to before actors."""
    app = make_app(database_url)
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(4))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), actor="ann", actor_door="console"))
    bus.handle(c.ConfirmOrder(code="SO-00001", actor="ann", actor_door="console"))
    _downgrade(app.engine)
    with app.engine.connect() as conn:
        assert "actor_door" not in {col["name"] for col in _columns(conn)}
    return app.engine


def _columns(conn: object) -> list[dict[str, str]]:
    from sqlalchemy import inspect

    return inspect(conn).get_columns("timeline")  # type: ignore[arg-type,return-value]


def test_entries_written_before_read_as_unknown_and_new_ones_are_signed(
    database_url: str, make_app: AppFactory
) -> None:
    engine = _an_order_made_before(make_app, database_url)
    upgrade(engine)
    assert _timeline(engine) == [
        ("Order created (console) with 1 line(s).", "unknown", "", ""),
        ("Order confirmed.", "unknown", "", ""),
    ]
    bus = make_app(database_url).bus
    before = bus.handle(c.ShowOrder(code="SO-00001")).order
    assert before.totals.gross == Decimal("60.00")
    assert [e.actor.is_known for e in before.timeline] == [False, False]
    bus.handle(
        c.ChangeLine(
            code="SO-00001", line="1", quantity=Decimal(5), actor="U0REP", actor_name="rep",
            actor_door="slack",
        )
    )  # fmt: skip
    assert _timeline(engine)[-1] == (
        "Line 1 (WIDGET): quantity 4 -> 5.", "slack", "U0REP", "rep"
    )  # fmt: skip
    assert [row[1] for row in _timeline(engine)[:2]] == ["unknown", "unknown"]
    data = to_json(bus.handle(c.ShowOrder(code="SO-00001")))
    assert data["timeline"][0]["actor"] == {"door": "unknown", "id": "", "name": ""}
    assert data["totals"]["gross"] == "75.00"
