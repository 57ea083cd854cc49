"""The `/order new` modal checks its customer and products before it closes.

Through the real Bolt app over HTTP with signed requests, against the Web API stand-in:
a product or customer that does not exist (or a product no longer sold) is answered
with `response_action: errors` under its field, with the "did you mean" of every
refusal and in the user's language, and nothing is written; a good submission still
closes the modal and creates the order once.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from bot.slack.app import CommandBus
from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.test_slack_commands import seed
from tests.integration.bot.slack.test_slack_requests import _submission


def _codes(rig: SlackRig) -> list[str]:
    return [o.code for o in rig.app.bus.handle(c.ListOrders()).items]


async def _submit(rig: SlackRig, payload: dict[str, Any]) -> dict[str, Any]:
    status, text = await rig.client.interaction(payload)
    await rig.drain()
    assert status == 200
    return json.loads(text) if text else {}


async def test_an_unknown_product_keeps_the_modal_open_with_a_suggestion(rig: SlackRig) -> None:
    seed(rig)
    answer = await _submit(rig, _submission("V1", "ACME", "WIDGET 2\nBOXX 1\nGIZMO 3"))
    assert answer == {
        "response_action": "errors",
        "errors": {
            "lines": "Line 2: No product BOXX. Did you mean BOX?\nLine 3: No product GIZMO."
        },
    }
    assert _codes(rig) == []
    assert rig.api.of("chat.postEphemeral") == []
    assert rig.api.of("chat.postMessage") == []
    # nothing was numbered either: the corrected submission makes the first order
    assert await _submit(rig, _submission("V1", "ACME", "WIDGET 2\nBOX 1")) == {}
    assert _codes(rig) == ["SO-00001"]


async def test_an_unknown_customer_and_a_product_no_longer_sold(rig: SlackRig) -> None:
    seed(rig)
    rig.app.bus.handle(c.SetProduct(code="BOX", active=False))
    answer = await _submit(rig, _submission("V2", "ACMEE", "BOX 1"))
    assert answer == {
        "response_action": "errors",
        "errors": {
            "customer": "No customer ACMEE. Did you mean ACME?",
            "lines": "Line 1: product: BOX is no longer sold",
        },
    }
    assert _codes(rig) == []


async def _errors_for(rig: SlackRig, user: str, locale: str) -> dict[str, Any]:
    rig.api.locales[user] = locale
    status, _ = await rig.client.command("/order", "new", user=user)  # the locale is asked
    await rig.drain()
    assert status == 200
    payload = _submission("V3", "ACMEE", "WIDGT 2")
    payload["user"] = {"id": user}
    answer = await _submit(rig, payload)
    assert answer["response_action"] == "errors"
    assert _codes(rig) == []
    return dict(answer["errors"])


async def test_a_french_user_reads_the_modal_errors_in_french(rig: SlackRig) -> None:
    seed(rig)
    assert await _errors_for(rig, "UFR", "fr-FR") == {
        "customer": "Aucun client ACMEE. Vouliez-vous dire ACME ?",
        "lines": "Ligne 1 : Aucun article WIDGT. Vouliez-vous dire WIDGET ?",
    }


async def test_a_danish_user_reads_the_modal_errors_in_danish(rig: SlackRig) -> None:
    seed(rig)
    assert await _errors_for(rig, "UDA", "da-DK") == {
        "customer": "Ingen kunde ACMEE. Mente du ACME?",
        "lines": "Linje 1: Ingen vare WIDGT. Mente du WIDGET?",
    }


async def test_a_good_submission_closes_the_modal_and_creates_the_order_once(
    rig: SlackRig,
) -> None:
    seed(rig)
    payload = _submission("V4", "acme", "widget 2")
    for _ in range(2):
        assert await _submit(rig, payload) == {}
    assert _codes(rig) == ["SO-00001"]
    posted = [p["text"] for p in rig.api.of("chat.postEphemeral")]
    assert posted[0].startswith("Created SO-00001.")


class SlowCheck:
    """The real bus, but the modal's check takes longer than Slack waits."""

    def __init__(self, bus: CommandBus) -> None:
        self.bus = bus

    async def handle(self, cmd: c.Command) -> Any:
        if isinstance(cmd, c.CheckNewOrder):
            await asyncio.sleep(5)
        return await self.bus.handle(cmd)


async def test_a_slow_check_is_given_up_and_the_factory_decides(rig: SlackRig) -> None:
    seed(rig)
    rig.deps.bus = SlowCheck(rig.deps.bus)
    started = time.monotonic()
    status, text = await rig.client.interaction(_submission("V5", "ACME", "BOXX 1"))
    assert (status, text) == (200, "")
    assert time.monotonic() - started < 3.0
    await rig.drain()
    [refused] = [p["text"] for p in rig.api.of("chat.postEphemeral")]
    assert refused == "The order was not created: No product BOXX. Did you mean BOX?"
    assert _codes(rig) == []
