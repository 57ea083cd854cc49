"""Editing an order from Slack through the real AsyncApp, signed requests over HTTP: the
card's history names the Slack user who did it, by name and mention, and the stored
timeline keeps the user's id, name and door."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig


def _seed(rig: SlackRig) -> None:
    bus = rig.app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(2))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), actor="U0SCRIPT", actor_door="cli"))


def _history(answer: dict[str, object]) -> str:
    blocks = answer["blocks"]
    assert isinstance(blocks, list)
    texts = [b["text"]["text"] for b in blocks if b.get("type") == "section" and "text" in b]
    found = [t for t in texts if t.startswith("*History*")]
    assert len(found) == 1, texts
    return str(found[0])


async def test_the_card_history_names_the_slack_user_who_changed_the_line(rig: SlackRig) -> None:
    _seed(rig)
    answer = await rig.run("/order", "change SO-00001 WIDGET qty:3 price:11.00", user="UREP")
    assert answer["text"].startswith("Changed line 1 (WIDGET) of SO-00001.")
    history = _history(answer).split("\n")[1:]
    assert [row.split(" ", 2)[2] for row in history] == [
        "urep (Slack <@UREP>): Line 1 (WIDGET): price €12.50 -> €11.00, quantity 2 -> 3.",
        "U0SCRIPT (command line): Order created (console) with 1 line(s).",
    ]
    assert "urep (Slack UREP): Line 1 (WIDGET)" in answer["text"]  # the fallback text
    order = rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order
    last = order.timeline[-1]
    assert (last.actor_door, last.actor_id, last.actor_name) == ("slack", "UREP", "urep")


async def test_a_refused_change_in_slack_lists_the_line_numbers(rig: SlackRig) -> None:
    _seed(rig)
    rig.app.bus.handle(
        c.AddLine(code="SO-00001", line=c.LineInput(product="WIDGET", quantity=Decimal(1)))
    )
    answer = await rig.run("/order", "remove SO-00001 widget", user="UREP")
    assert answer["text"].startswith(
        "Refused: line: WIDGET is on lines 1, 2 of SO-00001; give the line number instead"
    )
    assert len(rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order.lines) == 2
