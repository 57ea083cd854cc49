"""The customer's tracking page adds up: its lines, subtotal, discount, one tax line per
rate, shipping and adjustment sum to the total it shows, in the HTML and in its JSON,
every amount with its currency."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from domain import commands as c
from mail.tracking import MissLimiter, TrackingPage
from store.repositories.notifications import SqlTrackingView
from tests.integration.notify_world import World, make_world

D = Decimal
_ROW = re.compile(r'<tr class="(sum|total)"><td>([^<]*)</td><td class="num"[^>]*>([^<]*)</td>')
_LINE = re.compile(r'<tr><td>[^<]*</td><td class="num">([^<]*)</td></tr>')


def amount(text: str) -> Decimal:
    """An amount as the English page writes it (€1,234.56, -€2.00)."""
    assert "€" in text, f"{text!r} has no currency"
    return D(text.replace("€", "").replace(",", "").replace("\u00a0", ""))


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    w = make_world(database_url, tmp_path)
    w.seed()
    w.handle(c.CreateTax(code="VAT55", rate=D("5.5"), manager=True))
    w.handle(c.CreateProduct(code="BOOK", name="Book", price=D("19.90"), tax="VAT55"))
    lines = (
        c.LineInput(product="WIDGET", quantity=D(3), discount_percent=D(10)),
        c.LineInput(product="BOOK", quantity=D(2)),
    )
    w.handle(
        c.CreateOrder(
            customer="ACME",
            lines=lines,
            confirm=True,
            shipping_charges=D("7.90"),
            adjustment=D("-0.33"),
            discount_value=D(5),
        )
    )
    yield w
    w.app.engine.dispose()


@pytest.fixture
async def page(world: World) -> AsyncIterator[tuple[aiohttp.ClientSession, str]]:
    tracking = TrackingPage(SqlTrackingView(world.app.uow), world.clock, MissLimiter())
    server = web.Application()
    tracking.add_routes(server)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    token = world.handle(c.ViewAsCustomer(code="SO-00002")).url.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http:
        yield http, f"http://127.0.0.1:{port}/t/{token}"
    await runner.cleanup()


async def test_the_tax_lines_net_shipping_and_adjustment_add_up_to_the_total(
    page: tuple[aiohttp.ClientSession, str],
) -> None:
    http, url = page
    async with http.get(url) as response:
        html = await response.text()
    rows = _ROW.findall(html)
    labels = [label for _, label, _ in rows]
    assert labels == [
        "Subtotal",
        "Discount",
        "Tax 5.5%",
        "Tax 20%",
        "Shipping",
        "Adjustment",
        "Total",
    ]
    sums = [amount(text) for kind, _, text in rows if kind == "sum"]
    (total,) = [amount(text) for kind, _, text in rows if kind == "total"]
    assert sum(sums) == total
    lines = [amount(text) for text in _LINE.findall(html)]
    assert sum(lines) == amount(rows[0][2])  # the subtotal is the lines' net amounts
    async with http.get(url + ".json") as response:
        data = await response.json()
    shown = data["total_rows_text"]
    assert [r["label"] for r in shown] == labels
    assert sum(D(r["amount"]) for r in shown[:-1]) == D(data["totals"]["gross"]) == total
    assert all("€" in r["amount_text"] for r in shown)
    assert [r["rate"] for r in shown if r["what"] == "tax"] == ["5.5", "20"]
