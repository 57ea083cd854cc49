"""Values out of bounds are refused at the console on every database, and a value stored
out of bounds before the bounds existed never stops a list, a card or a cancel."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

import bootstrap
from bot.console import Console
from store.tables.core import order_lines

TODAY = date(2026, 11, 23)
DIGITS = "at most 12 digits before the point and 6 after"
CENTS = "at most 12 digits before the point and 2 after."
AMOUNTS = "(at most 12 digits before the point)."


def _console(app: bootstrap.App) -> Console:
    console = Console(app.bus.handle, lambda: TODAY)
    for line in ["product new WIDGET Widget 2", "customer new BETA Beta"]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    return console


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        (
            "order new BETA WIDGET 1e999999",
            f"Refused: quantity 1e+999999 is out of bounds: {DIGITS}.",
        ),
        ("order new BETA WIDGET 1e30", f"Refused: quantity 1e+30 is out of bounds: {DIGITS}."),
        (
            "order new BETA WIDGET 0.000000001",
            f"Refused: quantity 1e-9 is out of bounds: {DIGITS}.",
        ),
        (
            "order new BETA WIDGET " + "9" * 26,
            f"Refused: quantity {'9' * 26} is out of bounds: {DIGITS}.",
        ),
        (
            "order new BETA WIDGET 1 ref:" + "R" * 200,
            "Refused: reference is 200 characters long; at most 120.",
        ),
        ("customer new LONGC " + "N" * 400, "Refused: name is 400 characters long; at most 200."),
        ("order new BETA WIDGET 1 @1e20", "Refused: price 1e+20 is out of bounds: " + DIGITS + "."),
        (
            "order new BETA WIDGET 999999999999 @999999",
            "Refused: line 1: 999,999,999,999 x €999,999.00 = €999,998,999,999,000,001.00 is "
            "more than an order line may amount to " + AMOUNTS,
        ),
        (
            "order new BETA WIDGET 1 shipping:999999999999",
            "Refused: total: SO-00001 would amount to €1,000,000,000,001.00, more than an order "
            "may amount to " + AMOUNTS,
        ),
        (
            "order new BETA WIDGET 1 shipping:0.001",
            "Refused: shipping 0.001 is out of bounds: " + CENTS,
        ),
    ],
)
def test_a_value_out_of_bounds_is_refused_with_its_limit_and_nothing_is_written(
    app: bootstrap.App, line: str, answer: str
) -> None:
    console = _console(app)
    assert console.answer(line).split("\nForm:")[0] == answer
    assert console.answer("order list") == "Orders: none."
    assert console.answer("customer show LONGC") == "Refused: No customer LONGC."


def test_the_largest_values_in_bounds_are_kept_exactly(app: bootstrap.App) -> None:
    console = _console(app)
    created = console.answer("order new BETA WIDGET 999999999999.999999 @0.000001")
    assert created.startswith("Created SO-00001."), created
    assert "999,999,999,999.999999" in console.answer("order show SO-00001")


def test_a_value_stored_out_of_bounds_before_never_stops_list_show_or_cancel(
    app: bootstrap.App,
) -> None:
    console = _console(app)
    assert console.answer("order new BETA WIDGET 2").startswith("Created SO-00001.")
    # What an older orderbot let in: a million digits on SQLite, the widest NUMERIC(20, 6)
    # could hold on PostgreSQL.
    huge = "1E+999999" if app.engine.dialect.name == "sqlite" else "99999999999999.999999"
    with app.engine.begin() as conn:
        conn.execute(update(order_lines).values(quantity=huge))
    poisoned = app.engine.dialect.name == "sqlite"  # PostgreSQL's column kept it computable
    listed = console.answer("order list")
    assert "SO-00001" in listed
    assert ("out of range" in listed) is poisoned
    shown = console.answer("order show SO-00001")
    assert shown.startswith("SO-00001")
    assert ("out of range" in shown) is poisoned
    assert console.answer("order list BETA").count("SO-00001") == 1
    cancelled = console.answer("order cancel SO-00001")
    assert not cancelled.startswith("Refused"), cancelled
    assert "cancelled" in console.answer("order show SO-00001")


def test_a_line_or_a_charge_that_makes_the_total_too_large_is_refused(
    app: bootstrap.App,
) -> None:
    console = _console(app)
    assert console.answer("order new BETA WIDGET 999999999999 @0.9").startswith("Created")
    added = console.answer("order add SO-00001 WIDGET 999999999999 @0.9")
    assert added.split("\nForm:")[0] == (
        "Refused: total: SO-00001 would amount to €1,799,999,999,998.20, more than an order "
        "may amount to " + AMOUNTS
    )
    assert "line 2" not in console.answer("order show SO-00001").lower()
