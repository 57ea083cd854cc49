"""The upgrade that keeps timeline entries and case changes as sentences (0021_sentences),
on SQLite and PostgreSQL: rows written before keep their English text, unchanged, and
are shown as stored to a French reader; the order's totals stay; entries written after
the upgrade read in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select

from bot.views.text import render
from domain import commands as c
from l10n.translation import speaking
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from store.tables import desk
from tests.integration.conftest import AppFactory

BEFORE = "0020_lookup_keys"
"""The last revision before sentences were kept."""

OLD_TIMELINE = ["Order created (console) with 1 line(s).", "Order confirmed."]


def _downgrade(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _made_before(make_app: AppFactory, database_url: str) -> Engine:
    """An order and a case with a few entries, then the schema taken back to before."""
    app = make_app(database_url)
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(4))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), actor="ann", actor_door="console"))
    bus.handle(c.ConfirmOrder(code="SO-00001", actor="ann", actor_door="console"))
    bus.handle(c.OpenCase(customer="ACME", priority="high", title="Broken pallet"))
    _downgrade(app.engine)
    with app.engine.connect() as conn:
        for table in ("timeline", "case_notes"):
            assert "sentence" not in {col["name"] for col in inspect(conn).get_columns(table)}
    return app.engine


def _rows(engine: Engine) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
    with engine.connect() as conn:
        timeline = conn.execute(
            select(t.timeline.c.text, t.timeline.c.sentence).order_by(t.timeline.c.id)
        )
        notes = conn.execute(
            select(desk.case_notes.c.text, desk.case_notes.c.sentence).order_by(
                desk.case_notes.c.id
            )
        )
        return [tuple(r) for r in timeline], [tuple(r) for r in notes]  # type: ignore[misc]


def test_rows_written_before_keep_their_english_and_new_ones_are_sentences(
    database_url: str, make_app: AppFactory
) -> None:
    engine = _made_before(make_app, database_url)
    upgrade(engine)
    timeline, notes = _rows(engine)
    assert timeline == [(text, None) for text in OLD_TIMELINE]
    assert notes == [("opened with priority high (alert)", None)]
    bus = make_app(database_url).bus
    view = bus.handle(c.ShowOrder(code="SO-00001"))
    assert view.order.totals.gross == Decimal("60.00")
    bus.handle(c.ChangeLine(code="SO-00001", line="1", quantity=Decimal(5), actor="ann"))
    with speaking("fr"):
        shown = render(bus.handle(c.ShowOrder(code="SO-00001")))
        case = render(bus.handle(c.SetCase(case_id=1, title="Pallet broken")))
    # the old entries as stored, the new one in French
    assert ": Order created (console) with 1 line(s)." in shown
    assert ": Order confirmed." in shown
    assert ": Ligne 1 (WIDGET) : quantité 4 -> 5." in shown
    assert ": opened with priority high (alert)" in case
    assert ": titre 'Broken pallet' -> 'Pallet broken'" in case
    timeline, notes = _rows(engine)
    assert timeline[:2] == [(text, None) for text in OLD_TIMELINE]  # untouched
    assert timeline[-1][0] == "Line 1 (WIDGET): quantity 4 -> 5."
    assert getattr(timeline[-1][1], "msgid", None) == "Line {number} ({product}): {changes}."
    assert getattr(notes[-1][1], "msgid", None) == "title {old} -> {new}"
