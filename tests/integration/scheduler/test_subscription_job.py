"""The subscription job on real databases: periods, catch-up, exactly once, crash, log."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain import commands as c
from domain.jobs.log import JobStatus
from store.tables import core as t
from tests.integration.jobs_helpers import (
    Clock,
    app_on,
    count,
    orders_of,
    run_job,
    seed,
    subscribe,
)

D = date


@pytest.fixture
def clock() -> Clock:
    clock = Clock.__new__(Clock)
    clock.on(D(2024, 1, 1))
    return clock


def daily(app, clock: Clock, start: date, end: date) -> None:  # type: ignore[no-untyped-def]
    """Run the job every day from start to end (inclusive)."""
    day = start
    while day <= end:
        clock.on(day)
        run_job(app)
        day += timedelta(days=1)


def test_monthly_from_the_31st_across_month_ends_of_a_leap_year(database_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(database_url, clock)
    try:
        seed(app)
        sub = subscribe(app, D(2024, 1, 31))
        daily(app, clock, D(2024, 1, 29), D(2024, 5, 2))
        got = orders_of(app, sub)
        assert [(i, d) for i, d, _ in got] == [
            (1, D(2024, 1, 31)),
            (2, D(2024, 2, 29)),
            (3, D(2024, 3, 31)),
            (4, D(2024, 4, 30)),
        ]
        assert [code for *_, code in got] == ["SO-00001", "SO-00002", "SO-00003", "SO-00004"]
        order = app.bus.handle(c.ShowOrder(code="SO-00002")).order
        assert (order.relation, order.parent_code, order.source) == (
            "generated-by-subscription", "SO-00001", "subscription",
        )  # fmt: skip
        assert order.status == "draft"
        assert order.delivery_address_code == "HQ"
        assert [(ln.product_code, ln.quantity, ln.unit_price) for ln in order.lines] == [
            ("COFFEE", Decimal(2), Decimal("12.50"))
        ]
        assert order.totals.gross == Decimal("30.00")
        assert [s.number for s in order.shipments] == [1]
        sub_row = app.bus.handle(c.ListSubscriptions()).items[0]
        assert (sub_row.iteration, sub_row.last_order_date) == (4, D(2024, 4, 30))
    finally:
        app.engine.dispose()


def test_quarterly_and_yearly_and_the_end_date(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        quarterly = subscribe(app, D(2023, 11, 30), "quarterly", end_date=D(2024, 8, 30))
        yearly = subscribe(app, D(2023, 2, 28), "yearly")
        leap = subscribe(app, D(2024, 2, 29), "yearly")
        for day in (D(2023, 11, 30), D(2024, 2, 29), D(2024, 5, 30), D(2024, 8, 30)):
            clock.on(day)
            run_job(app)
        for day in (D(2023, 2, 28), D(2025, 2, 28), D(2025, 3, 1)):
            clock.on(day)
            run_job(app)
        assert [d for _, d, _ in orders_of(app, quarterly)] == [
            D(2023, 11, 30), D(2024, 2, 29), D(2024, 5, 30), D(2024, 8, 30),
        ]  # fmt: skip
        assert [d for _, d, _ in orders_of(app, yearly)] == [
            D(2023, 2, 28), D(2024, 2, 28), D(2025, 2, 28),
        ]  # fmt: skip
        assert [d for _, d, _ in orders_of(app, leap)] == [D(2024, 2, 29), D(2025, 2, 28)]
        subs = {s.id: s for s in app.bus.handle(c.ListSubscriptions()).items}
        assert (subs[quarterly].status, subs[quarterly].ended_on) == ("ended", D(2025, 2, 28))
        assert subs[yearly].status == "active"
    finally:
        app.engine.dispose()


@pytest.mark.parametrize(
    ("policy", "iterations", "skipped"), [("all", [1, 2, 3, 4], []), ("latest", [1, 4], [2, 3])]
)
def test_catch_up_after_three_missed_periods(
    sqlite_url, clock, policy, iterations, skipped
) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        sub = subscribe(app, D(2024, 1, 15), catch_up=policy)
        clock.on(D(2024, 1, 15))
        run_job(app)
        clock.on(D(2024, 4, 20))  # Feb 15, Mar 15 and Apr 15 were missed
        run = run_job(app)
        assert [i for i, _, _ in orders_of(app, sub)] == iterations
        state = app.bus.handle(c.ListSubscriptions()).items[0]
        assert (state.iteration, list(state.skipped)) == (4, skipped)
        assert (run.processed, run.orders_created) == (1, len(iterations) - 1)
        assert run_job(app).orders_created == 0  # again the same day: nothing twice
        assert len(orders_of(app, sub)) == len(iterations)
    finally:
        app.engine.dispose()


def test_pause_and_resume_skip_what_fell_due_meanwhile(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        sub = subscribe(app, D(2024, 1, 10))
        clock.on(D(2024, 1, 10))
        run_job(app)
        clock.on(D(2024, 1, 20))
        app.bus.handle(c.PauseSubscription(subscription_id=sub))
        clock.on(D(2024, 3, 5))
        assert run_job(app).orders_created == 0  # paused: Feb 10 is not ordered
        app.bus.handle(c.ResumeSubscription(subscription_id=sub))
        clock.on(D(2024, 3, 10))
        run_job(app)
        assert [i for i, _, _ in orders_of(app, sub)] == [1, 3]
    finally:
        app.engine.dispose()


def test_the_product_frequency_rule_and_an_inactive_product(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        with pytest.raises(Exception, match="TEA cannot be ordered quarterly"):
            subscribe(app, D(2024, 1, 1), "quarterly", lines=(("TEA", Decimal(1)),))
        good = subscribe(app, D(2024, 1, 1))
        bad = subscribe(app, D(2024, 1, 1), lines=(("TEA", Decimal(1)),))
        with app.engine.begin() as conn:
            conn.execute(t.products.update().where(t.products.c.code == "TEA").values(active=False))
        clock.on(D(2024, 1, 1))
        run = run_job(app)
        # An inactive product skips the period with its reason, noted in the log (it
        # was an error retried every run, with the period left due, before).
        assert run.status == JobStatus.SUCCEEDED
        assert run.errors == []
        assert run.notes == [
            f"subscription {bad} (ACME0): period 1 (2024-01-01) skipped: product TEA is inactive"
        ]
        assert [i for i, _, _ in orders_of(app, good)] == [1]
        assert orders_of(app, bad) == []
        assert app.bus.handle(c.ListSubscriptions()).items[1].skipped == [1]
        assert count(app, t.orders) == 1
        with app.engine.connect() as conn:  # the unused code went back: no gap
            assert conn.execute(t.counters.select().where(t.counters.c.name == "SO")).one()[1] == 1
    finally:
        app.engine.dispose()


def test_confirmed_orders_by_setting(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock, subscription_orders_confirmed=True)
    try:
        seed(app)
        subscribe(app, D(2024, 1, 1))
        clock.on(D(2024, 1, 1))
        run_job(app)
        order = app.bus.handle(c.ShowOrder(code="SO-00001")).order
        assert order.status == "confirmed"
        assert [n.status for n in order.pending_notifications()] == ["confirmed"]
        assert [e.kind for e in order.timeline] == ["created", "order_confirmed"]
    finally:
        app.engine.dispose()


def test_job_killed_after_three_of_ten_then_finished_by_the_next_run(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        for n in range(10):
            subscribe(app, D(2024, 1, 1) + timedelta(days=n))
        clock.on(D(2024, 1, 15))
        worker = subprocess.run(
            [sys.executable, "-m", "tests.integration.jobs_helpers", sqlite_url, "3",
             clock.now.isoformat()],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        assert worker.returncode == -9, worker.stderr.decode()
        assert count(app, t.orders) == 3
        run = run_job(app)
        assert count(app, t.orders) == 10
        runs = app.bus.handle(c.ListJobRuns()).runs
        assert [(r.status, r.orders_created) for r in runs] == [
            (JobStatus.SUCCEEDED, 7),
            (JobStatus.FAILED, 3),
        ]
        assert runs[1].errors == ["the process stopped during the run"]
        assert run.id == runs[0].id
        assert run_job(app).orders_created == 0
        assert count(app, t.orders) == 10
    finally:
        app.engine.dispose()


def test_the_job_on_every_fire_time_across_paris_dst_orders_each_period_once(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from scheduler.triggers import WallClockCronTrigger, fire_times, parse_cron

    paris = ZoneInfo("Europe/Paris")
    clock = Clock.__new__(Clock)
    clock.on(D(2026, 10, 1))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        sub = subscribe(app, D(2026, 9, 25))
        daily_sub = [subscribe(app, D(2026, 10, 24) + timedelta(days=n)) for n in range(3)]
        trig = WallClockCronTrigger(parse_cron("30 2 * * *", paris), paris)
        start = datetime_at(2026, 10, 23, paris)
        for fire in fire_times(trig, start, start + timedelta(days=4)):
            clock.now = fire
            run_job(app)
        assert [d for _, d, _ in orders_of(app, sub)] == [D(2026, 9, 25), D(2026, 10, 25)]
        assert [len(orders_of(app, s)) for s in daily_sub] == [1, 1, 1]
        assert len(app.bus.handle(c.ListJobRuns()).runs) == 4  # one run per day
    finally:
        app.engine.dispose()


def datetime_at(year: int, month: int, day: int, zone) -> object:  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(year, month, day, tzinfo=zone)
