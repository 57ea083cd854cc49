"""The store on real SQLite and PostgreSQL: migrations, round trips, numbering, races."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text

import bootstrap
from domain import commands as c
from domain.errors import ConcurrencyConflict, InvalidTransition
from domain.orders.merge import merge
from domain.orders.order import LineSpec, OrderStatus
from domain.orders.shipments import ShipmentStatus
from store.engine import make_engine
from store.migrate import is_current, upgrade
from tests.integration.conftest import AppFactory
from tests.integration.store_workers import new_order, seed
from tests.paths import ROOT


def test_upgrade_creates_every_table_and_is_idempotent(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)
    assert is_current(engine)
    tables = set(inspect(engine).get_table_names())
    assert {
        "orders",
        "order_lines",
        "shipments",
        "invoices",
        "outbox",
        "counters",
        "idempotency_keys",
        "subscriptions",
        "job_runs",
    } <= tables
    with engine.connect() as conn:
        counters = dict(conn.execute(text("select name, value from counters")).all())
    assert counters == {"SO": 0, "INV": 0, "WO": 0, "RMA": 0, "CN": 0}
    engine.dispose()


def test_order_round_trip_keeps_exact_values(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    code = bus.handle(
        c.CreateOrder(
            customer="acme",
            lines=(c.LineInput(product="widget", quantity=Decimal("2.5"), price=Decimal("19.99")),),
            discount_value=Decimal("7.5"),
            shipping_charges=Decimal("4.90"),
            adjustment=Decimal("-0.01"),
        )
    ).order.code
    bus.handle(c.ConfirmOrder(code=code))
    order = bus.handle(c.ShowOrder(code=code.lower())).order
    assert order.code == "SO-00001"
    assert order.status is OrderStatus.CONFIRMED
    assert order.lines[0].quantity == Decimal("2.5")
    assert order.lines[0].unit_price == Decimal("19.99")
    # 2.5 x 19.99 = 49.98; -7.5% = -3.75; shipping taxed pro rata (the default): tax
    # 20% of 46.23 + 4.90 = 10.226 -> 10.23; 46.23 + 10.23 + 4.90 - 0.01
    assert order.totals.gross == Decimal("61.35")
    assert order.shipments[0].status is ShipmentStatus.PENDING
    assert isinstance(order.created_at, datetime)
    assert order.created_at.tzinfo is not None
    assert [n.status for n in order.notifications] == ["confirmed"]
    assert order.version == 2  # inserted at 1, bumped by the confirm


def test_hand_given_code_is_skipped_by_numbering(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    bus.handle(
        c.CreateOrder(
            customer="ACME",
            code="so-00002",
            lines=(c.LineInput(product="BOLT", quantity=Decimal(1)),),
        )
    )
    assert [new_order(bus), new_order(bus)] == ["SO-00001", "SO-00003"]


def test_idempotency_key_makes_one_order_even_when_raced(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    cmd = c.CreateOrder(
        customer="ACME",
        idempotency_key="slack:U1:trigger-42",
        lines=(c.LineInput(product="BOLT", quantity=Decimal(3)),),
    )
    with ThreadPoolExecutor(4) as pool:
        codes = {v.order.code for v in pool.map(lambda _: bus.handle(cmd), range(4))}
    assert codes == {"SO-00001"}
    assert len(bus.handle(c.ListOrders()).items) == 1


def test_two_threads_make_200_gap_free_numbers(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(lambda _: new_order(bus), range(200)))
    assert sorted(codes) == [f"SO-{n:05d}" for n in range(1, 201)]


@pytest.mark.postgres
def test_two_processes_make_200_gap_free_numbers(pg_url: str, make_app: AppFactory) -> None:
    seed(make_app(pg_url).bus)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.integration.store_workers", pg_url, "100"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    codes = [line for out in outputs for line in out.split()]
    assert sorted(codes) == [f"SO-{n:05d}" for n in range(1, 201)]


def _spec() -> LineSpec:
    return LineSpec("BOLT", "Bolt", Decimal(5), Decimal("0.35"), None, Decimal(0))


@pytest.mark.postgres
def test_merge_racing_an_edit_ends_in_one_conflict_and_no_lost_line(
    pg_url: str, make_app: AppFactory
) -> None:
    app = make_app(pg_url)
    bus = app.bus
    seed(bus)
    first, second = new_order(bus), new_order(bus)
    uows = app.uow
    barrier = threading.Barrier(2, timeout=30)
    outcome: dict[str, str] = {}
    now = datetime.now().astimezone()

    def do_merge() -> None:
        with uows(False) as uow:
            merge(uow.orders.get(first), uow.orders.get(second), now)
            barrier.wait()
            try:
                uow.commit()
                outcome["merge"] = "won"
            except ConcurrencyConflict:
                outcome["merge"] = "conflict"

    def do_edit() -> None:
        with uows(False) as uow:
            uow.orders.get(second).add_line(_spec(), now)
            barrier.wait()
            try:
                uow.commit()
                outcome["edit"] = "won"
            except ConcurrencyConflict:
                outcome["edit"] = "conflict"

    threads = [threading.Thread(target=do_merge), threading.Thread(target=do_edit)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcome.values()) == ["conflict", "won"]
    # The loser tries again, as the bus would, and is either applied or told why not.
    if outcome["merge"] == "conflict":
        bus.handle(c.MergeOrders(first=first, second=second))
        survivor = bus.handle(c.ShowOrder(code=first)).order
        assert [ln.product_code for ln in survivor.lines] == ["WIDGET", "WIDGET", "BOLT"]
    else:
        with pytest.raises(InvalidTransition, match="cancelled"):
            bus.handle(
                c.AddLine(code=second, line=c.LineInput(product="BOLT", quantity=Decimal(5)))
            )
        survivor = bus.handle(c.ShowOrder(code=first)).order
        assert [ln.product_code for ln in survivor.lines] == ["WIDGET", "WIDGET"]
    assert bus.handle(c.ShowOrder(code=second)).order.status is OrderStatus.CANCELLED


def test_merge_and_edit_through_the_bus_lose_nothing(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    pairs = [(new_order(bus), new_order(bus)) for _ in range(10)]

    def edit(code: str) -> bool:
        try:
            bus.handle(c.AddLine(code=code, line=c.LineInput(product="BOLT", quantity=Decimal(5))))
            return True
        except InvalidTransition:
            return False

    with ThreadPoolExecutor(4) as pool:
        merges = [pool.submit(bus.handle, c.MergeOrders(first=a, second=b)) for a, b in pairs]
        edits = [pool.submit(edit, b) for _, b in pairs]
        accepted = [e.result() for e in edits]
        for m in merges:
            m.result()
    for (a, _), edit_taken in zip(pairs, accepted, strict=True):
        lines = [ln.product_code for ln in bus.handle(c.ShowOrder(code=a)).order.lines]
        assert lines.count("BOLT") == (1 if edit_taken else 0)
        assert lines.count("WIDGET") == 2
