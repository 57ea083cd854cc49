"""Changing a line after it was made: which line a word names, and what each state of
the order and its shipments lets change (domain.orders.line_edits)."""

from __future__ import annotations

import pytest

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.events import OrderLineChanged
from domain.orders.line_edits import LineChange, change_line, price_text, resolve_line
from domain.orders.order import SalesOrder
from domain.orders.shipments import ShipmentStatus as S
from tests.unit.builders import T0, T1, T2, D, confirmed, order, spec


def _shipments(made: SalesOrder) -> list[tuple[int, str, list[tuple[int, D]]]]:
    return [
        (s.number, str(s.status), [(sl.line_no, sl.quantity) for sl in s.lines])
        for s in made.shipments
    ]


def test_a_line_is_named_by_number_or_by_a_product_on_one_line_only() -> None:
    made = order(spec("WIDGET", 2), spec("GADGET", 1), spec("WIDGET", 3), spec("7", 1))
    assert resolve_line(made, "3").product_code == "WIDGET"
    assert resolve_line(made, "gadget").line_no == 2
    assert resolve_line(made, "7").line_no == 4  # no line 7: the numeric product
    with pytest.raises(ValidationFailed) as caught:
        resolve_line(made, "WIDGET")
    assert caught.value.code == "order.line_ambiguous"
    assert caught.value.message == (
        "line: WIDGET is on lines 1, 3 of SO-00001; give the line number instead of the product"
    )
    with pytest.raises(NotFound, match=r"No product BOLT on SO-00001 \(it has: 7, GADGET"):
        resolve_line(made, "BOLT")


def test_a_number_that_is_no_line_nor_product_is_refused_naming_the_lines() -> None:
    made = order(spec("WIDGET", 2), spec("GADGET", 1))
    with pytest.raises(NotFound) as caught:
        resolve_line(made, "9")
    assert caught.value.code == "line.not_found"
    assert str(caught.value.text) == (
        "No line 9 on SO-00001; its lines are 1 (WIDGET), 2 (GADGET)."
    )


def test_remove_refuses_a_product_on_several_lines_and_takes_a_line_number() -> None:
    made = order(spec("WIDGET", 2), spec("GADGET", 1), spec("WIDGET", 3))
    with pytest.raises(ValidationFailed, match="WIDGET is on lines 1, 3 of SO-00001"):
        made.remove_line("widget", T1)
    assert [ln.line_no for ln in made.lines] == [1, 2, 3]
    assert made.remove_line("3", T1).quantity == D(3)
    assert [(ln.line_no, ln.product_code) for ln in made.lines] == [(1, "WIDGET"), (2, "GADGET")]


def test_quantity_price_and_discount_change_in_one_go() -> None:
    made = order(spec("WIDGET", 10, "12.50"), spec("GADGET", 5, "4.00"))
    line = change_line(made, "1", LineChange(D(12), D("11.00"), D(5)), T1)
    assert (line.quantity, line.unit_price, line.discount_percent) == (D(12), D("11.00"), D(5))
    assert _shipments(made) == [(1, "pending", [(1, D(12)), (2, D(5))])]
    assert made.pull_events() == [
        OrderLineChanged(
            "SO-00001", 1, "WIDGET", "price 12.50 -> 11.00, discount 0% -> 5%, quantity 10 -> 12"
        )
    ]
    assert made.timeline[-1].text == (
        "Line 1 (WIDGET): price 12.50 -> 11.00, discount 0% -> 5%, quantity 10 -> 12."
    )
    assert made.timeline[-1].public is False
    assert made.totals.net == D("125.40") + D("20.00")


def test_the_same_values_change_nothing() -> None:
    made = order(spec("WIDGET", 10, "12.50"))
    before = len(made.timeline)
    change_line(made, "WIDGET", LineChange(D(10), D("12.50"), D(0)), T1)
    assert len(made.timeline) == before
    assert made.pull_events() == []


def test_more_quantity_goes_to_a_pending_shipment_never_a_ready_one() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T1)
    made.mark_ready(1, T1)
    change_line(made, "WIDGET", LineChange(quantity=D(13)), T2)
    assert _shipments(made) == [
        (1, "ready", [(1, D(6)), (2, D(5))]),
        (2, "pending", [(1, D(7))]),
    ]
    change_line(made, "GADGET", LineChange(quantity=D(6)), T2)  # not held by #2: first pending
    assert _shipments(made)[1] == (2, "pending", [(1, D(7)), (2, D(1))])


def test_more_quantity_with_nothing_pending_makes_a_new_shipment_for_the_due_date() -> None:
    made = confirmed(spec("WIDGET", 10), due_date=T0.date())
    made.mark_ready(1, T1)
    change_line(made, "1", LineChange(quantity=D(12)), T2)
    assert _shipments(made) == [(1, "ready", [(1, D(10))]), (2, "pending", [(1, D(2))])]
    assert made.shipment(2).planned_date == T0.date()


def test_less_quantity_comes_out_of_pending_shipments_latest_first() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T1)
    change_line(made, "WIDGET", LineChange(quantity=D(5)), T2)
    assert _shipments(made) == [(1, "pending", [(1, D(5)), (2, D(5))]), (2, "cancelled", [])]
    assert made.timeline[-2].text == "Shipment 2 cancelled."


def test_less_quantity_than_is_packed_or_shipped_is_refused_with_the_floor() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("WIDGET", D(4), T1)
    made.ship(1, T1, "DHL", "1Z")
    with pytest.raises(ValidationFailed) as caught:
        change_line(made, "WIDGET", LineChange(quantity=D(5)), T2)
    assert caught.value.code == "order.quantity_not_pending"
    assert caught.value.message == (
        "quantity: line 1 (WIDGET): only 4 are in pending shipments; 6 are packed (ready) or "
        "shipped, so the quantity cannot go below 6"
    )
    change_line(made, "WIDGET", LineChange(quantity=D(6)), T2)
    assert _shipments(made)[1] == (2, "cancelled", [])


def test_an_invoiced_line_keeps_its_price_and_at_least_its_invoiced_quantity() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.invoice("INV-00001", T1, [("WIDGET", D(7))])
    with pytest.raises(InvalidTransition) as caught:
        change_line(made, "WIDGET", LineChange(price=D(1)), T2)
    assert caught.value.message == (
        "Line 1 (WIDGET) of SO-00001 is invoiced (INV-00001); its price can no longer change."
    )
    with pytest.raises(InvalidTransition, match="its discount can no longer change"):
        change_line(made, "WIDGET", LineChange(discount_percent=D(5)), T2)
    with pytest.raises(ValidationFailed) as below:
        change_line(made, "WIDGET", LineChange(quantity=D(6)), T2)
    assert below.value.message == (
        "quantity: line 1 (WIDGET): 7 are invoiced, so the quantity cannot go below 7"
    )
    assert made.line(1).unit_price == D("10.00")
    change_line(made, "GADGET", LineChange(price=D("9.00")), T2)  # the other line may change


def test_a_line_discount_changes_between_a_percent_and_an_amount() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    change_line(made, "WIDGET", LineChange(discount_percent=D(10), discount_amount=D(0)), T2)
    assert (made.line(1).discount_percent, made.line(1).net) == (D(10), D("90.00"))
    change_line(made, "WIDGET", LineChange(discount_percent=D(0), discount_amount=D("7.5")), T2)
    assert (made.line(1).discount_percent, made.line(1).net) == (D(0), D("92.50"))
    assert made.timeline[-1].text == "Line 1 (WIDGET): discount 10% -> 7.50."
    with pytest.raises(ValidationFailed, match="discount"):
        change_line(made, "WIDGET", LineChange(discount_amount=D("100.01")), T2)


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (
            LineChange(price=D(-1)),
            "order.price_invalid",
            "price: line 1 (WIDGET): -1.00 is negative",
        ),
        (
            LineChange(discount_percent=D(101)),
            "order.discount_invalid",
            "discount: line 1 (WIDGET): 101% must be 0-100%",
        ),
        (
            LineChange(quantity=D(0)),
            "order.quantity_invalid",
            (
                "quantity: line 1 (WIDGET): 0 must be more than 0; to drop the line use "
                "/order remove SO-00001 1"
            ),
        ),
    ],
)
def test_values_that_cannot_be_are_refused(change: LineChange, code: str, message: str) -> None:
    made = order(spec("WIDGET", 10))
    with pytest.raises(ValidationFailed) as caught:
        change_line(made, "1", change, T1)
    assert (caught.value.code, caught.value.message) == (code, message)


@pytest.mark.parametrize("end", ["cancel", "close"])
def test_a_closed_or_cancelled_order_changes_no_more(end: str) -> None:
    made = confirmed(spec("WIDGET", 10))
    getattr(made, end)(T1)
    with pytest.raises(InvalidTransition, match=r"SO-00001 is c\w+; it can no longer change"):
        change_line(made, "1", LineChange(quantity=D(2)), T2)


def test_a_new_line_goes_to_a_pending_shipment_not_a_ready_one() -> None:
    made = confirmed(spec("WIDGET", 10))
    made.mark_ready(1, T1)
    made.add_line(spec("GADGET", 2), T2)
    assert _shipments(made) == [(1, "ready", [(1, D(10))]), (2, "pending", [(2, D(2))])]
    made.add_line(spec("BOLT", 3), T2)
    assert _shipments(made)[1] == (2, "pending", [(2, D(2)), (3, D(3))])
    assert made.shipment(1).status == S.READY


def test_prices_keep_their_cents_and_every_further_decimal() -> None:
    assert [price_text(D(v)) for v in ("12.5", "12.500000", "0.333", "7")] == [
        "12.50",
        "12.50",
        "0.333",
        "7.00",
    ]
