"""A customer's PO already on an order, from Slack: the slash command and the modal.

Through the real Bolt app over HTTP with signed requests, against the Web API
stand-in: the same refusal as at the other doors (tests/integration/orders/
test_duplicate_reference.py), in the order factory's words, and `--allow-duplicate-ref`
(or the modal's box) to make the second order on purpose.
"""

from __future__ import annotations

from domain import commands as c
from domain.orders.factory import reference_taken
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.test_slack_commands import seed
from tests.integration.bot.slack.test_slack_requests import _submission

RULE = reference_taken("po-77", "SO-00001", "ACME")
HINT = "To give this customer a second order with the same reference, add --allow-duplicate-ref."


def _codes(rig: SlackRig) -> list[str]:
    return sorted(o.code for o in rig.app.bus.handle(c.ListOrders()).items)


async def test_order_new_refuses_a_po_already_ordered_unless_allowed(rig: SlackRig) -> None:
    seed(rig)
    first = await rig.run("/order", "new ACME WIDGET 1 ref:PO-77")
    assert first["text"].startswith("Created SO-00001.")
    refused = await rig.run("/order", "new ACME WIDGET 2 ref:' po-77 '")
    assert refused["text"].splitlines()[:2] == [f"Refused: reference: {RULE}", HINT]
    assert "[--allow-duplicate-ref]" in refused["text"]
    assert _codes(rig) == ["SO-00001"]
    allowed = await rig.run("/order", "new ACME WIDGET 2 ref:po-77 --allow-duplicate-ref")
    assert allowed["text"].startswith("Created SO-00002.")
    assert _codes(rig) == ["SO-00001", "SO-00002"]


async def test_the_modal_refuses_it_unless_its_box_is_ticked(rig: SlackRig) -> None:
    seed(rig)
    await rig.run("/order", "new ACME WIDGET 1 ref:PO-77")
    for view, ticked in (("V1", []), ("V2", [{"value": "yes"}])):
        payload = _submission(view, "ACME", "WIDGET 2", ref="po-77", dup_ref=ticked)
        assert await rig.client.interaction(payload) == (200, "")
        await rig.drain()
    refused, made = (p["text"] for p in rig.api.of("chat.postEphemeral"))
    assert refused.splitlines() == [
        f"The order was not created: reference: {RULE}",
        'Tick "Allow a reference already on another order" to create it all the same.',
    ]
    assert made.startswith("Created SO-00002.")
    assert _codes(rig) == ["SO-00001", "SO-00002"]
