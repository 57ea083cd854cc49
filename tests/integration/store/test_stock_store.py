"""Stock on the real databases: figures and the movement log exact through receive,
confirm, ship and cancel; the 0015 upgrade keeps past orders as they were; and two
processes confirming orders for the last units on PostgreSQL never reserve more than
there is."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

import bootstrap
from domain import commands as c
from store.migrate import MIGRATIONS, upgrade
from store.tables.stock import stock_levels, stock_movements, stock_reservations
from tests.integration.conftest import AppFactory
from tests.integration.store_workers import new_order, seed
from tests.paths import ROOT

D = Decimal


def _level(app: bootstrap.App) -> tuple[Decimal, Decimal]:
    with app.engine.connect() as conn:
        row = conn.execute(select(stock_levels.c.on_hand, stock_levels.c.reserved)).one()
    return row.on_hand, row.reserved


def test_figures_and_log_follow_receive_confirm_ship_and_cancel(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(5), reference="PO-1", actor="U1"))
    shipped, cancelled, waiting = new_order(bus, 3), new_order(bus, 2), new_order(bus, 4)
    for code in (shipped, cancelled, waiting):
        bus.handle(c.ConfirmOrder(code=code))
    assert _level(app) == (D(5), D(5))
    bus.handle(c.ShipOrder(code=shipped))
    bus.handle(c.CancelOrder(code=cancelled))
    assert _level(app) == (D(2), D(2))  # the cancelled 2 went to the waiting order
    shown = bus.handle(c.ShowOrder(code=waiting)).availability
    assert [(a.wanted, a.reserved, str(a.state)) for a in shown] == [
        (D(4), D(2), "partly available")
    ]
    with app.engine.connect() as conn:
        moves = conn.execute(
            select(
                stock_movements.c.kind,
                stock_movements.c.quantity,
                stock_movements.c.on_hand_after,
                stock_movements.c.order_code,
                stock_movements.c.actor,
            ).order_by(stock_movements.c.id)
        ).all()
        held = conn.execute(
            select(stock_reservations.c.order_code, stock_reservations.c.reserved)
        ).all()
    assert [tuple(m) for m in moves] == [
        ("received", D(5), D(5), "", "U1"),
        ("shipped", D(-3), D(2), shipped, ""),
    ]
    assert [tuple(h) for h in held] == [(waiting, D(2))]


def test_a_line_added_to_a_confirmed_order_reserves(app: bootstrap.App) -> None:
    seed(app.bus)
    app.bus.handle(c.ReceiveStock(product="BOLT", quantity=D(10)))
    code = new_order(app.bus, 1)
    app.bus.handle(c.ConfirmOrder(code=code))
    app.bus.handle(c.AddLine(code=code, line=c.LineInput(product="BOLT", quantity=D(4))))
    shown = app.bus.handle(c.ShowOrder(code=code)).availability
    assert [(a.product_code, a.reserved, str(a.state)) for a in shown] == [
        ("BOLT", D(4), "available")
    ]


def test_line_edits_merge_and_a_received_return_keep_figures_exact(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(10)))
    bus.handle(c.ReceiveStock(product="BOLT", quantity=D(10)))
    one, two = new_order(bus, 6), new_order(bus, 3)
    bus.handle(c.AddLine(code=one, line=c.LineInput(product="BOLT", quantity=D(5))))
    for code in (one, two):
        bus.handle(c.ConfirmOrder(code=code))
    bus.handle(c.RemoveLine(code=one, product="BOLT"))
    bus.handle(c.ChangeLine(code=one, line="WIDGET", quantity=D(4)))
    assert _levels(app) == {"BOLT": (D(10), D(0)), "WIDGET": (D(10), D(7))}
    bus.handle(c.MergeOrders(first=one, second=two))
    assert _levels(app) == {"BOLT": (D(10), D(0)), "WIDGET": (D(10), D(7))}
    bus.handle(c.ShipOrder(code=one))  # its own shipment
    bus.handle(c.ShipOrder(code=one))  # the one merged in
    ret = bus.handle(c.CreateReturn(code=one, product="WIDGET", quantity=D(2)))
    bus.handle(c.ReceiveReturn(code=ret.return_order.code))
    assert _levels(app) == {"BOLT": (D(10), D(0)), "WIDGET": (D(5), D(0))}
    with app.engine.connect() as conn:
        kinds = conn.execute(
            select(stock_movements.c.kind, stock_movements.c.quantity)
            .where(stock_movements.c.product_code == "WIDGET")
            .order_by(stock_movements.c.id)
        ).all()
    assert [tuple(k) for k in kinds] == [
        ("received", D(10)),
        ("shipped", D(-4)),
        ("shipped", D(-3)),
        ("returned", D(2)),
    ]


def _levels(app: bootstrap.App) -> dict[str, tuple[Decimal, Decimal]]:
    with app.engine.connect() as conn:
        rows = conn.execute(
            select(stock_levels.c.product_code, stock_levels.c.on_hand, stock_levels.c.reserved)
        ).all()
    return {p: (h, r) for p, h, r in rows}


def test_the_upgrade_keeps_past_orders_untracked(make_app: AppFactory, database_url: str) -> None:
    app = make_app(database_url)
    seed(app.bus)
    code = new_order(app.bus, 7)
    app.bus.handle(c.ConfirmOrder(code=code))
    before = app.bus.handle(c.ShowOrder(code=code)).order
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with app.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0017_order_threads")
    with app.engine.connect() as conn:
        assert "stock_levels" not in set(conn.dialect.get_table_names(conn))
    upgrade(app.engine)
    after = app.bus.handle(c.ShowOrder(code=code))
    assert (after.order.totals, after.order.status, after.availability) == (
        before.totals,
        before.status,
        (),
    )
    app.bus.handle(c.ShipOrder(code=code))  # never tracked: ships as before
    with app.engine.connect() as conn:
        assert conn.execute(text("select count(*) from stock_movements")).scalar() == 0


@pytest.mark.postgres
def test_two_processes_confirming_for_the_last_units_reserve_exactly_what_there_is(
    pg_url: str, make_app: AppFactory
) -> None:
    app = make_app(pg_url)
    seed(app.bus)
    app.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(150)))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.integration.stock_workers", pg_url, "100"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert len({code for out in outputs for code in out.split()}) == 200
    assert _level(app) == (D(150), D(150))
    with app.engine.connect() as conn:
        rows = conn.execute(select(stock_reservations.c.reserved)).scalars().all()
    assert len(rows) == 200
    assert sorted(set(rows)) == [D(0), D(1)]
    assert rows.count(D(1)) == 150
    assert rows.count(D(0)) == 50
