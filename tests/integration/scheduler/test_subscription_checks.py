"""Subscriptions re-checked when their product changes, on SQLite: `/product set` tells
the rep which subscriptions it stops, the job skips their periods with the reason in the
log (`/jobs show`), and orders again once the product allows them; with subscriptions
switched off the run is logged as skipped with the periods due; periods skipped while
paused read as skipped, not done."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.console import Console
from domain import commands as c
from domain.jobs.log import JobStatus
from tests.integration.jobs_helpers import Clock, app_on, orders_of, run_job, seed, subscribe

D = date


def _clock(day: date) -> Clock:
    clock = Clock.__new__(Clock)
    clock.on(day)
    return clock


def test_a_product_change_stops_its_subscriptions_until_it_allows_them_again(
    sqlite_url: str,
) -> None:
    clock = _clock(D(2024, 1, 1))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        coffee = subscribe(app, D(2024, 1, 1))
        tea = subscribe(app, D(2024, 1, 1), lines=(("TEA", Decimal(1)),))
        console = Console(app.bus.handle, lambda: clock().date())
        answer = console.answer("product set COFFEE every:quarterly,yearly")
        assert answer.splitlines()[:3] == [
            "Product COFFEE: subscriptions monthly,quarterly,yearly -> quarterly,yearly.",
            "COFFEE       Coffee  €12.50 VAT20 every quarterly,yearly",
            (
                f"  ⚠ Subscription {coffee} of ACME0 (monthly): product COFFEE no longer allows "
                "monthly (it allows quarterly, yearly); the job will skip its periods until the "
                f"product allows it again (or end it: /sub end {coffee})."
            ),
        ]
        run = run_job(app)
        assert (run.status, run.orders_created) == (JobStatus.SUCCEEDED, 1)
        assert run.notes == [
            (
                f"subscription {coffee} (ACME0): period 1 (2024-01-01) skipped: product COFFEE "
                "no longer allows monthly (it allows quarterly, yearly)"
            )
        ]
        shown = console.answer(f"jobs show {run.id}")
        assert "· 1 note" in shown.splitlines()[0]
        assert shown.splitlines()[1:] == [
            f"  finished: {shown.splitlines()[1].split(': ', 1)[1]}",
            "  No errors.",
            "  Notes:",
            f"    - {run.notes[0]}",
        ]
        assert console.answer("product set COFFEE every:all").startswith(
            "Product COFFEE: subscriptions quarterly,yearly -> monthly,quarterly,yearly.\n"
        )
        clock.on(D(2024, 2, 1))
        assert run_job(app).notes == []
        assert [i for i, _, _ in orders_of(app, coffee)] == [2]
        assert [i for i, _, _ in orders_of(app, tea)] == [1, 2]
        listed = console.answer("sub list")
        assert f"#{coffee} ACME0 active monthly" in listed
        assert "1 period ordered, period 1 skipped" in listed
    finally:
        app.engine.dispose()


def test_switched_off_the_job_logs_a_skipped_run_with_the_periods_due(sqlite_url: str) -> None:
    clock = _clock(D(2024, 1, 1))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        subscribe(app, D(2024, 1, 1))
        subscribe(app, D(2023, 12, 1), lines=(("TEA", Decimal(1)),))  # two periods due
    finally:
        app.engine.dispose()
    off = app_on(sqlite_url, clock, subscriptions_enabled=False)
    try:
        view = off.bus.handle(c.RunJob(name="subscriptions", actor="test", manager=True))
        assert view.run.status == JobStatus.SKIPPED
        assert view.run.notes == ["subscriptions are switched off (3 due)"]
        assert str(view.note) == (
            f"Run {view.run.id} of subscriptions skipped: subscriptions are switched off (3 due)."
        )
        console = Console(off.bus.handle, lambda: clock().date())
        assert "subscriptions skipped: subscriptions are switched off (3 due)" in (
            console.answer("jobs list")
        )
        assert orders_of(off, 1) == []
    finally:
        off.engine.dispose()


def test_jobs_show_on_the_command_line(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import main

    clock = _clock(D(2024, 1, 1))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        subscribe(app, D(2024, 1, 1), lines=(("TEA", Decimal(1)),))
        app.bus.handle(c.SetProduct(code="TEA", active=False))
        run = run_job(app)
    finally:
        app.engine.dispose()
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    assert main.main(["jobs", "show", str(run.id)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(f"#{run.id} subscriptions succeeded ")
    assert printed[-2:] == [
        "  Notes:",
        "    - subscription 1 (ACME0): period 1 (2024-01-01) skipped: product TEA is inactive",
    ]
    assert main.main(["jobs", "show", str(run.id), "--json"]) == 0
    assert '"notes": [' in capsys.readouterr().out


def test_periods_skipped_while_paused_read_as_skipped(sqlite_url: str) -> None:
    clock = _clock(D(2024, 1, 1))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        sub = subscribe(app, D(2024, 1, 10))
        app.bus.handle(c.PauseSubscription(subscription_id=sub))
        clock.on(D(2024, 4, 20))  # Jan, Feb, Mar and Apr 10 passed while paused
        view = app.bus.handle(c.ResumeSubscription(subscription_id=sub))
        console = Console(app.bus.handle, lambda: clock().date())
        line = console.answer("sub list").splitlines()[1]
        assert "no period ordered, periods 1-4 skipped · next 2024-05-10" in line
        assert "period 4 done" not in line
        assert view.subscription.iteration == 4
    finally:
        app.engine.dispose()
