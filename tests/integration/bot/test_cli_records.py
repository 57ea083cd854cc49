"""`orderbot invoice|workorder|return list|show` on the command line, as text and JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import bootstrap
import main
from domain import commands as c
from settings import Settings

D = Decimal


def test_records_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    app = bootstrap.build(Settings(database_url=url, _env_file=None))
    bus = app.bus
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("10.00")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    line = c.LineInput(product="WIDGET", quantity=D(3))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), confirm=True, payment_terms="Net 15"))
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    bus.handle(c.VoidInvoice(code="INV-00001"))
    bus.handle(c.CreateWorkOrders(code="SO-00001", scope="all"))
    app.engine.dispose()

    assert main.main(["invoice", "list", "ACME", "--status", "void"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Invoices of ACME (void):"
    assert out[1].split()[:4] == ["INV-00001", "SO-00001", "ACME", "void"]
    assert main.main(["invoice", "show", "INV-00001", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["code"], shown["status"], shown["terms"], shown["gross"]) == (
        "INV-00001", "void", "Net 15", "30.00",
    )  # fmt: skip
    assert [n["code"] for n in shown["credit_notes"]] == ["CN-00001"]
    assert main.main(["invoice", "credits", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["order_code"], row["record"]["code"], row["record"]["invoice_code"]) == (
        "SO-00001", "CN-00001", "INV-00001",
    )  # fmt: skip
    assert main.main(["workorder", "show", "WO-00001"]) == 0
    assert capsys.readouterr().out.startswith("WO-00001 · work order of SO-00001")
    assert main.main(["return", "list", "--status", "lost"]) == 1
    assert "'lost' is not a status of returns" in capsys.readouterr().err
    assert main.main(["order", "show", "SO-00001", "--json"]) == 0
    order = json.loads(capsys.readouterr().out)
    assert (order["related_orders"], order["credit_notes"][0]["code"]) == ([], "CN-00001")
