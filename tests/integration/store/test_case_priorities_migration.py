"""The upgrade that made case priorities data (0010_cases), on SQLite and PostgreSQL: a
database of the schema before, with cases of every kind, keeps each case's priority and
alert, and gets the priorities it had in code plus any other name its cases use."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, text

from domain import commands as c
from store.engine import make_engine
from store.migrate import MIGRATIONS, upgrade
from store.tables import core as t
from store.tables.desk import case_priorities
from tests.integration.conftest import AppFactory

BEFORE = "0009"
"""The last revision before priorities were data."""
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
CASES = [
    # id, title, priority, status, alert
    (1, "Broken pallet", "high", "open", True),
    (2, "Old dispute", "critical", "closed", True),
    (3, "Wants a catalogue", "low", "open", False),
    (4, "Hand-written urgency", "urgent", "open", True),
    (5, "Closed oddity", "someday", "closed", True),
]


def old_database(url: str) -> Engine:
    """A database at the schema before, with a customer and the cases above."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into customers (id, code, name, vat_number, language) "
                "values (1, 'ACME', 'Acme SA', '', 'en')"
            )
        )
        for case_id, title, priority, status, alert in CASES:
            conn.execute(
                t.cases.insert().values(
                    id=case_id, customer_code="ACME", title=title, priority=priority,
                    opened_at=T0, status=status, alert=alert,
                )
            )  # fmt: skip
    return engine


def _cases(engine: Engine) -> list[tuple[int, str, str, bool]]:
    k = t.cases.c
    with engine.connect() as conn:
        rows = conn.execute(select(k.id, k.priority, k.status, k.alert).order_by(k.id))
        return [(i, p, s, bool(a)) for i, p, s, a in rows]


def _priorities(engine: Engine) -> list[tuple[str, bool, int]]:
    p = case_priorities.c
    with engine.connect() as conn:
        rows = conn.execute(select(p.name, p.alert, p.rank).order_by(p.rank))
        return [(name, bool(alert), rank) for name, alert, rank in rows]


def test_the_upgrade_keeps_every_case_and_writes_the_priorities(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        before = _cases(engine)
        upgrade(engine)
        assert _cases(engine) == before
        assert _priorities(engine) == [
            ("low", False, 1), ("medium", False, 2), ("high", True, 3), ("critical", True, 4),
            ("someday", False, 5), ("urgent", True, 6),
        ]  # fmt: skip
        _use_the_upgraded_cases(make_app, database_url)
        _down_and_up_again(engine)
    finally:
        engine.dispose()


def _use_the_upgraded_cases(make_app: AppFactory, database_url: str) -> None:
    bus = make_app(database_url).bus
    desk = bus.handle(c.ShowCustomer(code="acme"))
    assert [a.title for a in desk.alerts] == ["Hand-written urgency", "Broken pallet"]
    old = bus.handle(c.ShowCase(case_id=1)).case
    assert (old.priority, old.alert, old.notes) == ("high", True, [])
    lowered = bus.handle(c.SetCase(case_id=1, priority="low", actor="U0REP"))
    assert str(lowered.note) == "Case 1: priority high -> low (the alert is removed)."
    bus.handle(c.SetCasePriority(name="urgent", alert=False, manager=True, actor="U0BOSS"))
    assert bus.handle(c.ShowCustomer(code="ACME")).alerts == ()
    bus.handle(c.AddCaseNote(case_id=2, text="reopened by phone", actor="U0REP"))
    assert [n.text for n in bus.handle(c.ShowCase(case_id=2)).case.notes] == ["reopened by phone"]
    bus.handle(c.SetCustomer(code="ACME", name="Acme Group", actor="U0REP"))
    history = bus.handle(c.ShowCustomer(code="ACME")).history
    assert [(h.actor, h.text) for h in history] == [("U0REP", "name Acme SA -> Acme Group")]


def _down_and_up_again(engine: Engine) -> None:
    """The downgrade drops the three tables and leaves the cases; upgrading again works."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        tables = set(conn.dialect.get_table_names(conn))
    assert not {"case_priorities", "case_notes", "customer_history"} & tables
    assert [row[1] for row in _cases(engine)] == ["low", "critical", "low", "urgent", "someday"]
    upgrade(engine)
    assert len(_priorities(engine)) == 6
