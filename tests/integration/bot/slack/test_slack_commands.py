"""Every command family through the real AsyncApp over HTTP, against the Web API stand-in."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.slack.digest import digest_blocks
from domain import commands as c
from domain.jobs.digest import make_digest
from domain.jobs.log import JobRun, JobStatus
from l10n.formats import Formats
from tests.integration.bot.slack.conftest import MANAGER, SlackRig
from tests.integration.bot.slack.signing import buttons


def seed(rig: SlackRig) -> None:
    """A tax, two products and a customer with an address."""
    bus = rig.app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20"))
    bus.handle(
        c.CreateProduct(
            code="BOX", name="Box", price=Decimal(3), tax="VAT20", frequencies="monthly"
        )
    )
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR"))


def draft(rig: SlackRig, qty: int = 2) -> None:
    """SO-00001: a draft for ACME."""
    line = c.LineInput(product="WIDGET", quantity=Decimal(qty))
    rig.app.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))


async def test_order_show_answers_with_an_ephemeral_card(rig: SlackRig) -> None:
    seed(rig)
    draft(rig)
    answer = await rig.run("/order", "show SO-00001")
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("SO-00001 · Acme SA (ACME) · draft")
    assert set(buttons(answer)) == {"Confirm", "PDF", "View as customer"}
    assert buttons(answer)["Confirm"]["value"] == "order confirm SO-00001"
    assert buttons(answer)["View as customer"]["value"] == "order track SO-00001"


async def test_share_answers_in_the_channel(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "new ACME WIDGET 3 ref:PO-9 --share")
    assert answer["response_type"] == "in_channel"
    assert answer["text"].startswith("Created SO-00001.")
    assert rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order.reference == "PO-9"


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/order", "list ACME", "SO-00001"),
        ("/customer", "find acme", "ACME"),
        ("/customer", 'new BETA "Beta Ltd" vat:FR40303265045', "Created customer BETA"),
        ("/customer", 'note ACME "call before delivery"', "Note added"),
        ("/product", "new GADGET Gadget 4.10 tax:VAT20", "GADGET"),
        ("/product", "list", "WIDGET"),
        ("/product", "show BOX", "BOX"),
        ("/tax", "list", "VAT20"),
        ("/case", 'new ACME high "Late delivery"', "Late delivery"),
        ("/case", "list ACME", "none"),
        ("/sub", "new ACME BOX 2 every:monthly start:2026-12-01", "monthly"),
        ("/sub", "list", "none"),
    ],
)
async def test_every_family_answers(rig: SlackRig, command: str, text: str, expected: str) -> None:
    seed(rig)
    draft(rig)
    answer = await rig.run(command, text)
    assert expected in answer["text"]
    assert answer["blocks"]


async def test_help_on_each_family(rig: SlackRig) -> None:
    for family in rig.deps.grammar.families:
        answer = await rig.run(f"/{family}", "help")
        assert answer["text"].startswith(f"```/{family}:"), family
    rig.api.locales["UFR"] = "fr-FR"
    whole = await rig.run("/order", "help", user="UFR")  # over 3,000 characters in French
    shown = "".join(b["text"]["text"] for b in whole["blocks"])
    assert "/order send CODE quote|confirmation" in shown
    assert "…" not in shown
    answer = await rig.run("/order", "ship help")
    assert "/order ship CODE [SHIPMENT] [carrier:NAME] [tracking:NO]" in answer["text"]


async def test_wrong_line_shows_the_right_form(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "split SO-00001 WIDGET")
    assert answer["text"].startswith("Not understood: some words are missing.")
    assert "/order split CODE PRODUCT QTY [date:DATE]" in answer["text"]
    answer = await rig.run("/order", "frobnicate")
    assert "/order has no 'frobnicate'" in answer["text"]


async def test_refusal_shows_the_reason_and_writes_nothing(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "new NOBODY WIDGET 1")
    assert answer["text"].startswith("Refused:")
    assert "NOBODY" in answer["text"]
    assert rig.app.bus.handle(c.ListOrders()).items == ()


async def test_manager_commands_refuse_others_politely(rig: SlackRig) -> None:
    answer = await rig.run("/tax", "new VAT5 5", user="UREP")
    assert answer["text"] == (
        "Sorry, only managers may do that. Ask one of your managers if it needs doing."
    )
    assert rig.app.bus.handle(c.ListTaxes()).items == ()
    answer = await rig.run("/tax", "new VAT5 5", user=MANAGER)
    assert "VAT5" in answer["text"]
    assert [t.code for t in rig.app.bus.handle(c.ListTaxes()).items] == ["VAT5"]


async def test_jobs_and_catalog(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/jobs", "run digest", user="UREP")
    assert answer["text"].startswith("Sorry, only managers may do that.")
    answer = await rig.run("/jobs", "list")
    assert answer["text"] == "Job runs: none."
    answer = await rig.run("/catalog", "send ACME")
    assert answer["text"] == (
        "Catalogue default (source code DEFAULT) of 2 products queued for "
        "buyer@acme.example (ACME)."
    )


async def test_customer_show_opens_with_active_alerts(rig: SlackRig) -> None:
    seed(rig)
    draft(rig)
    rig.app.bus.handle(c.OpenCase(customer="ACME", priority="high", title="Broken pallet"))
    rig.app.bus.handle(c.AddCustomerNote(code="ACME", text="VIP", actor="UREP"))
    answer = await rig.run("/customer", "show ACME")
    titles = [
        b["text"]["text"].split("\n", 1)[0]
        for b in answer["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("*")
    ]
    assert titles == [
        "*Acme SA* (ACME)",
        "*Active alerts*",
        "*Addresses*",
        "*Contacts*",
        "*Notes*",
        "*History*",
        "*Item statistics*",
        "*Recent orders*",
    ]
    assert "Broken pallet" in answer["blocks"][1]["text"]["text"]


async def test_order_workflow_through_card_buttons(rig: SlackRig) -> None:
    seed(rig)
    draft(rig)
    card = await rig.run("/order", "show SO-00001")
    status, _ = await rig.client.click(buttons(card)["Confirm"])
    assert status == 200
    await rig.drain()
    confirmed = rig.api.responses()[-1]
    assert confirmed["replace_original"] is False
    assert "`confirmed`" in confirmed["blocks"][1]["text"]["text"]
    assert set(buttons(confirmed)) == {"Ship #1", "Invoice", "Notify", "PDF", "View as customer"}
    await rig.client.click(buttons(confirmed)["View as customer"], message_ts="1.5")
    await rig.drain()
    assert "/t/" in rig.api.responses()[-1]["text"]
    await rig.client.click(buttons(confirmed)["Ship #1"], message_ts="2.0")
    await rig.drain()
    shipped = rig.api.responses()[-1]
    sections = [b.get("text", {}).get("text") for b in shipped["blocks"]]
    assert "*Shipments*\n#1 `shipped` 2 x WIDGET" in sections
    await rig.client.click(buttons(shipped)["Invoice"], message_ts="3.0")
    await rig.drain()
    invoiced = rig.api.responses()[-1]
    assert "INV-00001" in invoiced["text"]
    await rig.client.click(buttons(invoiced)["Notify"], message_ts="4.0")
    await rig.drain()
    order = rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order
    assert (order.status, len(order.invoices)) == ("closed", 1)
    assert not order.pending_notifications()


async def test_double_click_changes_nothing_twice(rig: SlackRig) -> None:
    seed(rig)
    draft(rig, qty=4)
    rig.app.bus.handle(c.ConfirmOrder(code="SO-00001"))
    card = await rig.run("/order", "show SO-00001")
    invoice = buttons(card)["Invoice"]
    await rig.client.click(invoice, message_ts="9.0")
    await rig.client.click(invoice, message_ts="9.0")
    await rig.drain()
    order = rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order
    assert [i.code for i in order.invoices] == ["INV-00001"]
    answers = rig.api.responses()[-2:]
    assert all("INV-00001" in a["text"] for a in answers)
    assert not any("Refused" in a["text"] for a in answers)


async def test_repeated_slash_command_delivery_writes_once(rig: SlackRig) -> None:
    seed(rig)
    body = rig.client.command_body("/order", "new ACME WIDGET 1", trigger="same.trigger")
    for _ in range(2):
        status, _ = await rig.client.post(body, "application/x-www-form-urlencoded")
        assert status == 200
    await rig.drain()
    assert [o.code for o in rig.app.bus.handle(c.ListOrders()).items] == ["SO-00001"]


async def test_listing_opens_an_item(rig: SlackRig) -> None:
    seed(rig)
    draft(rig)
    listing = await rig.run("/customer", "find Acme")
    await rig.client.click(buttons(listing)["Open"])
    await rig.drain()
    assert rig.api.responses()[-1]["text"].startswith("ACME · Acme SA")


async def test_subscription_buttons(rig: SlackRig) -> None:
    seed(rig)
    card = await rig.run("/sub", "new ACME BOX 2 every:monthly start:2026-12-01")
    assert set(buttons(card)) == {"Pause", "End"}
    await rig.client.click(buttons(card)["Pause"])
    await rig.drain()
    paused = rig.api.responses()[-1]
    assert set(buttons(paused)) == {"Resume", "End"}
    subs = rig.app.bus.handle(c.ListSubscriptions()).items
    assert [s.status for s in subs] == ["paused"]


async def test_the_digests_run_again_buttons_run_the_job(rig: SlackRig) -> None:
    t0 = datetime(2026, 11, 23, 7, tzinfo=UTC)
    failed = JobRun(id=1, job_name="subscriptions", started_at=t0, status=JobStatus.FAILED)
    blocks = digest_blocks(make_digest([failed], [], [], t0, UTC), Formats())
    drawn = buttons({"blocks": blocks})["Run again"]
    assert drawn["value"] == "jobs run subscriptions"
    earlier = {"action_id": "jobs_run_again", "value": "subscriptions"}  # older digests
    for n, button in enumerate((drawn, earlier)):
        status, _ = await rig.client.click(button, user=MANAGER, message_ts=f"5.{n}")
        assert status == 200
        await rig.drain()
        assert "subscriptions" in rig.api.responses()[-1]["text"]
    runs = rig.app.bus.handle(c.ListJobRuns(job="subscriptions", manager=True)).runs
    assert [r.triggered_by for r in runs] == [MANAGER, MANAGER]
