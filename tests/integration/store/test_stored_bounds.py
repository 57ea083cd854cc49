"""`orderbot db upgrade` reports numbers stored out of bounds before the bounds existed,
naming the order, the line and the field, and changes none of them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.console import Console
from store import stored_bounds
from store.tables.core import order_lines, orders
from tests.integration.conftest import AppFactory

DIGITS = "at most 12 digits before the point and 6 after"
CENTS = "at most 12 digits before the point and 2 after"


def test_db_upgrade_reports_values_out_of_bounds_and_leaves_them(
    database_url: str, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import main

    app = make_app(database_url)
    console = Console(app.bus.handle, lambda: date(2026, 11, 23))
    for line in [
        "product new WIDGET Widget 2",
        "product new GADGET Gadget 3",
        "customer new BETA Beta",
        "order new BETA WIDGET 1",
        "order new BETA WIDGET 2, GADGET 3",
        "order new BETA WIDGET 4",
    ]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    assert stored_bounds.out_of_bounds(app.engine) == []
    # What an older orderbot let in: a million digits on SQLite, the widest NUMERIC(20, 6)
    # holds on PostgreSQL; a thousandth of a cent; a discount of 150%.
    sqlite = app.engine.dialect.name == "sqlite"
    huge = "1E+999999" if sqlite else "99999999999999.999999"
    shown = "1" + "0" * 19 + "…(1,000,000 characters)" if sqlite else huge
    with app.engine.begin() as conn:
        ids = dict(conn.execute(select(orders.c.code, orders.c.id)).all())
        second = order_lines.c.order_id == ids["SO-00002"]
        conn.execute(update(order_lines).where(second).where(order_lines.c.line_no == 2)
                     .values(quantity=huge))  # fmt: skip
        conn.execute(update(orders).where(orders.c.code == "SO-00001")
                     .values(shipping_charges="0.001", discount_value="150"))  # fmt: skip
    monkeypatch.setattr(stored_bounds, "PAGE", 1)  # every row on its own page
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main.main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 values were stored out of bounds before orderbot had bounds")
    assert out[1:4] == [
        "  SO-00001: discount 150 is out of bounds: between 0 and 100 with at most 2 decimals",
        f"  SO-00001: shipping 0.001 is out of bounds: {CENTS}",
        f"  SO-00002 line 2: quantity {shown} is out of bounds: {DIGITS}",
    ]
    assert out[4].startswith("Correct or cancel these orders")
    assert out[-1] == "database is at the newest schema"
    with app.engine.connect() as conn:  # reported, not changed
        assert conn.execute(select(orders.c.shipping_charges).where(orders.c.id == ids["SO-00001"])
                            ).scalar_one().normalize() == Decimal("0.001")  # fmt: skip
