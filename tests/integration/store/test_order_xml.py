"""Order-X and UBL orders read as order sheets by the SheetFiles port, and what is refused:
a PDF without order XML, an invoice, an order change, a DOCTYPE."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from domain.imports.columns import SheetKind
from store.imports.files import SheetFileStore
from store.sheets.guard import SheetLimits, SheetRefused
from tests.integration.order_documents import Ordered, order_x_pdf, order_x_xml, pdf_of, ubl_order

LINES = [
    Ordered("WIDGET-A", Decimal(4), Decimal("11.00")),
    Ordered(None, Decimal("2.5"), Decimal("3.99"), buyer_id="GADGET"),
]
FILES = SheetFileStore(SheetLimits())


def _read(tmp_path: Path, name: str, data: bytes) -> list[dict[str, object]]:
    path = tmp_path / name
    path.write_bytes(data)
    sheet = FILES.read(str(path), SheetKind.ORDERS)
    return [record for _, _, record in sheet.records(0, len(sheet))]


@pytest.mark.parametrize("kind", ["order-x pdf", "order-x xml", "ubl"])
def test_each_format_reads_as_the_same_rows(tmp_path: Path, kind: str) -> None:
    wanted = date(2026, 4, 15)
    make = {"order-x pdf": order_x_pdf, "order-x xml": order_x_xml, "ubl": ubl_order}[kind]
    rows = _read(tmp_path, "po.bin", make("PO-1", LINES, ship_to="DEPOT", wanted=wanted))
    assert [(r["product"], r["quantity"], r["unit_price"]) for r in rows] == [
        ("WIDGET-A", Decimal(4), Decimal("11.00")), ("GADGET", Decimal("2.5"), Decimal("3.99")),
    ]  # fmt: skip
    assert {(r["order_reference"], r["delivery_address"], r["requested_date"]) for r in rows} == {
        ("PO-1", "DEPOT", wanted)
    }


REFUSED = {
    "a scanned PDF": (lambda: pdf_of("<p>4 x WIDGET-A</p>"), "order_xml.pdf_without_xml"),
    "an order change": (
        lambda: order_x_xml("PO-1", LINES).replace(b">220<", b">230<"),
        "order_xml.not_new_order",
    ),
    "an invoice": (
        lambda: b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
        "order_xml.invoice",
    ),
    "a DOCTYPE": (
        lambda: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        "order_xml.doctype",
    ),
    "another XML": (lambda: b"<catalogue/>", "order_xml.unknown"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_what_is_not_an_order_is_refused(tmp_path: Path, name: str) -> None:
    make, code = REFUSED[name]
    with pytest.raises(SheetRefused) as refused:
        _read(tmp_path, "file.xml", make())
    assert refused.value.code == code
