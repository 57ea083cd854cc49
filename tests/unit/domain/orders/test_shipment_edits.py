"""Changing shipments after they were planned: moves, combining, rescheduling, the dates
that follow the due date, corrections once shipped, and which next states are named
(domain.orders.shipment_edits, domain.orders.reachable)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidTransition, ValidationFailed
from domain.events import (
    QuantityMovedToShipment,
    ShipmentPlanned,
    ShipmentsCombined,
    ShipmentStatusChanged,
    ShipmentTrackingCorrected,
)
from domain.orders import shipment_edits
from domain.orders.order import OrderStatus, SalesOrder
from domain.orders.reachable import reachable_states
from domain.orders.shipments import ShipmentStatus as S
from tests.unit.builders import T1, T2, D, confirmed, order, spec

DUE = date(2026, 3, 20)


def _held(made: SalesOrder) -> list[tuple[int, str, list[tuple[int, D]]]]:
    return [
        (s.number, str(s.status), [(sl.line_no, sl.quantity) for sl in s.lines])
        for s in made.shipments
    ]


def two_shipments() -> SalesOrder:
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5), due_date=DUE)
    made.split("WIDGET", D(4), T1, date(2026, 4, 1))
    made.pull_events()
    return made


def test_move_takes_a_quantity_from_one_pending_shipment_to_another() -> None:
    made = two_shipments()
    shipment_edits.move(made, "GADGET", D(2), 1, 2, T2)
    shipment_edits.move(made, "1", D(1), 2, 1, T2)
    assert _held(made) == [
        (1, "pending", [(1, D(7)), (2, D(3))]),
        (2, "pending", [(1, D(3)), (2, D(2))]),
    ]
    assert made.pull_events() == [
        QuantityMovedToShipment("SO-00001", "GADGET", D(2), 1, 2),
        QuantityMovedToShipment("SO-00001", "WIDGET", D(1), 2, 1),
    ]
    assert made.timeline[-2].text == "Moved 2 x GADGET from shipment 1 to shipment 2."


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("GADGET", D(6), 1, 2),
            "shipment.quantity_exceeded",
            (
                "quantity: shipment 1 of SO-00001 holds 5 of line 2 (GADGET); 6 cannot be moved "
                "(more than 0, at most 5)"
            ),
        ),
        (
            ("WIDGET", D(4), 2, 1),
            "shipment.would_be_empty",
            (
                "quantity: moving all of shipment 2 would leave it empty; to empty it into "
                "shipment 1 use /order combine SO-00001 from:2 to:1"
            ),
        ),
        (
            ("WIDGET", D(1), 2, 2),
            "shipment.same",
            "to: from:2 and to:2 are the same shipment; name two shipments",
        ),
    ],
)
def test_moves_that_cannot_be_are_refused(
    args: tuple[str, D, int, int], code: str, message: str
) -> None:
    made = two_shipments()
    before = _held(made)
    with pytest.raises(ValidationFailed) as caught:
        shipment_edits.move(made, *args, T2)
    assert (caught.value.code, caught.value.message) == (code, message)
    assert _held(made) == before


@pytest.mark.parametrize(
    ("status", "why"),
    [
        (S.READY, "it is packed (ready); only pending shipments change contents"),
        (S.SHIPPED, "it has shipped"),
    ],
)
def test_only_pending_shipments_move_or_combine(status: S, why: str) -> None:
    made = two_shipments()
    if status == S.READY:
        made.mark_ready(2, T1)
    else:
        made.ship(2, T1)
    with pytest.raises(InvalidTransition) as moved:
        shipment_edits.move(made, "WIDGET", D(1), 1, 2, T2)
    assert moved.value.message == f"Shipment 2 of SO-00001 cannot move: {why}."
    with pytest.raises(InvalidTransition) as combined:
        shipment_edits.combine(made, 2, 1, T2)
    assert combined.value.message == f"Shipment 2 of SO-00001 cannot combine: {why}."


def test_combine_empties_one_pending_shipment_into_another_and_cancels_it() -> None:
    made = two_shipments()
    target = shipment_edits.combine(made, 2, 1, T2)
    assert target.number == 1
    assert _held(made) == [(1, "pending", [(1, D(10)), (2, D(5))]), (2, "cancelled", [])]
    assert made.pull_events() == [
        ShipmentsCombined("SO-00001", 2, 1),
        ShipmentStatusChanged("SO-00001", 2, "pending", "cancelled"),
    ]


def test_plan_reschedules_a_pending_or_ready_shipment_and_tells_the_customer() -> None:
    made = two_shipments()
    made.mark_ready(2, T1)
    made.pull_events()
    shipment_edits.plan(made, 2, date(2026, 4, 8), T2)
    assert made.shipment(2).planned_date == date(2026, 4, 8)
    assert made.pull_events() == [
        ShipmentPlanned("SO-00001", 2, date(2026, 4, 1), date(2026, 4, 8))
    ]
    entry = made.timeline[-1]
    assert (entry.text, entry.public) == ("Shipment 2 planned for 2026-04-08.", True)


def test_a_shipment_that_left_is_not_rescheduled() -> None:
    made = two_shipments()
    made.ship(1, T1)
    with pytest.raises(InvalidTransition) as caught:
        shipment_edits.plan(made, 1, date(2026, 4, 8), T2)
    assert caught.value.message == "Shipment 1 of SO-00001 cannot be rescheduled: it has shipped."


def test_a_due_date_change_moves_the_pending_shipments_that_followed_it() -> None:
    made = two_shipments()  # 1 planned for the due date, 2 rescheduled by hand
    made.set_terms(T2, due_date=date(2026, 3, 27))
    assert [s.planned_date for s in made.shipments] == [
        date(2026, 3, 27),
        date(2026, 4, 1),
    ]
    assert [e.text for e in made.timeline[-2:]] == [
        "Changed due date.",
        "Shipment 1 planned for 2026-03-27 (it follows the due date).",
    ]


def test_a_ready_shipment_keeps_its_date_when_the_due_date_moves() -> None:
    made = two_shipments()
    made.mark_ready(1, T1)
    made.set_terms(T2, due_date=date(2026, 3, 27))
    assert made.shipment(1).planned_date == DUE


def test_ship_again_corrects_carrier_and_tracking_with_a_public_entry() -> None:
    made = confirmed(spec("WIDGET", 10))
    made.ship(1, T1, "DHL", "1Z999")
    made.pull_events()
    made.ship(1, T2, "", "1Z998")
    made.ship(1, T2, "UPS", "")
    shipment = made.shipment(1)
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == (
        S.SHIPPED,
        "UPS",
        "1Z998",
    )
    assert shipment.shipped_at == T1
    assert [(e.text, e.public) for e in made.timeline[-2:]] == [
        ("Shipment 1 corrected: tracking 1Z999 -> 1Z998.", True),
        ("Shipment 1 corrected: carrier DHL -> UPS.", True),
    ]
    assert made.pull_events() == [
        ShipmentTrackingCorrected("SO-00001", 1, "DHL", "1Z998"),
        ShipmentTrackingCorrected("SO-00001", 1, "UPS", "1Z998"),
    ]
    assert made.notifications[-1].status == "shipped"  # no new notification: one shipment


def test_next_states_name_only_those_reachable() -> None:
    made = confirmed(spec("WIDGET", 10))
    assert reachable_states(made) == {OrderStatus.CLOSED, OrderStatus.CANCELLED}
    made.ship(1, T1)
    assert reachable_states(made) == {OrderStatus.CLOSED}
    with pytest.raises(InvalidTransition) as caught:
        made.confirm(T2)
    assert caught.value.message == (
        "SO-00001 is confirmed; it cannot become confirmed (from confirmed it can become: closed)."
    )
    with pytest.raises(InvalidTransition, match="make a return instead of cancelling"):
        made.cancel(T2)
    draft = order(spec("WIDGET", 1))
    assert reachable_states(draft) == {OrderStatus.CONFIRMED, OrderStatus.CANCELLED}
