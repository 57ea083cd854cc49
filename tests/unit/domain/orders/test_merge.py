"""Merging two orders: every precondition refused with its reason, and what a merge does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from domain.errors import MergeRefused
from domain.events import (
    OrdersMerged,
    OrderStatusChanged,
    ShipmentCreated,
    ShipmentStatusChanged,
)
from domain.orders.merge import check_merge, merge
from domain.orders.order import OrderStatus, Relation, SalesOrder, Source
from domain.orders.shipments import ShipmentStatus
from tests.unit.builders import T0, T1, T2, order, spec

D = Decimal
S = ShipmentStatus
MAY_1 = date(2026, 5, 1)
MAY_9 = date(2026, 5, 9)
JUNE_1 = date(2026, 6, 1)


def pair(**second: object) -> tuple[SalesOrder, SalesOrder]:
    """An older and a newer draft of ACME, both billed and delivered to HQ."""
    older = order(
        spec("WIDGET", 10),
        spec("GADGET", 5),
        code="SO-00001",
        now=T0,
        billing_address_code="HQ",
        delivery_address_code="HQ",
    )
    fields: dict[str, object] = {
        "code": "SO-00002",
        "now": T1,
        "billing_address_code": "HQ",
        "delivery_address_code": "HQ",
        **second,
    }
    newer = order(spec("BOLT", 3, "1.50"), spec("WIDGET", 2), **fields)  # type: ignore[arg-type]
    return older, newer


def both(act: Callable[[SalesOrder], object]) -> Callable[[SalesOrder, SalesOrder], None]:
    def apply(a: SalesOrder, b: SalesOrder) -> None:
        act(a)
        act(b)

    return apply


def confirm(o: SalesOrder) -> None:
    o.confirm(T0)


def close(o: SalesOrder) -> None:
    o.confirm(T0)
    o.close(T0)


def cancel(o: SalesOrder) -> None:
    o.cancel(T0)


def nothing(a: SalesOrder, b: SalesOrder) -> None:
    return None


def snapshot(o: SalesOrder) -> tuple[object, ...]:
    return (
        o.status,
        [(ln.line_no, ln.product_code, ln.quantity) for ln in o.lines],
        [(s.number, s.status, [(sl.line_no, sl.quantity) for sl in s.lines]) for s in o.shipments],
        o.parent_code,
        o.relation,
        len(o.notifications),
    )


REFUSALS: list[tuple[str, dict[str, object], Callable[[SalesOrder, SalesOrder], None]]] = [
    ("different_customer", {"customer": "GLOBEX"}, nothing),
    ("different_billing_address", {"billing_address_code": "PARIS"}, nothing),
    ("different_billing_address", {"billing_address_code": None}, nothing),
    ("different_delivery_address", {"delivery_address_code": "DEPOT"}, nothing),
    ("marketplace", {"source": Source.MARKETPLACE}, nothing),
    ("different_status", {}, lambda a, b: confirm(b)),
    ("status", {}, both(close)),
    ("status", {}, both(cancel)),
    # A shipment past pending (packed, gone or arrived) keeps both orders apart.
    ("shipment_past_pending", {}, lambda a, b: (confirm(a), confirm(b), b.mark_ready(1, T1))),
    ("shipment_past_pending", {}, lambda a, b: (confirm(a), confirm(b), b.ship(None, T1))),
    (
        "shipment_past_pending",
        {},
        lambda a, b: (confirm(a), confirm(b), a.ship(None, T1), a.deliver(None, T1)),
    ),
    ("different_currency", {"currency": "USD"}, nothing),
    ("different_tax_rules", {"shipping_tax": "prorata"}, nothing),
    ("different_tax_rules", {"discount_after_tax": True}, nothing),
    ("different_discount", {"discount_value": D(10)}, nothing),
    (
        "invoiced",
        {},
        lambda a, b: (confirm(a), confirm(b), a.invoice("INV-00001", T1, [("GADGET", D(1))])),
    ),
]


@pytest.mark.parametrize(("reason", "second", "prepare"), REFUSALS)
@pytest.mark.parametrize("flipped", [False, True])
def test_merge_refused_with_its_reason(
    reason: str,
    second: dict[str, object],
    prepare: Callable[[SalesOrder, SalesOrder], None],
    flipped: bool,
) -> None:
    a, b = pair(**second)
    prepare(a, b)
    a.pull_events()
    b.pull_events()
    before = snapshot(a), snapshot(b)
    with pytest.raises(MergeRefused) as caught:
        merge(b, a, T2) if flipped else merge(a, b, T2)
    assert (caught.value.reason, caught.value.code) == (reason, f"merge.{reason}")
    assert (snapshot(a), snapshot(b)) == before
    assert a.pull_events() == b.pull_events() == []


def test_merge_with_itself_is_refused() -> None:
    a, _ = pair()
    with pytest.raises(MergeRefused) as caught:
        merge(a, a, T2)
    assert caught.value.reason == "same_order"
    twin = order(code="so-00001")
    with pytest.raises(MergeRefused) as caught:
        check_merge(a, twin)
    assert caught.value.reason == "same_order"


def test_refusal_messages_name_the_orders_and_values() -> None:
    a, b = pair(delivery_address_code="DEPOT")
    with pytest.raises(MergeRefused) as caught:
        merge(a, b, T2)
    assert caught.value.message == (
        "SO-00001 and SO-00002 have different delivery addresses (HQ, DEPOT)."
    )
    a, b = pair()
    close(a)
    close(b)
    with pytest.raises(MergeRefused) as caught:
        merge(a, b, T2)
    assert caught.value.message == (
        "SO-00001 and SO-00002 are closed; only draft or confirmed orders can be merged."
    )


def test_customer_codes_compare_without_case() -> None:
    a, b = pair(customer="acme")
    check_merge(a, b)


@pytest.mark.parametrize("status", ["draft", "confirmed"])
@pytest.mark.parametrize("flipped", [False, True])
def test_the_older_order_survives_whatever_the_argument_order(status: str, flipped: bool) -> None:
    a, b = pair()
    if status == "confirmed":
        confirm(a)
        confirm(b)
    keep, gone = merge(b, a, T2) if flipped else merge(a, b, T2)
    assert (keep, gone) == (a, b)
    assert keep.status == status


def test_the_older_survives_even_with_the_higher_code() -> None:
    a, b = pair(code="SO-00000", now=T2)
    keep, gone = merge(a, b, T2)
    assert (keep.code, gone.code) == ("SO-00001", "SO-00000")


def test_lines_are_copied_with_new_numbers() -> None:
    a, b = pair()
    b.lines[0].discount_percent = D(10)
    b.lines[0].remarks = "blue ones"
    keep, gone = merge(b, a, T2)
    assert [
        (ln.line_no, ln.product_code, ln.quantity, ln.unit_price, ln.discount_percent, ln.remarks)
        for ln in keep.lines
    ] == [
        (1, "WIDGET", D(10), D("10.00"), D(0), ""),
        (2, "GADGET", D(5), D("10.00"), D(0), ""),
        (3, "BOLT", D(3), D("1.50"), D(10), "blue ones"),
        (4, "WIDGET", D(2), D("10.00"), D(0), ""),
    ]
    # The absorbed order keeps its own lines as a record.
    assert [(ln.line_no, ln.product_code) for ln in gone.lines] == [(1, "BOLT"), (2, "WIDGET")]
    assert keep.lines[2] is not gone.lines[0]
    # 150.00 + 4.05 + 20.00 = 174.05 net; tax 20% = 34.81
    assert (keep.totals.net, keep.totals.tax, keep.totals.gross) == (
        D("174.05"),
        D("34.81"),
        D("208.86"),
    )


def test_open_shipments_move_with_their_planned_dates() -> None:
    a, b = pair(due_date=MAY_1)  # b's shipment 1 is planned for its due date
    a.shipments[0].planned_date = JUNE_1
    b.split("BOLT", D(1), T1, MAY_9)
    a.pull_events()
    keep, gone = merge(a, b, T2)
    assert [
        (s.number, s.status, s.planned_date, [(sl.line_no, sl.quantity) for sl in s.lines])
        for s in keep.shipments
    ] == [
        (1, S.PENDING, JUNE_1, [(1, D(10)), (2, D(5))]),
        (2, S.PENDING, MAY_1, [(3, D(2)), (4, D(2))]),
        (3, S.PENDING, MAY_9, [(3, D(1))]),
    ]
    assert [(s.number, s.status, s.lines) for s in gone.shipments] == [
        (1, S.CANCELLED, []),
        (2, S.CANCELLED, []),
    ]
    assert keep.pull_events() == [
        ShipmentCreated("SO-00001", 2, MAY_1),
        ShipmentCreated("SO-00001", 3, MAY_9),
        OrdersMerged("SO-00001", "SO-00002"),
    ]


def test_a_ready_shipment_is_refused_with_its_reason() -> None:
    # Packed goods are not moved between orders (they were merged before).
    a, b = pair()
    confirm(a)
    confirm(b)
    b.mark_ready(1, T1)
    with pytest.raises(MergeRefused) as caught:
        merge(a, b, T2)
    assert caught.value.message == (
        "SO-00002 has shipment 1 ready; only orders whose shipments are all pending can be merged."
    )


def test_the_absorbed_order_is_cancelled_and_related_as_merged_into() -> None:
    a, b = pair()
    confirm(a)
    confirm(b)
    b.pull_events()
    b.notifications.clear()
    keep, gone = merge(a, b, T2)
    assert gone.status == OrderStatus.CANCELLED
    assert (gone.parent_code, gone.relation) == ("SO-00001", Relation.MERGED_INTO)
    assert keep.status == OrderStatus.CONFIRMED
    assert (keep.parent_code, keep.relation) == (None, None)
    assert gone.pull_events() == [
        OrderStatusChanged("SO-00002", "confirmed", "cancelled", "merged into SO-00001"),
        ShipmentStatusChanged("SO-00002", 1, "pending", "cancelled"),
    ]
    # Every status change is told, as when an order is cancelled by hand.
    assert [(n.subject, n.status, n.shipment_number, n.text) for n in gone.notifications] == [
        ("order", "cancelled", None, "Order cancelled: merged into SO-00001."),
        ("shipment", "cancelled", 1, "Shipment 1 cancelled."),
    ]
    assert keep.timeline[-1].text == (
        "Merged SO-00002 into this order: 2 line(s), shipping 0.00 EUR, adjustment 0.00 EUR, "
        "PO number none."
    )
