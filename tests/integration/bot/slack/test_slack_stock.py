"""Stock in Slack through signed requests: the /order new modal shows each typed
product's stock as lines are typed (the picked customer and its alerts kept), and /stock
answers."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.test_slack_commands import seed


def _typed(view_id: str, lines: str) -> dict[str, Any]:
    """The block action Slack sends when lines are typed in the modal, ACME picked."""
    picked = {"text": {"type": "plain_text", "text": "ACME · Acme SA"}, "value": "ACME"}
    return {
        "type": "block_actions",
        "user": {"id": "UREP"},
        "trigger_id": "trigger.typed",
        "container": {"type": "view", "view_id": view_id},
        "view": {
            "id": view_id,
            "hash": "1700000000.abc",
            "type": "modal",
            "callback_id": "order_new",
            "private_metadata": json.dumps({"channel": "C1"}),
            "state": {
                "values": {
                    "customer": {"customer_pick": {"selected_option": picked}},
                    "lines": {"value": {"type": "plain_text_input", "value": lines}},
                }
            },
        },
        "actions": [
            {
                "type": "plain_text_input",
                "action_id": "value",
                "block_id": "lines",
                "value": lines,
                "action_ts": "1700000001.000001",
            }
        ],
    }


async def test_the_order_modal_shows_the_stock_of_the_lines_typed(rig: SlackRig) -> None:
    seed(rig)
    bus = rig.app.bus
    bus.handle(c.OpenCase(customer="ACME", priority="critical", title="Invoice disputed"))
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=Decimal(8)))
    bus.handle(c.AddIncoming(product="WIDGET", quantity=Decimal(5), expected=date(2030, 12, 12)))
    status, _ = await rig.client.interaction(_typed("V7", "WIDGET 10\nBOX 2\nWID"))
    assert status == 200
    await rig.drain()
    [updated] = rig.api.of("views.update")
    view = updated["view"]
    blocks = [b["block_id"] for b in view["blocks"]]
    assert blocks[:4] == ["customer", "alerts", "lines", "stock"]
    [stock] = [b for b in view["blocks"] if b["block_id"] == "stock"]
    assert stock["elements"][0]["text"] == (
        "Stock: WIDGET: 8 free of 10 wanted, 5 expected 2030-12-12 · BOX: stock not kept"
    )
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "ACME"
    lines = view["blocks"][2]
    assert lines["dispatch_action"] is True


async def test_stock_answers_in_slack(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/stock", "receive WIDGET 12 ref:PO-1")
    assert "Received 12 x WIDGET in MAIN." in answer["text"]
    answer = await rig.run("/stock", "show WIDGET")
    assert "on hand 12 · reserved 0 · free 12" in answer["text"]
