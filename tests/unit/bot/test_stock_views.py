"""Availability where the team reads it: `order show`, the Slack order card and the
customer desk's backorder lines (text and Slack), and the stock commands' answers."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from bot.language.grammar import Door, build_grammar
from bot.slack.cards import CardOptions, customer_blocks, order_blocks
from bot.views.json import to_json
from bot.views.text import render
from domain import commands as c
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import CustomerView, OrderView
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal


def _world() -> tuple[MessageBus, str, str]:
    """Two confirmed orders of 5 WIDGET for 8 on hand, 4 more expected on 2030-12-12."""
    bus = MessageBus(FakeStore().uow_factory, FakeClock(), Policy())
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("2.50")))
    bus.handle(c.CreateProduct(code="BOOK", name="Book", price=D(12)))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="b@acme.test"))
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(8)))
    bus.handle(c.AddIncoming(product="WIDGET", quantity=D(4), expected=date(2030, 12, 12)))
    codes = []
    for lines in ((("WIDGET", 5), ("BOOK", 1)), (("WIDGET", 5),)):
        made = bus.handle(
            c.CreateOrder(
                customer="ACME",
                lines=tuple(c.LineInput(product=p, quantity=D(q)) for p, q in lines),
                confirm=True,
            )
        )
        codes.append(made.order.code)
    return bus, codes[0], codes[1]


def test_order_show_says_what_each_line_can_ship_and_when() -> None:
    bus, first, second = _world()
    text = render(bus.handle(c.ShowOrder(code=second)))
    assert (
        "1. WIDGET            5 x €2.50  = €12.50 · partly available (3), expected 2030-12-12"
        in text
    )
    shown = render(bus.handle(c.ShowOrder(code=first)))
    assert "= €12.50 · available\n" in shown
    assert "2. BOOK              1 x €12.00  = €12.00\n" in shown  # not tracked: nothing said


def test_the_slack_card_shows_availability_on_its_lines() -> None:
    bus, _first, second = _world()
    view: OrderView = bus.handle(c.ShowOrder(code=second))
    blocks = json.dumps(order_blocks(view, CardOptions()), ensure_ascii=False)
    assert "= €12.50 · _partly available (3), expected 2030-12-12_" in blocks


def test_the_customer_desk_shows_backorders_with_their_stock() -> None:
    bus, first, second = _world()
    view: CustomerView = bus.handle(c.ShowCustomer(code="ACME"))
    text = render(view)
    assert f"Backorder {second}: 5 x WIDGET · partly available (3), expected 2030-12-12" in text
    assert f"Backorder {first}: 5 x WIDGET · available" in text
    assert f"Backorder {first}: 1 x BOOK, expected" not in text
    blocks = json.dumps(customer_blocks(view, CardOptions()), ensure_ascii=False)
    assert f"{second}: 5 x WIDGET · partly available (3), expected 2030-12-12" in blocks


def test_stock_commands_are_typed_and_answered() -> None:
    bus, _first, _second = _world()
    grammar, door = build_grammar(), Door(today=date(2026, 12, 7), actor="U1", manager=True)
    line = '/stock adjust WIDGET -1 reason:"found broken"'
    command = grammar.parse(line, door).command
    assert command == c.AdjustStock(
        product="WIDGET",
        quantity=D(-1),
        reason="found broken",
        actor="U1",
        manager=True,
        actor_door="console",
    )
    answer = render(bus.handle(command))
    assert "Adjusted WIDGET in MAIN by -1." in answer
    assert "WIDGET       MAIN     on hand 7 · reserved 7 · free 0" in answer
    assert "adjusted -1 in MAIN (then 7) by U1: found broken" in answer
    listed = render(bus.handle(grammar.parse("/stock list below:1", door).command))
    assert listed.splitlines()[1:] == ["  WIDGET       MAIN     on hand 7 · reserved 7 · free 0"]


def test_order_split_takes_backorders_as_a_flag() -> None:
    grammar, door = build_grammar(), Door(today=date(2026, 12, 7), actor="U1")
    assert grammar.parse("/order split SO-00001 --backorders", door).command == (
        c.SplitBackorders(code="SO-00001", actor="U1", actor_door="console")
    )
    plain = grammar.parse("/order split SO-00001 WIDGET 2 date:+7d", door).command
    assert plain == c.SplitShipment(
        code="SO-00001",
        product="WIDGET",
        quantity=D(2),
        planned_date=date(2026, 12, 14),
        actor="U1",
        actor_door="console",
    )


def test_order_show_as_json_carries_availability() -> None:
    bus, _first, second = _world()
    data = to_json(bus.handle(c.ShowOrder(code=second)))
    assert data["availability"] == [
        {
            "line_no": 1,
            "product_code": "WIDGET",
            "wanted": "5",
            "reserved": "3",
            "expected": "2030-12-12",
            "state": "partly available",
            "missing": "2",
        }
    ]


def test_a_movement_says_what_it_was_in_the_readers_language() -> None:
    from datetime import UTC, datetime

    from bot.views.stock import movement_text
    from domain.stock.levels import Movement, MovementKind
    from l10n.formats import Formats
    from l10n.translation import speaking

    moved = Movement(
        "WIDGET", "MAIN", D(10), MovementKind.RECEIVED, datetime(2026, 12, 7, 9, tzinfo=UTC),
        actor="U1", on_hand_after=D(10),
    )  # fmt: skip
    said = {}
    for lang in ("en", "fr", "da"):
        with speaking(lang):
            said[lang] = movement_text(moved, Formats(locale=lang))
    assert said["en"] == "2026-12-07 09:00 received +10 in MAIN (then 10) by U1"
    assert " reçu +10 " in said["fr"], said["fr"]
    assert " modtaget +10 " in said["da"], said["da"]
