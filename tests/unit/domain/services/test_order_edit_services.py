"""The editing commands through the bus, on the in-memory fakes: each entry a command
writes is signed with its actor (and only those), and a refusal writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain import commands as c
from domain.actors import ActorDoor
from domain.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from tests.unit.domain.services.test_services import World, make_world, new_order

D = Decimal
REP = {"actor": "U0REP", "actor_name": "rep", "actor_door": "slack"}


def _entries(world: World) -> list[tuple[str, str, str, str]]:
    order = world.store.state.orders["so-00001"]
    return [(e.text, e.actor_door, e.actor_id, e.actor_name) for e in order.timeline]


@pytest.fixture
def world() -> World:
    made = make_world()
    new_order(made, confirm=True, actor="ann", actor_door="console")
    made.bus.handle(
        c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(4), actor="ann")
    )  # no door named: the id alone
    return made


def test_each_command_signs_its_own_entries_only(world: World) -> None:
    world.bus.handle(c.ChangeLine(code="SO-00001", line="BOOK", quantity=D(3), **REP))
    world.bus.handle(
        c.PlanShipment(code="SO-00001", shipment=2, planned_date=date(2026, 4, 1), **REP)
    )
    world.bus.handle(c.ShipOrder(code="SO-00001", shipment=1, tracking="1Z", actor="job-x"))
    assert _entries(world) == [
        ("Order created (console) with 2 line(s).", "console", "ann", ""),
        ("Order confirmed.", "console", "ann", ""),
        ("Shipment 2 planned.", "unknown", "ann", ""),
        ("Line 2 (BOOK): quantity 2 -> 3.", "slack", "U0REP", "rep"),
        ("Shipment 2 planned for 2026-04-01.", "slack", "U0REP", "rep"),
        ("Shipment 1 shipped.", "unknown", "job-x", ""),
    ]
    order = world.store.state.orders["so-00001"]
    assert order.timeline[3].actor.door == ActorDoor.SLACK
    assert order.timeline[2].actor.is_known


def test_a_command_naming_no_one_signs_as_unknown(world: World) -> None:
    world.bus.handle(c.CombineShipments(code="SO-00001", from_shipment=2, to_shipment=1))
    assert _entries(world)[-2:] == [
        ("Shipment 2 combined into shipment 1.", "unknown", "", ""),
        ("Shipment 2 cancelled.", "unknown", "", ""),
    ]
    assert not world.store.state.orders["so-00001"].timeline[-1].actor.is_known


@pytest.mark.parametrize(
    ("cmd", "error"),
    [
        (c.ChangeLine(code="SO-00001", line="9", quantity=D(1)), NotFound),
        (c.ChangeLine(code="SO-00001", line="WIDGET", price=D("-1")), ValidationFailed),
        (
            c.MoveQuantity(
                code="SO-00001", line="WIDGET", quantity=D(7), from_shipment=1, to_shipment=2
            ),
            ValidationFailed,
        ),
        (c.CombineShipments(code="SO-00001", from_shipment=1, to_shipment=3), NotFound),
        (c.PlanShipment(code="SO-00002", shipment=1, planned_date=date(2026, 4, 1)), NotFound),
    ],
)
def test_a_refused_edit_writes_nothing(
    world: World, cmd: c.Command, error: type[DomainError]
) -> None:
    before, entries = world.snapshot(), _entries(world)
    with pytest.raises(error):
        world.bus.handle(cmd.model_copy(update=REP))
    assert world.snapshot() == before
    assert _entries(world) == entries


def test_a_shipped_shipment_is_not_rescheduled_and_says_why(world: World) -> None:
    world.bus.handle(c.ShipOrder(code="SO-00001", shipment=1))
    before = world.snapshot()
    with pytest.raises(InvalidTransition) as caught:
        world.bus.handle(c.PlanShipment(code="SO-00001", shipment=1, planned_date=date(2026, 4, 1)))
    assert caught.value.message == "Shipment 1 of SO-00001 cannot be rescheduled: it has shipped."
    assert world.snapshot() == before
