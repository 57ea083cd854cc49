"""Merging keeps every amount and word of both orders, or refuses with the reason:
discounts, shipping, adjustments, PO numbers, remarks, and the relations both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import MergeRefused
from domain.orders.merge import merge
from domain.orders.order import Relation, SalesOrder
from l10n.translation import render
from tests.unit.builders import T1, T2, order, spec

D = Decimal


def pair(first: dict[str, object], second: dict[str, object]) -> tuple[SalesOrder, SalesOrder]:
    """SO-00013 (older: 2 x WIDGET at 10.00) and SO-00014 (1 x BOLT at 30.00), VAT 20."""
    older = order(spec("WIDGET", 2), code="SO-00013", **first)  # type: ignore[arg-type]
    newer = order(spec("BOLT", 1, "30.00"), code="SO-00014", now=T1, **second)  # type: ignore[arg-type]
    return older, newer


def test_shipping_adjustments_po_numbers_and_remarks_of_both_are_kept() -> None:
    a, b = pair(
        {"shipping_charges": D("5.00"), "adjustment": D("-0.50"), "reference": "PO-1",
         "remarks": "Ring twice."},
        {"shipping_charges": D("8.00"), "adjustment": D("1.00"), "reference": "PO-2",
         "remarks": "Fragile."},
    )  # fmt: skip
    # Before: SO-00013 20.00 + 4.00 + 5.00 - 0.50 = 28.50; SO-00014 30.00 + 6.00 + 8.00
    # + 1.00 = 45.00 (shipping untaxed: the builders' orders are made under the old rules).
    assert (a.totals.gross, b.totals.gross) == (D("28.50"), D("45.00"))
    keep, gone = merge(a, b, T2)
    assert (keep.shipping_charges, keep.adjustment) == (D("13.00"), D("0.50"))
    assert keep.reference == "PO-1, PO-2"
    assert keep.remarks == "Ring twice.\nFragile."
    # 50.00 + 10.00 + 13.00 + 0.50 = 73.50: nothing was lost.
    assert keep.totals.gross == D("73.50")
    # The absorbed order keeps its own values as a record.
    assert (gone.shipping_charges, gone.adjustment, gone.reference) == (
        D("8.00"),
        D("1.00"),
        "PO-2",
    )
    # The entry keeps its amounts as amounts: each reader reads them their way.
    assert keep.timeline[-1].text == (
        "Merged SO-00014 into this order: 1 line(s), shipping 8.00 EUR, adjustment 1.00 EUR, "
        "PO number PO-2."
    )
    assert render(keep.timeline[-1].said, "en") == (
        "Merged SO-00014 into this order: 1 line(s), shipping €8.00, adjustment €1.00, "
        "PO number PO-2."
    )


def test_each_side_lists_the_other() -> None:
    a, b = pair({}, {})
    c = order(spec("NUT", 4), code="SO-00015", now=T2)
    keep, gone = merge(a, b, T2)
    assert (gone.parent_code, gone.relation) == ("SO-00013", Relation.MERGED_INTO)
    assert keep.absorbed_codes == ["SO-00014"]
    keep, _ = merge(keep, c, T2)
    assert keep.absorbed_codes == ["SO-00014", "SO-00015"]


def test_one_po_number_or_the_same_twice_is_kept_once() -> None:
    a, b = pair({}, {"reference": "PO-9"})
    assert merge(a, b, T2)[0].reference == "PO-9"
    a, b = pair({"reference": "PO-9"}, {"reference": "po-9"})
    assert merge(a, b, T2)[0].reference == "PO-9"


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ({}, {}, (D(0), True)),
        ({"discount_value": D(10)}, {"discount_value": D(10)}, (D(10), True)),
        # The same fixed amount was off each order: both stay off the merged one.
        (
            {"discount_value": D("3.00"), "discount_is_percent": False},
            {"discount_value": D("3.00"), "discount_is_percent": False},
            (D("6.00"), False),
        ),
    ],
)
def test_the_same_discounts_merge(
    first: dict[str, object], second: dict[str, object], kept: tuple[Decimal, bool]
) -> None:
    a, b = pair(first, second)
    expected = a.totals.discount + b.totals.discount
    keep, _ = merge(a, b, T2)
    assert (keep.discount_value, keep.discount_is_percent) == kept
    assert keep.totals.discount == expected


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            {"discount_value": D(10)},
            {"discount_value": D(5)},
            (
                "SO-00013 has discount 10% and SO-00014 5%; orders with different discounts "
                "are not merged (give both the same discount first)."
            ),
        ),
        (
            {"discount_value": D(10)},
            {},
            (
                "SO-00013 has discount 10% and SO-00014 none; orders with different discounts "
                "are not merged (give both the same discount first)."
            ),
        ),
        (
            {"discount_value": D(3), "discount_is_percent": False},
            {"discount_value": D(3)},
            (
                "SO-00013 has discount 3 and SO-00014 3%; orders with different discounts are "
                "not merged (give both the same discount first)."
            ),
        ),
        (
            {"currency": "EUR"},
            {"currency": "DKK"},
            "SO-00013 and SO-00014 are in different currencies (EUR, DKK).",
        ),
        (
            {"shipping_tax": "VAT20", "shipping_tax_rate": D(20)},
            {"shipping_tax": "prorata", "discount_after_tax": True},
            (
                "SO-00013 and SO-00014 are taxed by different rules (shipping tax VAT20 (20%), "
                "discount before tax; shipping tax prorata, discount after tax)."
            ),
        ),
    ],
)
def test_different_money_is_refused_with_the_reason(
    first: dict[str, object], second: dict[str, object], message: str
) -> None:
    a, b = pair(first, second)
    with pytest.raises(MergeRefused) as caught:
        merge(a, b, T2)
    assert caught.value.message == message
    assert len(a.lines) == 1
    assert a.absorbed == ""
    assert b.parent_code is None


def test_po_numbers_too_long_together_are_refused() -> None:
    a, b = pair({"reference": "A" * 70}, {"reference": "B" * 70})
    with pytest.raises(MergeRefused) as caught:
        merge(a, b, T2)
    assert caught.value.message == (
        "both PO numbers together are 142 characters long; at most 120 may be kept "
        "(shorten one first)."
    )
    assert a.reference == "A" * 70
