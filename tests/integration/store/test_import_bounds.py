"""Spreadsheet cells out of bounds are red with their limit, on every database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import bootstrap
from domain import commands as c
from domain.imports.sessions import Verdict

DIGITS = "at most 12 digits before the point and 6 after"


def test_a_huge_quantity_or_price_cell_is_red_with_its_limit(
    app: bootstrap.App, tmp_path: Path
) -> None:
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("2.50")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme"))
    path = tmp_path / "o.csv"
    path.write_text(
        "Product;Quantity;Unit price\r\n"
        "P1;99999999999999999999999999999;\r\n"
        "P1;1e999999;\r\n"
        "P1;2;0.0000001\r\n"
        "P1;3;\r\n",
        encoding="utf-8",
    )
    report = app.bus.handle(c.CheckImport(kind="orders", path=str(path), customer="ACME"))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    big = "99999999999999999999999999999"
    assert rows[2] == (Verdict.RED, (f"Quantity {big} is out of bounds: {DIGITS}",))
    assert rows[3] == (Verdict.RED, ("Quantity: '1e999999' is not a positive number",))
    assert set(rows) == {2, 3, 4}  # the fourth row is green
    assert rows[4] == (Verdict.RED, (f"Unit price 1e-7 is out of bounds: {DIGITS}",))
