"""Cells are read as forgivingly in every language: decimal commas and thousands
separators, dates written in words in English, French or Danish (`3 déc. 2026`,
`3. dec. 2026`), day-first numeric dates, and Excel serials."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.imports.columns import SheetKind, coerce_record

DAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "written",
    ["3 déc. 2026", "3 décembre 2026", "3. dec. 2026", "3. december 2026", "Dec 3, 2026",
     "3 December 2026", "03/12/2026", "3.12.2026", "3-12-2026", "2026-12-03",
     "2026-12-03 00:00:00", 46359],
)  # fmt: skip
def test_a_requested_date_in_any_language(written: str | int) -> None:
    assert coerce_record(SheetKind.ORDERS, {"requested_date": written}) == {"requested_date": DAY}


@pytest.mark.parametrize(
    ("written", "read"),
    [("12,5", Decimal("12.5")), ("1 234,50", Decimal("1234.5")),
     ("1.234,50", Decimal("1234.5")), ("1,234.50", Decimal("1234.5")),
     ("1\u202f234,5", Decimal("1234.5")), ("0,333", Decimal("0.333")), ("4", 4)],
)  # fmt: skip
def test_a_price_with_a_decimal_comma_or_point(written: str, read: Decimal | int) -> None:
    assert coerce_record(SheetKind.ORDERS, {"unit_price": written}) == {"unit_price": read}


def test_an_ambiguous_thousand_is_left_for_the_verdict_to_refuse() -> None:
    # "1,234" is a thousand in English and one point two in French: passed on as text.
    assert coerce_record(SheetKind.ORDERS, {"quantity": "1,234"}) == {"quantity": "1,234"}


@pytest.mark.parametrize("month", ["maj", "mai", "May", "okt.", "oct.", "Oct"])
def test_month_names_and_their_abbreviations(month: str) -> None:
    found = coerce_record(SheetKind.ORDERS, {"requested_date": f"3 {month} 2026"})
    assert isinstance(found["requested_date"], date)
