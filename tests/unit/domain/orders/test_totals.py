"""Totals to the cent: line discounts, order discount, several taxes, shipping, adjustment.

Expected values are worked out by hand in the comments, not by the code under test.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.money import allocate, cents
from domain.orders.order import LineSpec, SalesOrder
from domain.orders.totals import OrderDiscount, PricedQuantity, compute_totals
from tests.unit.builders import T0, T1, confirmed, order, spec

D = Decimal


def mixed_order(**fields: object) -> SalesOrder:
    """Three lines, two tax rates, line discounts; shipping 8.50 and adjustment -0.03.

    A: 3 x 19.99 = 59.97, less 10% (5.997 -> 6.00) = 53.97, VAT 20
    B: 7 x 4.15  = 29.05, no discount,                       VAT 5.5
    C: 2 x 12.34 = 24.68, less 5% (1.234 -> 1.23)  = 23.45, VAT 20
    subtotal 106.47 (20%: 77.42, 5.5%: 29.05)
    """
    return order(
        spec("A", 3, "19.99", "20", "10"),
        spec("B", 7, "4.15", "5.5"),
        spec("C", 2, "12.34", "20", "5"),
        shipping_charges=D("8.50"),
        adjustment=D("-0.03"),
        **fields,
    )


def test_line_amounts_and_nets() -> None:
    made = mixed_order()
    assert [(ln.amount, ln.net) for ln in made.lines] == [
        (D("59.97"), D("53.97")),
        (D("29.05"), D("29.05")),
        (D("24.68"), D("23.45")),
    ]


def test_totals_without_order_discount() -> None:
    # tax 20%: 77.42 x 0.20 = 15.484 -> 15.48; 5.5%: 29.05 x 0.055 = 1.59775 -> 1.60
    # gross = 106.47 + 17.08 + 8.50 - 0.03 = 132.02
    totals = mixed_order().totals
    assert totals.subtotal == D("106.47")
    assert totals.discount == D("0.00")
    assert totals.net == D("106.47")
    assert totals.tax_by_rate == ((D("5.5"), D("1.60")), (D("20"), D("15.48")))
    assert totals.tax == D("17.08")
    assert (totals.shipping, totals.adjustment) == (D("8.50"), D("-0.03"))
    assert totals.gross == D("132.02")


def test_totals_with_an_order_discount_percent() -> None:
    # discount 7.5% of 106.47 = 7.98525 -> 7.99, shared by net per rate:
    #   5.5%: 7.99 x 29.05 / 106.47 = 2.18005 -> 2.18;  20%: the rest, 5.81
    # tax 5.5%: (29.05 - 2.18) x 0.055 = 1.47785 -> 1.48; 20%: (77.42 - 5.81) x 0.2 = 14.322
    # net 98.48, tax 15.80, gross 98.48 + 15.80 + 8.50 - 0.03 = 122.75
    totals = mixed_order(discount_value=D("7.5")).totals
    assert totals.discount == D("7.99")
    assert totals.net == D("98.48")
    assert totals.tax_by_rate == ((D("5.5"), D("1.48")), (D("20"), D("14.32")))
    assert totals.tax == D("15.80")
    assert totals.gross == D("122.75")


def test_totals_with_a_fixed_order_discount() -> None:
    # 10.00 shared: 5.5%: 10 x 29.05 / 106.47 = 2.7285 -> 2.73; 20%: 7.27
    # tax 5.5%: 26.32 x 0.055 = 1.4476 -> 1.45; 20%: 70.15 x 0.2 = 14.03
    # net 96.47, tax 15.48, gross 96.47 + 15.48 + 8.50 - 0.03 = 120.42
    totals = mixed_order(discount_value=D("10.00"), discount_is_percent=False).totals
    assert totals.discount == D("10.00")
    assert totals.net == D("96.47")
    assert totals.tax == D("15.48")
    assert totals.gross == D("120.42")


def test_a_fixed_discount_never_exceeds_the_subtotal() -> None:
    # An order is refused such a discount (domain.orders.charges, tested in
    # test_money_rules); the arithmetic still never takes more than the subtotal.
    line = PricedQuantity(D(1), D("5.00"), D(0), D(20))
    totals = compute_totals([line], OrderDiscount(D("8.00"), False), D("0.00"), D("0.00"))
    assert (totals.discount, totals.net, totals.tax, totals.gross) == (
        D("5.00"),
        D("0.00"),
        D("0.00"),
        D("0.00"),
    )


def test_rounding_is_half_up_to_the_cent() -> None:
    # 1 x 0.125 = 0.125 -> 0.13 (half-even would give 0.12)
    assert PricedQuantity(D(1), D("0.125"), D(0), D(0)).amount == D("0.13")
    # 10% of 0.25 = 0.025 -> 0.03 off, net 0.22 (half-even: 0.02 off, net 0.23)
    assert PricedQuantity(D(1), D("0.25"), D(10), D(0)).net == D("0.22")
    # 5.5% of 3.00 = 0.165 -> 0.17 (half-even: 0.16)
    book = PricedQuantity(D(1), D("3.00"), D(0), D("5.5"))
    totals = compute_totals([book], OrderDiscount(), D(0), D(0))
    assert totals.tax == D("0.17")
    assert cents(D("2.345")) == D("2.35")
    assert cents(D("-2.345")) == D("-2.35")


def test_totals_are_decimal_with_two_places() -> None:
    totals = mixed_order(discount_value=D("7.5")).totals
    for value in (totals.subtotal, totals.discount, totals.net, totals.tax, totals.gross):
        assert isinstance(value, Decimal)
        assert value.as_tuple().exponent == -2


def test_allocate_sums_exactly() -> None:
    assert allocate(D("10.00"), [D(1), D(1), D(1)]) == [D("3.33"), D("3.33"), D("3.34")]
    assert allocate(D("0.01"), [D(1), D(1)]) == [D("0.01"), D("0.00")]
    assert allocate(D("5.00"), [D(0), D(0)]) == [D("0.00"), D("0.00")]
    assert allocate(D("5.00"), []) == []


# --- partial invoices -------------------------------------------------------------------


def test_partial_invoices_of_a_fixed_discount_that_does_not_divide_evenly() -> None:
    # Three lines of 10.00 at 20%, fixed discount 10.00, shipping 5.00.
    # Invoice 1 (line A): discount 10 x 10/30 = 3.33, net 6.67, tax 1.334 -> 1.33,
    #   shipping counted with the first invoice: gross 6.67 + 1.33 + 5.00 = 13.00
    # Invoice 2 (A+B so far): discount 6.67, net 13.33, tax 2.67, gross 21.00 -> 8.00 more
    # Invoice 3 (all): discount 10.00, net 20.00, tax 4.00, gross 29.00 -> 8.00 more
    made = confirmed(
        spec("A", 1),
        spec("B", 1),
        spec("C", 1),
        discount_value=D("10.00"),
        discount_is_percent=False,
        shipping_charges=D("5.00"),
    )
    first = made.invoice("INV-00001", T1, [("A", D(1))])
    second = made.invoice("INV-00002", T1, [("B", D(1))])
    third = made.invoice("INV-00003", T1)
    got = [(i.net, i.tax, i.gross) for i in (first, second, third)]
    assert got == [
        (D("6.67"), D("1.33"), D("13.00")),
        (D("6.66"), D("1.34"), D("8.00")),
        (D("6.67"), D("1.33"), D("8.00")),
    ]
    assert made.totals.gross == D("29.00")
    assert sum(i.gross for i in made.invoices) == made.totals.gross


def test_partial_invoices_of_the_mixed_order_sum_to_its_totals() -> None:
    made = mixed_order(discount_value=D("7.5"))
    made.confirm(T0)
    made.invoice("INV-00001", T1, [("A", D(1)), ("B", D(3))])
    made.invoice("INV-00002", T1, [("C", D(1)), ("B", D(4))])
    made.invoice("INV-00003", T1, [("A", D(2))])
    made.invoice("INV-00004", T1)
    totals = made.totals
    assert sum(i.net for i in made.invoices) == totals.net == D("98.48")
    assert sum(i.tax for i in made.invoices) == totals.tax == D("15.80")
    assert sum(i.gross for i in made.invoices) == totals.gross == D("122.75")


def test_the_whole_order_in_one_invoice_has_the_order_totals() -> None:
    made = mixed_order(discount_value=D("10.00"), discount_is_percent=False)
    made.confirm(T0)
    invoice = made.invoice("INV-00001", T1)
    assert (invoice.net, invoice.tax, invoice.gross) == (D("96.47"), D("15.48"), D("120.42"))


# --- the property: partial invoices always add up to the order ---------------------------

money = st.decimals(min_value=D("0.00"), max_value=D("999.99"), places=2)
lines = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=20),  # quantity
        money,  # unit price
        st.sampled_from([D(0), D("5.5"), D(10), D(20)]),  # tax rate
        st.decimals(min_value=D(0), max_value=D(100), places=1),  # line discount %
    ),
    min_size=1,
    max_size=5,
)


@st.composite
def orders_and_invoices(draw: st.DrawFn) -> tuple[SalesOrder, list[list[tuple[str, Decimal]]]]:
    specs = [
        LineSpec(f"P{i % 3}", f"P{i % 3}", D(qty), price, f"T{rate}", rate, discount)
        for i, (qty, price, rate, discount) in enumerate(draw(lines))
    ]
    fixed = draw(st.booleans())
    shipping_tax, shipping_rate = draw(
        st.sampled_from([("none", D(0)), ("prorata", D(0)), ("T7", D(7))])
    )
    try:
        made = order(
            *specs,
            discount_value=draw(
                money if fixed else st.decimals(min_value=0, max_value=100, places=2)
            ),
            discount_is_percent=not fixed,
            # Charges as typed: they may carry more than two decimals.
            shipping_charges=draw(st.decimals(min_value=0, max_value=100, places=3)),
            adjustment=draw(st.decimals(min_value=-5, max_value=5, places=3)),
            shipping_tax=shipping_tax,
            shipping_tax_rate=shipping_rate,
            discount_after_tax=draw(st.booleans()),
        )
    except ValidationFailed:  # charges out of their limits (domain.orders.charges)
        reject()
    made.confirm(T0)
    left = {p: sum(s.quantity for s in specs if s.product_code == p) for p in {"P0", "P1", "P2"}}
    batches = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        batch = []
        for product in sorted(p for p, q in left.items() if q > 0):
            quantity = draw(st.integers(min_value=0, max_value=int(left[product])))
            if quantity:
                batch.append((product, D(quantity)))
                left[product] -= quantity
        if batch:
            batches.append(batch)
    return made, batches


@settings(max_examples=300, deadline=None)
@given(orders_and_invoices())
def test_partial_invoices_always_sum_to_the_order_totals(
    case: tuple[SalesOrder, list[list[tuple[str, Decimal]]]],
) -> None:
    made, batches = case
    for n, batch in enumerate(batches, start=1):
        made.invoice(f"INV-{n:05d}", T1, batch)
    if any(made.invoiced_quantity(ln.line_no) < ln.quantity for ln in made.lines):
        made.invoice("INV-99999", T1)  # everything left
    totals = made.totals
    assert sum(i.gross for i in made.invoices) == totals.gross
    assert sum(i.net for i in made.invoices) == totals.net
    assert sum(i.tax for i in made.invoices) == totals.tax
    assert all(i.gross.as_tuple().exponent == -2 for i in made.invoices)
