"""The column-by-column customer cleaner answers exactly as the cell readers, row by row."""

from __future__ import annotations

from datetime import date

from domain.imports import Cleaned
from domain.imports_clean import CustomerCleaner
from domain.imports_values import as_text, code, country, email, vat_number, yes_no
from domain.sheetcolumns import CUSTOMER_COLUMNS, CellValue
from store.normalisers import ReferenceNormalisers

NORM = ReferenceNormalisers()
LABELS = {column.key: column.en for column in CUSTOMER_COLUMNS}


def _reference(record: dict[str, CellValue]) -> Cleaned:
    """One row through the readers, one call per cell (what the cleaner must equal)."""
    out = Cleaned({})
    v, get, label = out.values, record.get, LABELS
    v["customer_code"] = code(get("customer_code"), label["customer_code"], out)
    if get("customer_code") is None:
        out.problems.append(f"{label['customer_code']}: missing")
    v["customer_name"] = as_text(get("customer_name"))
    v["vat_number"] = vat_number(get("vat_number"), label["vat_number"], out, NORM)
    v["address_code"] = code(get("address_code"), label["address_code"], out)
    for key in ("address_name", "address", "city", "postal_code", "state", "contact_name",
                "contact_phone"):  # fmt: skip
        v[key] = as_text(get(key))
    v["country"] = country(get("country"), label["country"], out, NORM)
    v["contact_email"] = email(get("contact_email"), label["contact_email"], out, NORM)
    v["default_address"] = yes_no(get("default_address"), label["default_address"], out)
    v["default_contact"] = yes_no(get("default_contact"), label["default_contact"], out)
    return out


RECORDS: list[dict[str, CellValue]] = [
    {"customer_code": "C1", "customer_name": "Un", "vat_number": "FR40303265045",
     "country": "FR", "contact_email": "a@b.example", "default_address": "Yes"},
    {"customer_code": "C 2", "vat_number": "fr40 303 265 045", "country": "France",
     "contact_email": "A@B.EXAMPLE", "default_address": "oui", "postal_code": 69001},
    {"customer_name": "No code", "vat_number": "FR40303265046", "country": "Mordor",
     "contact_email": "nope", "default_address": True, "default_contact": 1},
    {"customer_code": "C1", "vat_number": "FR40303265045", "country": "FR",
     "contact_email": "a@b.example", "default_address": "Yes", "default_contact": 1.0},
    {"customer_code": "C3", "vat_number": "CHE123", "country": "fr", "default_contact": 0,
     "address_code": "HQ", "city": date(2025, 1, 2), "state": 2.5, "default_address": "x"},
    {"customer_code": "C4", "vat_number": "FR40303265046", "country": "France",
     "contact_email": "A@B.EXAMPLE", "default_address": "oui", "default_contact": True},
]  # fmt: skip


def test_columns_answer_as_the_readers_do_row_by_row() -> None:
    cleaner = CustomerCleaner(LABELS, NORM)
    columns: dict[str, list[CellValue]] = {
        key: [record.get(key) for record in RECORDS] for record in RECORDS for key in record
    }
    rows = cleaner.rows(list(range(2, 2 + len(RECORDS))), [[]] * len(RECORDS), columns)
    expected = [_reference(record) for record in RECORDS]
    assert [(r.values, list(r.notes), list(r.problems)) for r in rows] == [
        (e.values, e.notes, e.problems) for e in expected
    ]
    keys = [column.key for column in CUSTOMER_COLUMNS]
    assert [list(r.values) for r in rows] == [keys] * len(RECORDS)
    # Equal is not enough (True == 1): the types must be the readers' too.
    assert [[type(v) for v in r.values.values()] for r in rows] == [
        [type(e.values[k]) for k in keys] for e in expected
    ]
