"""The column-by-column customer cleaner answers exactly as the cell readers, row by row."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.customers.identity import judge_email
from domain.imports.clean import CustomerCleaner
from domain.imports.columns import CUSTOMER_COLUMNS, CellValue
from domain.imports.sessions import Cleaned
from domain.imports.values import (
    as_text,
    code,
    country,
    email,
    phone,
    postal_code,
    vat_number,
    yes_no,
)
from store.identity.normalisers import ReferenceNormalisers

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
    v["vat_number"] = vat_number(get("vat_number"), label["vat_number"], out)
    v["address_code"] = code(get("address_code"), label["address_code"], out)
    for key in ("address_name", "address", "city"):
        v[key] = as_text(get(key))
    v["postal_code"] = postal_code(get("postal_code"), label["postal_code"], out)
    v["state"] = as_text(get("state"))
    v["country"] = country(get("country"), label["country"], out)
    v["contact_name"] = as_text(get("contact_name"))
    region = v["country"] if isinstance(v["country"], str) else None
    v["contact_phone"] = phone(get("contact_phone"), label["contact_phone"], out, region)
    v["contact_email"] = email(get("contact_email"), label["contact_email"], out)
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
    {"customer_code": "C5", "country": "FR", "contact_phone": "01 42 68 53 00",
     "postal_code": " 01000 ", "contact_email": "x@localhost"},
    {"customer_code": "C6", "contact_phone": "01 42 68 53 00", "postal_code": "x" * 21},
    {"customer_code": "C7", "country": "Allemagne", "contact_phone": "+33 1 42 68 53 00"},
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


# A whole column is taken at once when every cell passes a test made for the column; the
# answers must be those of the readers whether or not the test lets it through.
GOOD: dict[str, list[CellValue]] = {
    "customer_code": ["C1", "007", "A-1", "Ü9"],
    "vat_number": ["FR40303265045", "DE136695976", "CHE123", None],
    "address_code": ["HQ", "MAIN", None],
    "postal_code": ["75001", "01000", "SW1A 1AA", None],
    "country": ["FR", "DE", None],
    "contact_phone": ["+33 1 42 68 53 00", "+49 30 1234567", None],
    "contact_email": ["a@b.example", "Zoé.L@exemple.fr", "x+y@a-b.co.uk", "a@b.test", None],
    "default_address": ["Yes", "No", "Oui", "Non", None],
    "default_contact": ["Yes", "Non", None],
}
BAD: dict[str, list[CellValue]] = {
    "customer_code": ["C 2", None, 12, 2.0, "C\u00a0N"],
    "vat_number": ["fr40303265045", "FR 40 303 265 045", "FR40303265046", 123],
    "address_code": ["H Q", 3],
    "postal_code": [" 75001", "SW1A  1AA", "x" * 21, 1000, "a\tb"],
    "country": ["France", "fr", "Mordor"],
    "contact_phone": ["01 42 68 53 00", "abc", "+33142685300", 33142685300, "+33 1"],
    "contact_email": ["A@B.EXAMPLE", "a@Mail.example", "nope", "a@b", "x@y.localhost",
                      "a@-b.fr", "a.-b@c.fr", "a@xn--mller-kva.de", "x" * 65 + "@b.fr",
                      "a@b.fr\nc@d.fr", 7],
    "default_address": ["oui", "x", True, 1, 0.0],
    "default_contact": ["YES", False],
}  # fmt: skip


@st.composite
def _columns(draw: st.DrawFn) -> dict[str, list[CellValue]]:
    count = draw(st.integers(1, 6))
    columns: dict[str, list[CellValue]] = {}
    for key, good in GOOD.items():
        pool = good if draw(st.booleans()) else good + BAD[key]
        columns[key] = draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count))
    return columns


@settings(max_examples=300, deadline=None)
@given(_columns())
def test_whole_columns_answer_as_the_readers_do(columns: dict[str, list[CellValue]]) -> None:
    count = len(columns["customer_code"])
    rows = CustomerCleaner(LABELS, NORM).rows(list(range(count)), [[]] * count, columns)
    records = [{key: column[i] for key, column in columns.items()} for i in range(count)]
    expected = [_reference(record) for record in records]
    assert [(r.values, list(r.notes), list(r.problems)) for r in rows] == [
        (e.values, e.notes, e.problems) for e in expected
    ]
    assert [[type(v) for v in r.values.values()] for r in rows] == [
        [type(e.values[k]) for k in r.values] for r, e in zip(rows, expected, strict=True)
    ]


@given(st.lists(st.from_regex(r"[A-Za-z0-9.+_-]{1,12}@[A-Za-z0-9.-]{1,14}", fullmatch=True),
                min_size=1, max_size=5))  # fmt: skip
def test_addresses_taken_as_written_are_those_email_gives_back(texts: list[str]) -> None:
    if NORM.emails_as_written(texts):
        assert [judge_email(text) for text in texts] == texts


@pytest.mark.parametrize(
    ("key", "bad"), [(key, value) for key, values in BAD.items() for value in values]
)
def test_one_cell_a_column_test_must_turn_down(key: str, bad: CellValue) -> None:
    # Alone, or among cells the column's test takes: the readers' answer either way.
    for column in ([bad], [*GOOD[key][:2], bad]):
        count = len(column)
        columns = {"customer_code": ["C1"] * count, key: column}
        rows = CustomerCleaner(LABELS, NORM).rows(list(range(count)), [[]] * count, columns)
        records = [{"customer_code": "C1", key: value} for value in column]
        assert [(r.values, list(r.notes), list(r.problems)) for r in rows] == [
            (e.values, e.notes, e.problems) for e in map(_reference, records)
        ]
