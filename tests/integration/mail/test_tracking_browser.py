"""The tracking page in headless Chromium: it shows the order and updates without a reload.

Chromium is driven through the DevTools protocol over a websocket (aiohttp), so no
browser-automation package is needed: navigate, then evaluate expressions in the page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from domain import commands as c
from mail.tracking import MissLimiter, TrackingPage
from store.repositories.notifications import SqlTrackingView
from tests.integration.browser import chromium
from tests.integration.notify_world import World, make_world


@pytest.fixture
def world(sqlite_url: str, tmp_path: Path) -> Iterator[World]:
    w = make_world(sqlite_url, tmp_path)
    w.seed()
    yield w
    w.app.engine.dispose()


@pytest.mark.browser
async def test_the_page_updates_itself_when_the_order_changes(world: World, tmp_path: Path) -> None:
    page = TrackingPage(
        SqlTrackingView(world.app.uow), world.clock, MissLimiter(), refresh_seconds=0.3
    )
    server = web.Application()
    page.add_routes(server)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = world.handle(c.ViewAsCustomer(code="SO-00001")).url
    url = url.replace("https://shop.test", f"http://127.0.0.1:{port}")
    try:
        async for devtools, _ in chromium(tmp_path / "profile"):
            await devtools.call("Page.enable")
            await devtools.call("Page.navigate", url=url)
            status = "document.getElementById('status') && document.getElementById('status')"
            assert await devtools.wait_for(f"{status}.textContent") == "✔confirmed"
            assert await devtools.evaluate("document.title") == "Order SO-00001"
            await devtools.evaluate("window.stillTheSamePage = true")
            assert "on its way" not in await devtools.evaluate("document.body.innerText")

            await asyncio.to_thread(
                world.handle, c.ShipOrder(code="SO-00001", carrier="DHL", tracking="1Z999")
            )
            text = "document.body.innerText"
            await devtools.wait_for(f"{text}.includes('Tracking number: 1Z999')")
            body = await devtools.evaluate(text)
            assert "Shipment 1 — 🚚on its way" in body
            assert "Shipment 1 is on its way with DHL." in body
            link = "document.querySelector('a.tracking')"
            assert "tracking-id=1Z999" in await devtools.evaluate(f"{link}.href")
            await asyncio.to_thread(world.handle, c.CloseOrder(code="SO-00001"))
            assert (
                await devtools.wait_for(
                    f"{status}.textContent === '■completed' && {status}.dataset.status"
                )
                == "closed"
            )
            assert await devtools.evaluate("window.stillTheSamePage") is True  # no reload
    finally:
        await runner.cleanup()
