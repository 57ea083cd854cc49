"""The customer desk through Slack's signed requests: edits with the Slack user on the
history, cases and their priorities (managers only for changing them), the alert marks
of customer find, and the /order new modal showing the picked customer's alerts."""

from __future__ import annotations

import json
from typing import Any

from domain import commands as c
from tests.integration.bot.slack.conftest import MANAGER, SlackRig
from tests.integration.bot.slack.signing import buttons
from tests.integration.bot.slack.test_slack_commands import seed


def texts(answer: dict[str, Any]) -> str:
    """Every text of a card's sections and context lines, one per line."""
    found = []
    for block in answer["blocks"]:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e.get("text", "") for e in block.get("elements", []) if e.get("type") == "mrkdwn"]
    return "\n".join(found)


async def test_customer_edits_through_slack_name_the_user(rig: SlackRig) -> None:
    seed(rig)
    rig.app.bus.handle(c.AddAddress(customer="ACME", code="DEPOT", city="Lyon", country="FR"))
    answer = await rig.run("/customer", 'set ACME name:"Acme Group" lang:da')
    # ACME was made without a language: it had none (`-`) before.
    assert answer["text"].startswith("Customer ACME: name Acme SA -> Acme Group, language - -> da.")
    assert "<@UREP>: name Acme SA -> Acme Group, language - -> da" in texts(answer)
    answer = await rig.run("/customer", 'address ACME set HQ street:"2 rue Neuve" zip:75002')
    assert answer["text"].startswith("Address HQ: street - -> 2 rue Neuve, postal code - -> 75002.")
    answer = await rig.run("/customer", "address ACME remove HQ")
    assert answer["text"].startswith("Address HQ removed. DEPOT is now the default address.")
    answer = await rig.run("/customer", 'contact ACME set "Acme SA" phone:"+33 4 72 00 00 00"')
    assert answer["text"].startswith("Contact Acme SA: phone - -> +33 4 72 00 00 00.")
    answer = await rig.run("/customer", 'contact ACME remove "Acme SA"')
    assert answer["text"].startswith("Contact Acme SA removed. ACME has no contact left.")
    answer = await rig.run("/customer", "set ACME vat:FR123")
    assert answer["text"].startswith("Refused: vat_number: 'FR123' is not a valid EU VAT number")
    history = rig.app.bus.handle(c.ShowCustomer(code="ACME")).history
    assert [(h.actor, h.text) for h in history][:2] == [
        ("UREP", "contact Acme SA removed"),
        ("UREP", "contact Acme SA: phone - -> +33 4 72 00 00 00"),
    ]


async def test_cases_through_slack(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/case", 'new ACME medium "Broken pallet"')
    assert answer["text"].startswith("Case 1 opened for ACME.")
    answer = await rig.run("/case", "set 1 priority:critical")
    assert answer["text"].startswith("Case 1: priority medium -> critical (now an active alert).")
    assert ":warning: *active alert*" in texts(answer)
    answer = await rig.run("/case", "note 1 the carrier calls back at 3")
    assert "<@UREP> wrote: the carrier calls back at 3" in texts(answer)
    card = await rig.run("/case", "show 1")
    assert card["text"].startswith("#1 ACME critical open ⚠ ALERT: Broken pallet")
    assert set(buttons(card)) == {"Close", "Customer"}
    found = await rig.run("/customer", "find acme")
    assert "*ACME* Acme SA _(code, 100)_ :warning: Broken pallet" in texts(found)
    await rig.client.click(buttons(card)["Close"])
    await rig.drain()
    closed = rig.api.responses()[-1]
    assert closed["text"].startswith("Case 1 closed.")
    assert set(buttons(closed)) == {"Customer"}
    assert ":warning:" not in texts(await rig.run("/customer", "find acme"))


async def test_only_managers_change_priorities_and_the_alert_follows(rig: SlackRig) -> None:
    seed(rig)
    rig.app.bus.handle(c.OpenCase(customer="ACME", priority="high", title="Broken pallet"))
    answer = await rig.run("/case", "priority set high alert:no", user="UREP")
    assert answer["text"].startswith("Sorry, only managers may do that.")
    answer = await rig.run("/case", "priority new urgent alert:yes", user="UREP")
    assert answer["text"].startswith("Sorry, only managers may do that.")
    answer = await rig.run("/case", "priority", user="UREP")
    assert "high       raises an alert" in answer["text"]
    answer = await rig.run("/case", "priority set high alert:no", user=MANAGER)
    assert answer["text"].startswith(
        "Priority high now raises no alert. Its open case #1 is no longer an active alert."
    )
    [case] = rig.app.bus.handle(c.ListCases()).items
    assert not case.active_alert
    assert case.notes[-1].author == MANAGER
    answer = await rig.run("/case", "priority new urgent alert:yes", user=MANAGER)
    assert answer["text"].startswith("Priority urgent added; it raises an alert.")


def _pick(view_id: str, code: str, label: str) -> dict[str, Any]:
    """The block action Slack sends when a customer is picked in the modal."""
    return {
        "type": "block_actions",
        "user": {"id": "UREP"},
        "trigger_id": "trigger.pick",
        "container": {"type": "view", "view_id": view_id},
        "view": {
            "id": view_id,
            "hash": "1700000000.abc",
            "type": "modal",
            "callback_id": "order_new",
            "private_metadata": json.dumps({"channel": "C1"}),
            "state": {"values": {}},
        },
        "actions": [
            {
                "type": "external_select",
                "action_id": "customer_pick",
                "block_id": "customer",
                "selected_option": {"text": {"type": "plain_text", "text": label}, "value": code},
                "action_ts": "1700000001.000001",
            }
        ],
    }


def _alerts(view: dict[str, Any]) -> str:
    return "".join(b["text"]["text"] for b in view["blocks"] if b.get("block_id") == "alerts")


async def test_the_order_modal_shows_the_picked_customers_alerts(rig: SlackRig) -> None:
    seed(rig)
    bus = rig.app.bus
    bus.handle(c.CreateCustomer(code="BETA", name="Beta"))
    bus.handle(c.OpenCase(customer="ACME", priority="critical", title="Invoice disputed"))
    bus.handle(c.OpenCase(customer="ACME", priority="low", title="Wants a catalogue"))
    await rig.client.command("/order", "new ACME", trigger="trig.acme")
    await rig.drain()
    [opened] = rig.api.of("views.open")
    customer_block = opened["view"]["blocks"][0]
    assert customer_block["dispatch_action"] is True
    assert (
        _alerts(opened["view"])
        == ":warning: *Active alerts*\n• Case #1 (critical): Invoice disputed"
    )
    status, _ = await rig.client.interaction(_pick("V42", "ACME", "ACME · Acme SA"))
    assert status == 200
    await rig.drain()
    [updated] = rig.api.of("views.update")
    assert (updated["view_id"], updated["hash"]) == ("V42", "1700000000.abc")
    assert "Invoice disputed" in _alerts(updated["view"])
    assert "catalogue" not in json.dumps(updated["view"])
    blocks = [b["block_id"] for b in updated["view"]["blocks"]]
    assert blocks[:3] == ["customer", "alerts", "lines"]
    await rig.client.interaction(_pick("V42", "BETA", "BETA · Beta"))
    await rig.drain()
    calm = rig.api.of("views.update")[-1]["view"]
    assert _alerts(calm) == ""
    assert calm["blocks"][0]["element"]["initial_option"]["value"] == "BETA"
    suggestion = {
        "type": "block_suggestion",
        "user": {"id": "UREP"},
        "action_id": "customer_pick",
        "block_id": "customer",
        "value": "acme",
        "view": {"id": "V42", "callback_id": "order_new"},
    }
    _, text = await rig.client.interaction(suggestion)
    labels = [o["text"]["text"] for o in json.loads(text)["options"]]
    assert labels == ["ACME · Acme SA ⚠ Invoice disputed"]
