"""The tracking page in headless Chromium: it shows the order and updates without a reload.

Chromium is driven through the DevTools protocol over a websocket (aiohttp), so no
browser-automation package is needed: navigate, then evaluate expressions in the page.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from domain import commands as c
from mail.tracking import MissLimiter, TrackingPage
from store.repositories.notifications import SqlTrackingView
from tests.integration.notify_world import World, make_world

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


class DevTools:
    """A minimal DevTools client for one page target."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer (events in between are skipped)."""
        number = next(self.ids)
        await self.ws.send_json({"id": number, "method": method, "params": params})
        async for message in self.ws:
            data = json.loads(message.data)
            if data.get("id") == number:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                result: dict[str, Any] = data["result"]
                return result
        raise ConnectionError("DevTools connection closed")

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        answer = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return answer["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 20.0) -> Any:  # noqa: ASYNC109
        """Poll until the expression is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{expression} stayed falsy for {timeout} s")
            await asyncio.sleep(0.1)  # the browser works in its own process; poll gently


async def chromium(profile: Path) -> AsyncIterator[tuple[DevTools, aiohttp.ClientSession]]:
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={profile}",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert process.returncode is None, "chromium exited at start"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as response:
                targets = await response.json()
            page = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield DevTools(ws), http
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
            await process.wait()


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
            assert "Shipment 1 shipped with DHL, tracking 1Z999." in body
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
