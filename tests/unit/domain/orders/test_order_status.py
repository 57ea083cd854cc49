"""Order and shipment status machines: every transition allowed and refused, and notifications."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from domain.errors import InvalidTransition, NotFound
from domain.events import OrderStatusChanged, ShipmentStatusChanged
from domain.orders.documents import NotificationState, WorkOrderScope
from domain.orders.order import ORDER_TRANSITIONS, AutoClose, OrderStatus, SalesOrder
from domain.orders.shipments import SHIPMENT_TRANSITIONS, ShipmentStatus
from tests.unit.builders import T0, T1, T2, confirmed, order, spec

O = OrderStatus  # noqa: E741 - short names keep the tables readable
S = ShipmentStatus


def in_status(status: OrderStatus) -> SalesOrder:
    """An order brought to `status` by its verbs, with events and notifications forgotten."""
    made = order()
    if status == O.CONFIRMED:
        made.confirm(T0)
    elif status == O.CLOSED:
        made.confirm(T0)
        made.close(T0)
    elif status == O.CANCELLED:
        made.cancel(T0)
    made.pull_events()
    made.notifications.clear()
    return made


VERBS: dict[OrderStatus, Callable[[SalesOrder], None]] = {
    O.CONFIRMED: lambda o: o.confirm(T1),
    O.CLOSED: lambda o: o.close(T1),
    O.CANCELLED: lambda o: o.cancel(T1),
    # No verb leads back to draft; the table itself must refuse it.
    O.DRAFT: lambda o: o._change_status(O.DRAFT, T1),
}

ALLOWED = {
    (O.DRAFT, O.CONFIRMED),
    (O.DRAFT, O.CANCELLED),
    (O.CONFIRMED, O.CLOSED),
    (O.CONFIRMED, O.CANCELLED),
}
REFUSED = sorted((a, b) for a in O for b in O if (a, b) not in ALLOWED)


# --- order status ---------------------------------------------------------------------


def test_the_order_transition_table_is_exactly_the_product_rules() -> None:
    assert {(a, b) for a, targets in ORDER_TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_allowed_order_transition(old: OrderStatus, new: OrderStatus) -> None:
    made = in_status(old)
    VERBS[new](made)
    assert made.status == new
    first = made.pull_events()[0]
    assert isinstance(first, OrderStatusChanged)
    assert (first.order_code, first.old, first.new) == ("SO-00001", str(old), str(new))
    assert (made.notifications[0].subject, made.notifications[0].status) == ("order", str(new))


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_refused_order_transition(old: OrderStatus, new: OrderStatus) -> None:
    made = in_status(old)
    with pytest.raises(InvalidTransition) as caught:
        VERBS[new](made)
    assert caught.value.code == "order.invalid_transition"
    assert f"SO-00001 is {old}; it cannot become {new}" in caught.value.message
    assert made.status == old
    assert made.pull_events() == []
    assert made.notifications == []


def test_refusal_message_lists_what_is_possible() -> None:
    made = in_status(O.DRAFT)
    with pytest.raises(InvalidTransition) as caught:
        made.close(T1)
    assert caught.value.message == (
        "SO-00001 is draft; it cannot become closed "
        "(from draft it can become: cancelled, confirmed)."
    )


def test_cancel_refused_once_a_shipment_has_shipped() -> None:
    made = confirmed()
    made.split("GADGET", Decimal(2), T0)
    made.ship(1, T0)
    made.pull_events()
    notes = len(made.notifications)
    with pytest.raises(InvalidTransition) as caught:
        made.cancel(T1)
    assert caught.value.code == "order.cancel_shipped"
    assert made.status == O.CONFIRMED
    assert [s.status for s in made.shipments] == [S.SHIPPED, S.PENDING]
    assert made.pull_events() == []
    assert len(made.notifications) == notes


def test_cancel_refused_once_invoiced() -> None:
    made = confirmed()
    made.invoice("INV-00001", T0, [("WIDGET", Decimal(1))])
    made.pull_events()
    with pytest.raises(InvalidTransition) as caught:
        made.cancel(T1)
    assert caught.value.code == "order.cancel_invoiced"
    assert caught.value.message == "SO-00001 has invoice INV-00001; it cannot be cancelled."
    assert made.status == O.CONFIRMED
    assert made.shipments[0].status == S.PENDING
    assert made.pull_events() == []
    assert made.notifications == []


def test_cancel_cancels_the_open_shipments_too() -> None:
    made = confirmed()
    made.split("GADGET", Decimal(2), T0)
    made.mark_ready(2, T0)
    made.pull_events()
    made.cancel(T1, "customer changed their mind")
    assert made.status == O.CANCELLED
    assert [s.status for s in made.shipments] == [S.CANCELLED, S.CANCELLED]
    assert made.pull_events() == [
        OrderStatusChanged("SO-00001", "confirmed", "cancelled", "customer changed their mind"),
        ShipmentStatusChanged("SO-00001", 1, "pending", "cancelled"),
        ShipmentStatusChanged("SO-00001", 2, "ready", "cancelled"),
    ]


# --- shipment status through the order's verbs ----------------------------------------


def test_the_shipment_transition_table_is_exactly_the_product_rules() -> None:
    assert {(a, b) for a, targets in SHIPMENT_TRANSITIONS.items() for b in targets} == {
        (S.PENDING, S.READY),
        (S.PENDING, S.SHIPPED),
        (S.PENDING, S.CANCELLED),
        (S.READY, S.PENDING),
        (S.READY, S.SHIPPED),
        (S.READY, S.CANCELLED),
        (S.SHIPPED, S.DELIVERED),
    }


def with_shipment_2(status: ShipmentStatus) -> SalesOrder:
    """A confirmed order whose shipment 2 (1 x GADGET) is in `status`; shipment 1 pending."""
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("GADGET", Decimal(1), T0)
    second = made.shipment(2)
    if status == S.READY:
        made.mark_ready(2, T0)
    elif status == S.SHIPPED:
        made.ship(2, T0)
    elif status == S.DELIVERED:
        made.ship(2, T0)
        made.deliver(2, T0)
    elif status == S.CANCELLED:
        # Remove the GADGET line's quantity from shipment 2 by removing the line.
        made.remove_line("GADGET", T0)
    made.pull_events()
    made.notifications.clear()
    assert second.status == status
    return made


SHIPMENT_VERBS: dict[str, tuple[ShipmentStatus, Callable[[SalesOrder], object]]] = {
    "mark_ready": (S.READY, lambda o: o.mark_ready(2, T1)),
    "ship": (S.SHIPPED, lambda o: o.ship(2, T1)),
    "deliver": (S.DELIVERED, lambda o: o.deliver(2, T1)),
}
SHIPMENT_ALLOWED = {
    (S.PENDING, "mark_ready"),
    (S.PENDING, "ship"),
    (S.READY, "ship"),
    (S.SHIPPED, "deliver"),
}
SHIPMENT_CASES = [(status, verb) for status in S for verb in SHIPMENT_VERBS]


@pytest.mark.parametrize(("old", "verb"), [c for c in SHIPMENT_CASES if c in SHIPMENT_ALLOWED])
def test_allowed_shipment_transition(old: ShipmentStatus, verb: str) -> None:
    made = with_shipment_2(old)
    new, act = SHIPMENT_VERBS[verb]
    act(made)
    assert made.shipment(2).status == new
    assert made.shipment(1).status == S.PENDING
    assert made.pull_events() == [ShipmentStatusChanged("SO-00001", 2, str(old), str(new))]


@pytest.mark.parametrize(("old", "verb"), [c for c in SHIPMENT_CASES if c not in SHIPMENT_ALLOWED])
def test_refused_shipment_transition(old: ShipmentStatus, verb: str) -> None:
    made = with_shipment_2(old)
    new, act = SHIPMENT_VERBS[verb]
    with pytest.raises(InvalidTransition) as caught:
        act(made)
    if verb == "ship" and old in (S.SHIPPED, S.DELIVERED):  # naming it again corrects it
        assert caught.value.code == "shipment.already_shipped"
        assert f"Shipment 2 of SO-00001 is {old}; it cannot ship again" in caught.value.message
    else:
        assert caught.value.code == "shipment.invalid_transition"
        assert f"Shipment 2 of SO-00001 is {old}; it cannot become {new}" in caught.value.message
    assert made.shipment(2).status == old
    assert made.pull_events() == []
    assert made.notifications == []


def test_ship_records_carrier_tracking_and_time() -> None:
    made = confirmed()
    shipment = made.ship(None, T1, carrier="DHL", tracking="JD0001")
    assert (shipment.number, shipment.carrier, shipment.tracking_number) == (1, "DHL", "JD0001")
    assert shipment.shipped_at == T1
    assert made.notifications[-1].text == "Shipment 1 shipped with DHL, tracking JD0001."


def test_deliver_records_the_time_and_is_allowed_on_a_closed_order() -> None:
    made = confirmed()
    made.ship(None, T0)
    made.close(T1)
    shipment = made.deliver(None, T2)
    assert (shipment.status, shipment.delivered_at) == (S.DELIVERED, T2)


@pytest.mark.parametrize(
    ("status", "verb", "code"),
    [
        (O.DRAFT, "ship", "order.ship_not_confirmed"),
        (O.DRAFT, "mark_ready", "order.prepare_not_confirmed"),
        (O.DRAFT, "deliver", "order.deliver_not_confirmed"),
        (O.CANCELLED, "ship", "order.ship_not_confirmed"),
        (O.CANCELLED, "mark_ready", "order.prepare_not_confirmed"),
        (O.CANCELLED, "deliver", "order.deliver_not_confirmed"),
        # Closed by hand: its open shipments were cancelled, so none is left to move.
        (O.CLOSED, "ship", "shipment.none_to_ship"),
        (O.CLOSED, "mark_ready", "shipment.none_to_prepare"),
    ],
)
def test_shipment_verbs_need_a_confirmed_order(status: OrderStatus, verb: str, code: str) -> None:
    made = in_status(status)
    before = [s.status for s in made.shipments]
    with pytest.raises(InvalidTransition) as caught:
        getattr(made, verb)(None, T1)
    assert caught.value.code == code
    assert [s.status for s in made.shipments] == before
    assert made.notifications == []


def test_draft_refusal_says_to_confirm_first() -> None:
    with pytest.raises(InvalidTransition) as caught:
        in_status(O.DRAFT).ship(None, T1)
    assert caught.value.message == (
        "SO-00001 is draft; only a confirmed order can ship (confirm it first)."
    )


def test_verbs_without_a_number_pick_and_refuse_when_nothing_is_left() -> None:
    made = confirmed()
    made.ship(None, T0)
    with pytest.raises(InvalidTransition) as caught:
        made.ship(None, T1)
    assert caught.value.code == "shipment.none_to_ship"
    with pytest.raises(InvalidTransition) as caught:
        made.mark_ready(None, T1)
    assert caught.value.code == "shipment.none_to_prepare"
    made.deliver(None, T1)
    with pytest.raises(InvalidTransition) as caught:
        made.deliver(None, T1)
    assert caught.value.code == "shipment.none_to_deliver"


def test_an_unknown_shipment_number_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        confirmed().ship(7, T1)
    assert caught.value.code == "shipment.not_found"


# --- notifications ----------------------------------------------------------------------


def test_every_status_change_creates_one_pending_notification() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5))
    assert made.notifications == []
    made.confirm(T0)
    made.split("GADGET", Decimal(2), T0)
    made.mark_ready(1, T0)
    made.ship(1, T1, carrier="UPS")
    made.deliver(1, T2)
    made.close(T2)
    got = [(n.subject, n.status, n.shipment_number, n.state) for n in made.notifications]
    pending = NotificationState.PENDING
    assert got == [
        ("order", "confirmed", None, pending),
        ("shipment", "ready", 1, pending),
        ("shipment", "shipped", 1, pending),
        ("shipment", "delivered", 1, pending),
        ("order", "closed", None, pending),
        # Closing by hand cancels what was still in the warehouse, and says so.
        ("shipment", "cancelled", 2, pending),
    ]
    assert [n.created_at for n in made.notifications] == [T0, T0, T1, T2, T2, T2]
    assert made.notifications[0].text == "Order confirmed."
    assert made.notifications[2].text == "Shipment 1 shipped with UPS."
    assert made.notifications[4].text == "Order closed: closed by hand."
    assert made.pending_notifications() == made.notifications


def test_cancelling_notifies_the_order_and_each_open_shipment() -> None:
    made = order()
    made.split("GADGET", Decimal(2), T0)
    made.cancel(T1)
    assert [(n.subject, n.status, n.shipment_number) for n in made.notifications] == [
        ("order", "cancelled", None),
        ("shipment", "cancelled", 1),
        ("shipment", "cancelled", 2),
    ]


def test_changes_that_are_not_status_changes_notify_nobody() -> None:
    made = order(spec("WIDGET", 10), spec("GADGET", 5), spec("BOLT", 3))
    made.add_line(spec("NUT", 4), T0)
    made.set_terms(T0, reference="PO-7", shipping_charges=Decimal("5.00"))
    made.split("WIDGET", Decimal(4), T0)
    made.remove_line("NUT", T0)
    assert made.notifications == []
    made.confirm(T0)
    made.notifications.clear()
    made.invoice("INV-00001", T0, [("WIDGET", Decimal(1))])
    made.create_work_orders(WorkOrderScope.ALL, lambda: "WO-00001", T0)
    made.ship(1, T0)
    made.notifications.clear()
    made.create_return("RMA-00001", "WIDGET", Decimal(1), T1)
    made.split("WIDGET", Decimal(1), T1)
    assert made.notifications == []


def test_mark_notified_and_pending() -> None:
    made = confirmed()
    made.ship(None, T1)
    made.close(T1)
    first = made.pending_notifications()
    made.mark_notified(first[:1], T2)
    assert made.pending_notifications() == first[1:]
    assert (first[0].state, first[0].sent_at, first[0].send_count) == (
        NotificationState.SENT,
        T2,
        1,
    )


def test_an_order_closed_by_the_invoice_rule_still_ships() -> None:
    made = confirmed(spec("WIDGET", 10))
    made.invoice("INV-00001", T1)
    assert made.auto_close(AutoClose.ON_INVOICE, T1) is True
    assert made.status == O.CLOSED
    assert [s.status for s in made.shipments] == [S.PENDING]
    shipment = made.ship(None, T2, carrier="DHL")
    assert (shipment.status, shipment.carrier) == (S.SHIPPED, "DHL")
    assert made.deliver(None, T2).status == S.DELIVERED


def test_closing_by_hand_cancels_what_is_still_in_the_warehouse() -> None:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5))
    made.split("GADGET", Decimal(2), T0)
    made.ship(1, T1)
    made.close(T2)
    assert [s.status for s in made.shipments] == [S.SHIPPED, S.CANCELLED]
    assert made.backorder_lines() == []
