"""The money rules to the cent: shipping under each shipping-tax mode with two tax
rates on one order, the discount before and after tax, a line discount as an amount,
what a new order stores of the settings, and every limit of the order's amounts.

Expected values are worked out by hand in the comments, not by the code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.errors import ValidationFailed
from domain.orders.creation import NewOrder
from domain.orders.lines import LineSpec, read_line_discount
from domain.orders.money_rules import MoneyDefaults
from domain.orders.order import SalesOrder, Source
from domain.orders.totals import TaxRules
from tests.unit.builders import T1, confirmed, order, spec

D = Decimal


def two_rates(**fields: object) -> SalesOrder:
    """A: 4 x 12.50 = 50.00 at 20%; B: 3 x 10.00 = 30.00 at 5.5%; subtotal 80.00."""
    return order(
        spec("A", 4, "12.50", "20"),
        spec("B", 3, "10.00", "5.5"),
        shipping_charges=D("10.00"),
        **fields,  # type: ignore[arg-type]
    )


def test_shipping_untaxed() -> None:
    # tax 20%: 50.00 x 0.2 = 10.00; 5.5%: 30.00 x 0.055 = 1.65; gross 80 + 11.65 + 10
    t = two_rates(shipping_tax="none").totals
    assert t.tax_by_rate == ((D("5.5"), D("1.65")), (D("20"), D("10.00")))
    assert (t.tax, t.shipping, t.gross) == (D("11.65"), D("10.00"), D("101.65"))


def test_shipping_pro_rata_follows_the_goods_rates() -> None:
    # shipping shared by net: 5.5%: 10 x 30 / 80 = 3.75; 20%: the rest, 6.25
    # tax 5.5%: 33.75 x 0.055 = 1.85625 -> 1.86; 20%: 56.25 x 0.2 = 11.25
    # gross 80 + 13.11 + 10 = 103.11
    t = two_rates(shipping_tax="prorata").totals
    assert t.tax_by_rate == ((D("5.5"), D("1.86")), (D("20"), D("11.25")))
    assert (t.tax, t.gross) == (D("13.11"), D("103.11"))


def test_shipping_at_a_tax_code_of_its_own() -> None:
    # shipping at 10%: 1.00, a tax line of its own beside the goods' 1.65 and 10.00
    t = two_rates(shipping_tax="VAT10", shipping_tax_rate=D(10)).totals
    assert t.tax_by_rate == ((D("5.5"), D("1.65")), (D("10"), D("1.00")), (D("20"), D("10.00")))
    assert (t.tax, t.gross) == (D("12.65"), D("102.65"))


def test_shipping_at_the_rate_of_some_goods_is_taxed_with_them() -> None:
    # 20%: (50.00 + 10.00) x 0.2 = 12.00, one line; 5.5%: 1.65; gross 80 + 13.65 + 10
    t = two_rates(shipping_tax="VAT20", shipping_tax_rate=D(20)).totals
    assert t.tax_by_rate == ((D("5.5"), D("1.65")), (D("20"), D("12.00")))
    assert t.gross == D("103.65")


def test_discount_before_tax_lowers_each_rates_base() -> None:
    # 10% of 80.00 = 8.00, shared: 5.5%: 8 x 30 / 80 = 3.00; 20%: 5.00
    # tax 5.5%: 27.00 x 0.055 = 1.485 -> 1.49; 20%: 45.00 x 0.2 = 9.00
    # net 72.00; gross 72.00 + 10.49 + 10.00 = 92.49
    t = two_rates(shipping_tax="none", discount_value=D(10)).totals
    assert (t.discount, t.net, t.tax, t.gross) == (D("8.00"), D("72.00"), D("10.49"), D("92.49"))
    assert not t.discount_after_tax


def test_discount_after_tax_leaves_the_tax_alone() -> None:
    # goods with tax: 80.00 + 11.65 = 91.65; 10% = 9.165 -> 9.17
    # tax unchanged 11.65; net (the taxed base) 80.00; gross 80 - 9.17 + 11.65 + 10 = 92.48
    t = two_rates(shipping_tax="none", discount_value=D(10), discount_after_tax=True).totals
    assert (t.discount, t.net, t.tax, t.gross) == (D("9.17"), D("80.00"), D("11.65"), D("92.48"))
    assert t.discount_after_tax
    assert [what for what, _, _ in t.rows()] == [
        "subtotal", "tax", "tax", "shipping", "discount", "total",
    ]  # fmt: skip


def test_a_fixed_discount_after_tax() -> None:
    # 80.00 - 5.00 + 11.65 + 10.00 = 96.65
    made = two_rates(
        shipping_tax="none", discount_value=D(5), discount_is_percent=False, discount_after_tax=True
    )
    assert (made.totals.discount, made.totals.gross) == (D("5.00"), D("96.65"))


def test_pro_rata_shipping_follows_the_discounted_bases() -> None:
    # bases after the 10% discount: 5.5%: 27.00, 20%: 45.00; shipping 5.5%: 10 x 27 / 72
    # = 3.75, 20%: 6.25; tax 5.5%: 30.75 x 0.055 = 1.69125 -> 1.69; 20%: 51.25 x 0.2
    # = 10.25; gross 72.00 + 11.94 + 10.00 = 93.94
    t = two_rates(shipping_tax="prorata", discount_value=D(10)).totals
    assert t.tax_by_rate == ((D("5.5"), D("1.69")), (D("20"), D("10.25")))
    assert t.gross == D("93.94")


def amount_off(quantity: int, off: str) -> LineSpec:
    return LineSpec("A", "A", D(quantity), D("12.50"), "VAT20", D(20), discount_amount=D(off))


def test_a_line_discount_as_an_amount() -> None:
    # 4 x 12.50 = 50.00 less 2.50 = 47.50; tax 9.50; gross 57.00
    made = order(amount_off(4, "2.50"))
    assert (made.lines[0].amount, made.lines[0].net) == (D("50.00"), D("47.50"))
    assert (made.totals.tax, made.totals.gross) == (D("9.50"), D("57.00"))


def test_an_amount_off_a_line_is_prorated_on_partial_invoices() -> None:
    # 3 of 4: 37.50 less 2.50 x 3 / 4 = 1.875 -> 1.88: 35.62, tax 7.12 (7.124): 42.74
    # then the last one: 57.00 - 42.74 = 14.26
    made = confirmed(amount_off(4, "2.50"))
    first = made.invoice("INV-00001", T1, [("A", D(3))])
    last = made.invoice("INV-00002", T1)
    assert (first.net, first.tax, first.gross) == (D("35.62"), D("7.12"), D("42.74"))
    assert last.gross == D("14.26")
    assert first.gross + last.gross == made.totals.gross


@pytest.mark.parametrize(
    ("typed", "read"),
    [("-10%", (D(10), D(0))), ("-2.50", (D(0), D("2.50"))), ("-2,50", (D(0), D("2.50")))],
)
def test_every_door_reads_a_line_discount_one_way(
    typed: str, read: tuple[Decimal, Decimal]
) -> None:
    assert read_line_discount(typed) == read


def test_a_line_discount_that_is_neither_is_named() -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_line_discount("-ten")
    assert caught.value.code == "order.discount_unreadable"
    assert caught.value.message == (
        "a line discount is a percent or an amount off the line (-10% or -2.50), not '-ten'"
    )
    assert [error.field for error in caught.value.errors] == ["discount"]


BOUNDS = [
    (
        {"discount_value": D(-5), "discount_is_percent": False},
        "discount: -5.00 is negative; it must be at least 0",
    ),
    ({"discount_value": D(150)}, "discount: 150% is more than 100%"),
    (
        {"discount_value": D(100), "discount_is_percent": False},
        "discount: 100.00 is more than the order's net 3.99 EUR; it may be at most 3.99 EUR",
    ),
    ({"shipping_charges": D(-4)}, "shipping: -4.00 is negative; it must be at least 0"),
    (
        {"adjustment": D(-5)},
        (
            "adjustment: -5.00 is beyond the order's total before adjustment (4.79 EUR); it "
            "must be between -4.79 EUR and 4.79 EUR"
        ),
    ),
    (
        {"adjustment": D("4.80")},
        (
            "adjustment: 4.80 is beyond the order's total before adjustment (4.79 EUR); it "
            "must be between -4.79 EUR and 4.79 EUR"
        ),
    ),
]


@pytest.mark.parametrize(("fields", "message"), BOUNDS)
def test_every_limit_of_a_new_order_is_refused_with_its_message(
    fields: dict[str, object], message: str
) -> None:
    # GADGET 1 x 3.99 at 20%: 3.99 + 0.80 = 4.79
    with pytest.raises(ValidationFailed) as caught:
        order(spec("GADGET", 1, "3.99"), **fields)  # type: ignore[arg-type]
    assert caught.value.message == message


@pytest.mark.parametrize(("fields", "message"), BOUNDS)
def test_every_limit_of_a_change_is_refused_with_its_message(
    fields: dict[str, object], message: str
) -> None:
    made = order(spec("GADGET", 1, "3.99"))
    with pytest.raises(ValidationFailed) as caught:
        made.set_terms(T1, **fields)
    assert caught.value.message == message


def test_a_line_removed_under_a_fixed_discount_is_refused() -> None:
    made = order(
        spec("A", 1, "5.00"), spec("B", 1, "5.00"), discount_value=D(8), discount_is_percent=False
    )
    with pytest.raises(ValidationFailed) as caught:
        made.remove_line("B", T1)
    assert caught.value.message == (
        "discount: 8.00 is more than the order's net 5.00 EUR; it may be at most 5.00 EUR"
    )


@pytest.mark.parametrize(
    ("off", "message"),
    [
        (
            "60.00",
            "discount: A: discount 60.00 must be between 0 and the line's amount 50.00 EUR",
        ),
        ("-1", "discount: A: discount -1.00 must be between 0 and the line's amount 50.00 EUR"),
    ],
)
def test_an_amount_off_a_line_is_bounded_by_the_line(off: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        order(amount_off(4, off))
    assert caught.value.message == message


def test_a_line_discount_is_a_percent_or_an_amount_not_both() -> None:
    both = LineSpec("A", "A", D(4), D("12.50"), "VAT20", D(20), D(10), discount_amount=D(1))
    with pytest.raises(ValidationFailed) as caught:
        order(both)
    assert caught.value.message == (
        "discount: A: a line discount is a percent or an amount, not both"
    )


def test_a_new_order_stores_what_the_settings_decided() -> None:
    rates = {"vat10": D(10)}
    decided = MoneyDefaults("DKK", "VAT10").decided(lambda code: rates[code.lower()])
    assert decided == {
        "currency": "DKK", "shipping_tax": "VAT10", "shipping_tax_rate": D(10),
        "discount_after_tax": False,
    }  # fmt: skip
    assert MoneyDefaults(discount_after_tax=True).decided(rates.__getitem__, False) == {
        "currency": "EUR", "shipping_tax": "prorata", "shipping_tax_rate": D(0),
        "discount_after_tax": False,
    }  # fmt: skip
    made = NewOrder.of(
        "SO-1", "ACME", [spec("A")], datetime(2026, 1, 1, tzinfo=UTC), Source.CONSOLE, **decided
    ).aggregate()
    assert made.tax_rules == TaxRules("VAT10", D(10), False)
    assert made.currency == "DKK"


def test_a_shipping_tax_setting_naming_no_tax_is_refused_by_name() -> None:
    from domain.errors import NotFound

    def no_tax(code: str) -> Decimal:
        raise NotFound("tax", code)

    with pytest.raises(ValidationFailed) as caught:
        MoneyDefaults(shipping_tax="VAT99").decided(no_tax)
    assert caught.value.message == (
        "SHIPPING_TAX: the setting names the tax VAT99, which does not exist; create it "
        "(tax new) or set SHIPPING_TAX to prorata or none"
    )


def test_the_discount_timing_cannot_move_once_invoiced() -> None:
    made = confirmed(spec("A", 2), discount_value=D(10))
    made.set_terms(T1, discount_after_tax=True)  # before any invoice: allowed
    made.invoice("INV-00001", T1, [("A", D(1))])
    with pytest.raises(ValidationFailed) as caught:
        made.set_terms(T1, discount_after_tax=False)
    assert caught.value.message == (
        "discount-tax: SO-00001 has invoice INV-00001; when its discount is taken can no "
        "longer change"
    )
