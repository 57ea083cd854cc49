"""The numbering rule: styles, their bounds, and order codes typed by hand."""

from __future__ import annotations

import pytest

from domain.errors import ValidationFailed
from domain.numbering import DocumentKind, Numbering, NumberStyle, typed_order_code


def test_the_default_styles_are_todays_codes() -> None:
    numbering = Numbering()
    assert [numbering[kind].code(1) for kind in DocumentKind] == [
        "SO-00001",
        "INV-00001",
        "WO-00001",
        "RMA-00001",
        "CN-00001",
    ]


def test_a_style_pads_to_its_width_and_writes_larger_numbers_whole() -> None:
    style = NumberStyle(DocumentKind.ORDER, "ord/", 3)
    assert (style.code(7), style.code(12345)) == ("ORD/007", "ORD/12345")
    assert (style.number_of("ORD/007"), style.number_of("SO-00007")) == (7, None)
    assert Numbering.of(style)[DocumentKind.INVOICE].code(2) == "INV-00002"


AMONG = "must be at most 12 characters among letters A to Z, digits, '-', '_', '/' and '.'"


@pytest.mark.parametrize(
    ("prefix", "width", "message"),
    [
        ("SO 1", 5, f"order number prefix: 'SO 1' {AMONG}"),
        ("ABCDEFGHIJKLM", 5, f"order number prefix: 'ABCDEFGHIJKLM' {AMONG}"),
        ("SO-", 0, "order number width: 0 must be between 1 and 10"),
        ("SO-", 11, "order number width: 11 must be between 1 and 10"),
    ],
)
def test_a_style_out_of_bounds_is_refused(prefix: str, width: int, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        NumberStyle(DocumentKind.ORDER, prefix, width)
    assert caught.value.message == message


def test_a_typed_code_is_trimmed_and_upper_cased() -> None:
    assert typed_order_code("  so-2026/a.1_b ") == "SO-2026/A.1_B"


ONLY = (
    "may hold only letters A to Z, digits, '-', '_', '/' and '.', and must begin with "
    "a letter or a digit"
)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "code: '' must be 1 to 32 characters long"),
        ("A" * 33, f"code: '{'A' * 33}' must be 1 to 32 characters long"),
        ("SO 1", f"code: 'SO 1' {ONLY}"),
        ("-SO1", f"code: '-SO1' {ONLY}"),
        ("CAFÉ", f"code: 'CAFÉ' {ONLY}"),
    ],
)
def test_a_typed_code_out_of_bounds_is_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        typed_order_code(typed)
    assert (caught.value.code, caught.value.message) == ("order.code_invalid", message)
