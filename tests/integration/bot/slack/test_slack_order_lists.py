"""`/order list` in Slack: pages of twenty with a *More* button, and *Export*, which sends
the whole list as an .xlsx file to the asker's direct messages (the Web API stand-in
receives the upload)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl

from domain import commands as c
from domain.orders.listing import SHEET_HEADER
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons


def orders(rig: SlackRig, count: int) -> None:
    """SO-00001.. for ACME (odd ones confirmed) and BETA (even ones), PO-1.."""
    bus = rig.app.bus
    bus.handle(c.CreateProduct(code="BREAD", name="Bread", price=Decimal("2.50")))
    for code in ("ACME", "BETA"):
        bus.handle(c.CreateCustomer(code=code, name=f"{code.title()} SA"))
    line = (c.LineInput(product="BREAD", quantity=Decimal(2)),)
    for n in range(1, count + 1):
        customer = "ACME" if n % 2 else "BETA"
        bus.handle(c.CreateOrder(customer=customer, lines=line, reference=f"PO-{n}",
                                 confirm=bool(n % 2)))  # fmt: skip


def _codes(message: dict[str, object]) -> list[str]:
    found = []
    for block in message["blocks"]:  # type: ignore[attr-defined]
        accessory = block.get("accessory") or {}
        if accessory.get("text", {}).get("text") == "Open":
            found.append(accessory["value"].removeprefix("order show "))
    return found


async def test_more_fetches_the_next_page_until_the_list_ends(rig: SlackRig) -> None:
    orders(rig, 25)
    first = await rig.run("/order", "list")
    assert _codes(first) == [f"SO-{n:05d}" for n in range(25, 5, -1)]
    more = buttons(first)["More"]
    assert more["value"] == "order list after:SO-00006"
    assert buttons(first)["Export"]["value"] == "order export"
    await rig.client.click(more, message_ts="2.0")
    await rig.drain()
    second = rig.api.responses()[-1]
    assert _codes(second) == [f"SO-{n:05d}" for n in range(5, 0, -1)]
    assert "More" not in buttons(second)  # the end of the list
    assert buttons(second)["Export"]["value"] == "order export"


async def test_filters_travel_with_more_and_export(rig: SlackRig) -> None:
    orders(rig, 45)
    first = await rig.run("/order", "list ACME to-ship since:2020-01-01")
    assert len(_codes(first)) == 20
    assert buttons(first)["More"]["value"] == (
        "order list ACME to-ship since:2020-01-01 after:SO-00007"
    )
    assert buttons(first)["Export"]["value"] == "order export ACME to-ship since:2020-01-01"
    one = await rig.run("/order", "list ref:po-7")
    assert _codes(one) == ["SO-00007"]
    assert "More" not in buttons(one)


async def test_export_uploads_the_whole_list_to_the_askers_messages(rig: SlackRig) -> None:
    orders(rig, 25)
    listing = await rig.run("/order", "list ACME")
    await rig.client.click(buttons(listing)["Export"], message_ts="3.0")
    await rig.drain()
    assert rig.api.responses()[-1]["text"] == (
        "Exported 13 orders; the file is in your messages with me."
    )
    assert [call["users"] for call in rig.api.of("conversations.open")] == ["UREP"]
    [complete] = rig.api.of("files.completeUploadExternal")
    assert complete["channel_id"] == "DUREP"
    [uploaded] = json.loads(complete["files"])
    assert uploaded["title"] == "Orders (13)"
    [data] = rig.api.uploads
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SHEET_HEADER
    assert [r[0] for r in rows[1:]] == [f"SO-{n:05d}" for n in range(25, 0, -2)]
    assert {r[1] for r in rows[1:]} == {"ACME"}


async def test_export_typed_and_refused(rig: SlackRig) -> None:
    orders(rig, 3)
    answer = await rig.run("/order", "export BETA")
    assert answer["text"] == "Exported 1 order; the file is in your messages with me."
    refused = await rig.run("/order", "export GAMMA")
    assert refused["text"].startswith("Refused: ")
    assert "GAMMA" in refused["text"]
    wrong = await rig.run("/order", "export ACME BETA")
    assert wrong["text"].startswith("Not understood: one customer at most")
    assert len(rig.api.uploads) == 1
