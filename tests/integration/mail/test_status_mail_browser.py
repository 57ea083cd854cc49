"""The status email on a 390-pixel phone, in headless Chromium: nothing runs off the
screen, the tracking number stays whole on one line and links to its carrier, and the
totals are there with one tax line per rate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from email.message import Message
from pathlib import Path

import pytest

from bootstrap.outbox import email_renderer
from domain import commands as c
from tests.integration.browser import chromium
from tests.integration.notify_world import World, make_world

D = Decimal
TRACKING = "JJD0099999999123456789012"  # a long DHL number, as they come


@pytest.fixture
def world(sqlite_url: str, tmp_path: Path) -> Iterator[World]:
    w = make_world(sqlite_url, tmp_path)
    w.seed(language="fr")
    w.handle(c.CreateTax(code="VAT55", rate=D("5.5"), manager=True))
    w.handle(
        c.CreateProduct(
            code="ENCYCLOPAEDIA-UNIVERSALIS-VOLUME-XXIV",
            name="Encyclopaedia Universalis, volume vingt-quatre, édition reliée cuir",
            price=D("1249.90"),
            tax="VAT55",
        )
    )
    w.handle(
        c.AddLine(
            code="SO-00001",
            line=c.LineInput(product="ENCYCLOPAEDIA-UNIVERSALIS-VOLUME-XXIV", quantity=D(1000)),
        )
    )
    w.handle(c.SetOrderTerms(code="SO-00001", shipping_charges=D("12.00"), adjustment=D("-0.40")))
    w.handle(c.ShipOrder(code="SO-00001", carrier="DHL Express", tracking=TRACKING))
    w.handle(c.NotifyOrder(code="SO-00001"))
    yield w
    w.app.engine.dispose()


def html_of(msg: Message) -> str:
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("the mail has no HTML part")


@pytest.mark.browser
async def test_the_status_mail_fits_a_390_pixel_screen(world: World, tmp_path: Path) -> None:
    (row,) = world.email_rows()
    html = html_of(email_renderer(world.app).render(row))
    async for devtools, _ in chromium(tmp_path / "profile"):
        await devtools.call(
            "Emulation.setDeviceMetricsOverride",
            width=390,
            height=844,
            deviceScaleFactor=3,
            mobile=True,
        )
        await devtools.call("Page.enable")
        tree = await devtools.call("Page.getFrameTree")
        frame = tree["frameTree"]["frame"]["id"]
        await devtools.call("Page.setDocumentContent", frameId=frame, html=html)
        root = "document.documentElement"
        assert await devtools.wait_for(f"{root}.clientWidth") == 390
        widths = await devtools.evaluate(
            f"JSON.stringify([{root}.scrollWidth, {root}.clientWidth, document.body.scrollWidth])"
        )
        scroll, client, body = json.loads(widths)
        assert scroll <= client, f"the mail is {scroll} px wide on a {client} px screen"
        assert body <= client
        numbers = await devtools.evaluate(
            "JSON.stringify([...document.querySelectorAll('.tracking')].map(e => ["
            "e.textContent, e.getClientRects().length, e.getBoundingClientRect().right, "
            "e.href || '']))"
        )
        shown = json.loads(numbers)
        assert shown, "the tracking number is not in the mail"
        for text, rects, right, href in shown:
            assert text == TRACKING
            assert rects == 1, "the tracking number is cut over two lines"
            assert right <= client
            assert href.startswith("https://www.dhl.com/")
            assert TRACKING in href
        text = await devtools.evaluate("document.body.innerText")
        for label in ("Sous-total", "TVA 5,5", "TVA 20", "Frais de port", "Ajustement", "Total"):
            assert label in text, label
