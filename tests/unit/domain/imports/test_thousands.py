"""A number with one separator followed by three digits is a thousand in one language and
a fraction in another ("1.000" is a thousand in Danish, one in English; "1,234" the other
way round): such a cell is refused, saying both readings, never silently read as the
smaller one. A separator repeated between groups of three is a thousands separator in
every language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.imports.columns import SheetKind, coerce_record
from domain.imports.sessions import Cleaned
from domain.imports.values import number
from l10n.translation import render


@pytest.mark.parametrize("written", ["1.000", "1,234", "12.500", "-2.000"])
def test_one_separator_before_three_digits_is_left_for_the_verdict(written: str) -> None:
    assert coerce_record(SheetKind.ORDERS, {"quantity": written}) == {"quantity": written}


@pytest.mark.parametrize(
    ("written", "read"),
    [("1.234.567", 1234567), ("1,234,567", 1234567), ("1.234.567,5", Decimal("1234567.5")),
     ("0.250", Decimal("0.25")), ("0,250", Decimal("0.25")), ("1.5", Decimal("1.5")),
     ("12.50", Decimal("12.5")), ("1.2345", Decimal("1.2345"))],
)  # fmt: skip
def test_unambiguous_numbers_are_read(written: str, read: Decimal | int) -> None:
    assert coerce_record(SheetKind.ORDERS, {"quantity": written}) == {"quantity": read}


def test_the_refusal_names_the_column_and_both_readings_in_the_files_language() -> None:
    out = Cleaned(values={})
    assert number("1.000", "Antal", out, positive=True) is None
    (problem,) = out.problems
    assert str(problem) == (
        "Antal: '1.000' could be 1000 or 1; write it without a thousands separator"
    )
    assert "1000" in render(problem, "da")
    assert "Antal" in render(problem, "da")
    assert "could" not in render(problem, "da")
    assert "could" not in render(problem, "fr")
