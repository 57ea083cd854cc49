"""Spreadsheet cells out of bounds are red with their limit, on every database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import bootstrap
from domain import commands as c
from domain.errors import NotFound
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


def test_a_text_cell_too_long_for_its_column_is_red_and_nothing_of_it_is_written(
    app: bootstrap.App, tmp_path: Path
) -> None:
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("2.50")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme"))
    customers = tmp_path / "clients.csv"
    customers.write_text(
        "Code client;Nom du client;Adresse;Ville\r\n"
        f"C1;{'N' * 201};1 rue;Paris\r\n"
        f"C2;Deux;{'S' * 301};Paris\r\n"
        "C3;Trois;3 rue;Paris\r\n",
        encoding="utf-8",
    )
    report = app.bus.handle(c.CheckImport(kind="customers", path=str(customers)))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    assert rows[2] == (Verdict.RED, ("Nom du client is 201 characters long; at most 200",))
    assert rows[3] == (Verdict.RED, ("Adresse is 301 characters long; at most 300",))
    assert rows[4][0] is not Verdict.RED
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    for refused in ("C1", "C2"):
        with pytest.raises(NotFound):
            app.bus.handle(c.ShowCustomer(code=refused))
    assert app.bus.handle(c.ShowCustomer(code="C3")).customer.name == "Trois"


def test_an_order_row_with_remarks_too_long_is_red_and_the_others_are_judged(
    app: bootstrap.App, tmp_path: Path
) -> None:
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("2.50")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme"))
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "Customer code;Order reference;Product;Quantity;Remarks\r\n"
        f"ACME;PO-1;P1;1;{'x' * 2001}\r\n"
        f"ACME;{'R' * 121};P1;1;\r\n"
        "ACME;PO-3;P1;2;fine\r\n",
        encoding="utf-8",
    )
    report = app.bus.handle(c.CheckImport(kind="orders", path=str(orders)))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    assert rows[2] == (Verdict.RED, ("Remarks is 2001 characters long; at most 2000",))
    assert rows[3] == (Verdict.RED, ("Order reference is 121 characters long; at most 120",))
    assert 4 not in rows  # green


def test_a_product_name_too_long_is_red(app: bootstrap.App, tmp_path: Path) -> None:
    products = tmp_path / "varer.csv"
    products.write_text(
        f"Varenummer;Navn;Enhedspris\r\nP1;{'N' * 201};1\r\nP2;Mel;2\r\n", encoding="utf-8"
    )
    report = app.bus.handle(c.CheckImport(kind="products", path=str(products)))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    assert rows[2] == (Verdict.RED, ("Navn is 201 characters long; at most 200",))
    assert 3 not in rows  # green


def test_an_ambiguous_thousand_is_red_in_the_files_language(
    app: bootstrap.App, tmp_path: Path
) -> None:
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("2.50")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme"))
    orders = tmp_path / "ordrer.csv"
    orders.write_text("Vare;Antal\r\nP1;1.000\r\nP1;1.234.567\r\n", encoding="utf-8")
    report = app.bus.handle(c.CheckImport(kind="orders", path=str(orders), customer="ACME"))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    said = "Antal: '1.000' could be 1000 or 1; write it without a thousands separator"
    assert rows == {2: (Verdict.RED, (said,))}


def test_a_line_amounting_to_more_than_a_line_may_is_red_at_the_check(
    app: bootstrap.App, tmp_path: Path
) -> None:
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("999999")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme"))
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "Customer code;Order reference;Product;Quantity;Unit price\r\n"
        "ACME;PO-1;P1;999999999999;\r\n"
        "ACME;PO-2;P1;2;1\r\n",
        encoding="utf-8",
    )
    report = app.bus.handle(c.CheckImport(kind="orders", path=str(orders)))
    rows = {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows}
    said = (
        "Quantity: 999999999999 x 999999.00 = 999998999999000001.00 EUR is more than an order "
        "line may amount to (at most 12 digits before the point)"
    )
    assert rows == {2: (Verdict.RED, (said,))}
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert len(result.orders) == 1
