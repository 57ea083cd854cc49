"""What happens to an order is posted into its thread once, with who did it, and its card
is updated in place once per command; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bootstrap.outbox import outbox_relay
from domain import commands as c
from tests.integration.threads.conftest import ClockedShop
from tests.servers.slack_api import SlackApiStub


async def test_changes_post_once_with_their_actor_and_update_the_card(
    shop: ClockedShop, slack_api: SlackApiStub
) -> None:
    app, clock = shop.app, shop.clock
    rita = {"actor": "UREP", "actor_name": "rita", "actor_door": "slack"}
    line = c.LineInput(product="COFFEE", quantity=Decimal(2))
    app.bus.handle(c.CreateOrder(customer="ACME0", lines=(line,), **rita))
    relay = outbox_relay(app, clock, log_passes=False)
    await relay.run_once()
    [card] = slack_api.of("chat.postMessage")
    assert "SO-00001" in str(card["text"])
    assert slack_api.of("chat.update") == []

    app.bus.handle(c.ConfirmOrder(code="SO-00001", **rita))
    app.bus.handle(
        c.PlanShipment(
            code="SO-00001", shipment=1, planned_date=date(2026, 3, 10),
            actor="ann", actor_door="console",
        )
    )  # fmt: skip
    await relay.run_once()
    await relay.run_once()  # nothing is posted twice
    threaded = [str(p["text"]) for p in slack_api.of("chat.postMessage") if p.get("thread_ts")]
    assert threaded == [
        "SO-00001 is now confirmed (by rita).",
        "Shipment 1 of SO-00001 is planned for 2026-03-10 (by ann).",
    ]
    updates = slack_api.of("chat.update")
    assert len(updates) == 2  # one a command
    assert "confirmed" in str(updates[-1]["text"])


async def test_a_line_added_updates_the_card_with_the_new_total(
    shop: ClockedShop, slack_api: SlackApiStub
) -> None:
    app, clock = shop.app, shop.clock
    line = c.LineInput(product="COFFEE", quantity=Decimal(2))
    app.bus.handle(c.CreateOrder(customer="ACME0", lines=(line,)))
    relay = outbox_relay(app, clock, log_passes=False)
    await relay.run_once()
    more = c.LineInput(product="TEA", quantity=Decimal(3))
    app.bus.handle(c.AddLine(code="SO-00001", line=more))  # the lean write of new lines
    app.bus.handle(c.AddLine(code="SO-00001", line=more))
    await relay.run_once()
    updates = slack_api.of("chat.update")
    assert len(updates) == 2
    assert "Lines: 3" in str(updates[-1]["blocks"])
    shown = app.bus.handle(c.ShowOrder(code="SO-00001")).order
    assert len(shown.lines) == 3
