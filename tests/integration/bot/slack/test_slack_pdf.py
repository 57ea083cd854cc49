"""Documents in Slack through the real AsyncApp over signed HTTP requests: the *PDF*
button of an order card and of an invoice card, and `/order pdf`, each uploading the PDF
to the conversation through the stand-in (files.getUploadURLExternal, the upload URL,
files.completeUploadExternal); pypdf reads back what was uploaded."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from pypdf import PdfReader

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons
from tests.integration.bot.slack.test_slack_commands import draft, seed


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


async def test_the_pdf_button_of_an_invoice_card_uploads_the_invoice(rig: SlackRig) -> None:
    seed(rig)
    line = c.LineInput(product="WIDGET", quantity=Decimal(4))
    rig.app.bus.handle(c.CreateOrder(customer="ACME", lines=(line,), confirm=True))
    rig.app.bus.handle(c.InvoiceOrder(code="SO-00001"))
    card = await rig.run("/invoice", "show INV-00001")
    assert buttons(card)["PDF"]["value"] == "invoice pdf INV-00001"
    await rig.client.click(buttons(card)["PDF"])
    await rig.drain()
    assert rig.api.responses()[-1]["text"] == "INV-00001.pdf is in this conversation."
    [asked] = rig.api.of("files.getUploadURLExternal")
    assert asked["filename"] == "INV-00001.pdf"
    [complete] = rig.api.of("files.completeUploadExternal")
    assert complete["channel_id"] == "C1"  # where the card was
    [uploaded] = json.loads(complete["files"])
    assert uploaded["title"] == "INV-00001.pdf"
    [data] = rig.api.uploads
    assert int(asked["length"]) == len(data)
    text = text_of(data)
    assert "Invoice\nNumber INV-00001" in text
    assert "Total incl. tax €60.00" in text  # 4 x 12.50 + 20% VAT


async def test_order_pdf_typed_and_the_order_cards_button(rig: SlackRig) -> None:
    seed(rig)
    draft(rig)
    card = await rig.run("/order", "show SO-00001")
    assert buttons(card)["PDF"]["value"] == "order pdf SO-00001 quote"
    await rig.client.click(buttons(card)["PDF"])
    await rig.drain()
    assert rig.api.responses()[-1]["text"] == "SO-00001-quote.pdf is in this conversation."
    assert "Quote\nNumber SO-00001" in text_of(rig.api.uploads[-1])
    refused = await rig.run("/order", "pdf SO-00001 confirmation")
    assert refused["text"].startswith(
        "Refused: SO-00001 is draft; only a confirmed or closed order is printed as a confirmation."
    )
    wrong = await rig.run("/order", "pdf SO-00001 receipt")
    assert wrong["text"].startswith(
        "Not understood: the document is quote, confirmation or packing-slip, not receipt"
    )
    rig.app.bus.handle(c.ConfirmOrder(code="SO-00001"))
    slip = await rig.run("/order", "pdf SO-00001 packing-slip 1")
    assert slip["text"] == "SO-00001-1-packing-slip.pdf is in this conversation."
    assert "Packing slip" in text_of(rig.api.uploads[-1])
    assert len(rig.api.uploads) == 2
