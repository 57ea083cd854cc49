"""A products sheet's opening stock column (English, French or Danish header) sets what is
on hand in the default warehouse, as a movement; below zero is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import bootstrap
from domain import commands as c
from domain.imports.sessions import Verdict
from tests.integration.store.test_imports import _by_row, _check, _csv


@pytest.mark.parametrize(
    "header",
    [
        "Product code,Name,Unit price,Opening stock",
        "Code produit,Nom,Prix unitaire,Stock initial",
        "Varenummer,Varenavn,Enhedspris,Lagerbeholdning",
    ],
)
def test_opening_stock_from_a_products_sheet(
    app: bootstrap.App, tmp_path: Path, header: str
) -> None:
    lines = [header, "P1,Flour,2.50,40", "P2,Salt,1,", "P3,Pepper,4,-2"]
    report = _check(app, _csv(tmp_path, lines), "products", actor="U7")
    rows = _by_row(report)
    assert rows[4][0] is Verdict.RED
    assert rows[4][1][0].endswith(": -2 is not zero or more")
    app.bus.handle(c.ConfirmImport(session_id=report.session_id, actor="U7"))
    flour = app.bus.handle(c.ShowStock(product="P1"))
    assert [(lv.warehouse, lv.on_hand, lv.reserved) for lv in flour.levels] == [
        ("MAIN", Decimal(40), Decimal(0))
    ]
    assert [(m.kind, m.quantity, m.reason, m.actor) for m in flour.movements] == [
        ("opening", Decimal(40), "opening stock (import)", "U7")
    ]
    assert app.bus.handle(c.ShowStock(product="P2")).levels == ()
