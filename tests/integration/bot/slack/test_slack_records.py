"""Records through the real AsyncApp over signed HTTP requests: /invoice, /workorder and
/return cards with the buttons of their next statuses, lists that open a record, and the
order card listing the orders made from it."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons
from tests.integration.bot.slack.test_slack_commands import seed

D = Decimal


def shipped_and_invoiced(rig: SlackRig) -> None:
    """SO-00001: 4 WIDGET confirmed, 2 shipped, 2 still to ship, all invoiced."""
    bus = rig.app.bus
    line = c.LineInput(product="WIDGET", quantity=D(4))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), payment_terms="Net 30", confirm=True))
    bus.handle(c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(2)))
    bus.handle(c.ShipOrder(code="SO-00001", shipment=1))
    bus.handle(c.InvoiceOrder(code="SO-00001"))


async def test_an_invoice_card_is_paid_with_its_button(rig: SlackRig) -> None:
    seed(rig)
    shipped_and_invoiced(rig)
    card = await rig.run("/invoice", "show INV-00001")
    assert card["text"].startswith("INV-00001 · invoice of SO-00001 · Acme SA (ACME) · open")
    assert "terms Net 30" in card["blocks"][0]["text"]["text"]
    assert set(buttons(card)) == {"Paid", "Void", "Order"}
    assert buttons(card)["Paid"]["value"] == "invoice paid INV-00001"
    await rig.client.click(buttons(card)["Paid"])
    await rig.drain()
    paid = rig.api.responses()[-1]
    assert paid["text"].startswith("INV-00001 is paid.")
    assert set(buttons(paid)) == {"Order"}
    shown = rig.app.bus.handle(c.ShowInvoice(code="INV-00001"))
    assert shown.record.status == "paid"
    refused = await rig.run("/invoice", "void INV-00001")
    assert refused["text"].startswith("Refused: INV-00001 is paid; only an open invoice")


async def test_void_then_the_credit_note_is_listed_and_opened(rig: SlackRig) -> None:
    seed(rig)
    shipped_and_invoiced(rig)
    voided = await rig.run("/invoice", 'void INV-00001 reason:"wrong price"')
    assert voided["text"].startswith("INV-00001 is void; credit note CN-00001 made.")
    listing = await rig.run("/invoice", "credits ACME")
    assert "CN-00001" in listing["text"]
    assert buttons(listing)["Open"]["value"] == "invoice show CN-00001"
    await rig.client.click(buttons(listing)["Open"])
    await rig.drain()
    opened = rig.api.responses()[-1]
    assert opened["text"].startswith("CN-00001 · credit note of SO-00001")
    assert "for voided invoice INV-00001 · reason: wrong price" in opened["text"]


async def test_a_return_is_received_then_refunded_with_its_buttons(rig: SlackRig) -> None:
    seed(rig)
    shipped_and_invoiced(rig)
    rig.app.bus.handle(c.CreateReturn(code="SO-00001", product="WIDGET", quantity=D(1)))
    card = await rig.run("/return", "show RMA-00001")
    assert set(buttons(card)) == {"Received", "Order"}
    await rig.client.click(buttons(card)["Received"])
    await rig.drain()
    received = rig.api.responses()[-1]
    assert set(buttons(received)) == {"Refund", "Order"}
    await rig.client.click(buttons(received)["Refund"], message_ts="2.0")
    await rig.drain()
    refunded = rig.api.responses()[-1]
    # 12.50 + 20% tax
    assert refunded["text"].startswith("RMA-00001 is refunded; credit note CN-00001 made.")
    assert "Credit note CN-00001: €15.00" in refunded["text"]
    order = await rig.run("/order", "show SO-00001")
    documents = [b.get("text", {}).get("text", "") for b in order["blocks"]]
    assert any("Credit note CN-00001 for RMA-00001: €15.00" in text for text in documents)


async def test_work_orders_listed_and_done_from_slack(rig: SlackRig) -> None:
    seed(rig)
    shipped_and_invoiced(rig)
    made = await rig.run("/order", "workorders SO-00001 per-product")
    assert made["text"].startswith("Made WO-00001.")
    replaced = await rig.run("/order", "workorders SO-00001 all")
    assert replaced["text"].startswith(
        "Made WO-00002; it replaces the open work orders WO-00001 (per-product), now cancelled."
    )
    listing = await rig.run("/workorder", "list ACME status:open")
    assert buttons(listing)["Open"]["value"] == "workorder show WO-00002"
    card = await rig.run("/workorder", "show WO-00002")
    assert "2 x WIDGET" in card["text"]  # the 2 not shipped
    await rig.client.click(buttons(card)["Done"])
    await rig.drain()
    assert rig.api.responses()[-1]["text"].startswith("WO-00002 is done.")
    assert (await rig.run("/workorder", ""))["text"].startswith("Work orders:")


async def test_the_parent_order_card_lists_the_orders_made_from_it(rig: SlackRig) -> None:
    seed(rig)
    line = c.LineInput(product="WIDGET", quantity=D(1))
    rig.app.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
    rig.app.bus.handle(
        c.CreateOrder(customer="ACME", lines=(line,), parent_code="SO-00001", relation="return-of")
    )
    card = await rig.run("/order", "show SO-00001")
    related = [b for b in card["blocks"] if "*Related*" in b.get("text", {}).get("text", "")]
    assert related[0]["text"]["text"] == (
        "*Related*\nOrders made from this one: SO-00002 (a return of this one, draft)"
    )
