"""The `/order` forms that change lines and shipments: each line typed becomes its
command, signed with the door's actor; a wrong line says what was wrong."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c

DOOR = Door(today=date(2026, 11, 23), actor="U0REP", source="slack", actor_name="rep.one")
GRAMMAR = build_grammar()
SIGNED = {"actor": "U0REP", "actor_name": "rep.one", "actor_door": "slack"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "order change SO-00001 2 qty:4 price:@9.50 discount:5%",
            c.ChangeLine(
                code="SO-00001",
                line="2",
                quantity=D(4),
                price=D("9.50"),
                discount_percent=D(5),
                discount_amount=D(0),
            ),
        ),
        (
            "order change SO-00001 2 discount:-2.50",
            c.ChangeLine(
                code="SO-00001", line="2", discount_percent=D(0), discount_amount=D("2.50")
            ),
        ),
        (
            "order change SO-00001 GADGET qty:1",
            c.ChangeLine(code="SO-00001", line="GADGET", quantity=D(1)),
        ),
        (
            "order move SO-00001 1 2 from:1 to:2",
            c.MoveQuantity(
                code="SO-00001", line="1", quantity=D(2), from_shipment=1, to_shipment=2
            ),
        ),
        (
            "order combine SO-00001 from:3 to:1",
            c.CombineShipments(code="SO-00001", from_shipment=3, to_shipment=1),
        ),
        (
            "order plan SO-00001 2 date:+7d",
            c.PlanShipment(code="SO-00001", shipment=2, planned_date=date(2026, 11, 30)),
        ),
        ("order remove SO-00001 3", c.RemoveLine(code="SO-00001", product="3")),
    ],
)
def test_each_edit_line_becomes_its_signed_command(line: str, expected: c.Command) -> None:
    parsed = GRAMMAR.parse(line, DOOR, "slack")
    assert parsed.command == expected.model_copy(update=SIGNED)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("order change SO-00001 2", "say what changes: qty:Q, price:P or discount:D (one or more)"),
        ("order change SO-00001 2 qty:0", "qty 0 must be more than 0"),
        ("order change SO-00001 2 price:-1", "price -1 cannot be negative"),
        ("order change SO-00001 qty:2", "some words are missing"),
        ("order move SO-00001 1 2 from:1", "name both shipments: to:N missing"),
        ("order move SO-00001 1 2 from:one to:2", "from: 'one' is not a whole number"),
        ("order combine SO-00001", "name both shipments: from:N and to:N missing"),
        ("order plan SO-00001 2", "give the new date: date:DATE"),
        ("order plan SO-00001 2 date:someday", "'someday' is not a date"),
    ],
)
def test_wrong_edit_lines_say_what_was_wrong(line: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        GRAMMAR.parse(line, DOOR, "slack")
    assert caught.value.message.startswith(message), caught.value.message


def test_help_lists_the_edit_forms() -> None:
    shown = GRAMMAR.help("order")
    for form in (
        "/order change CODE LINE [qty:Q] [price:P] [discount:10%|2.50]",
        "/order move CODE LINE QTY from:N to:M",
        "/order combine CODE from:N to:M",
        "/order plan CODE SHIPMENT date:DATE",
        "/order remove CODE LINE|PRODUCT",
    ):
        assert form in shown
