"""The tracking page over real HTTP on 127.0.0.1: content, JSON, 404s, headers, rate limit."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select

from bootstrap.web import web_application
from domain import commands as c
from mail.forwarded import ClientAddress, parse_networks
from mail.tracking import NOT_VALID_PAGE, MissLimiter, TrackingPage
from store.repositories.notifications import SqlTrackingView
from store.tables import core as t
from store.tables.notifications import tracking_tokens
from tests.integration.notify_world import World, make_world

D = Decimal
SAFE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


class Ticks:
    """A monotonic clock for the limiter that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Site:
    world: World
    base: str
    ticks: Ticks
    http: aiohttp.ClientSession

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        async with self.http.get(self.base + path) as response:
            return response.status, dict(response.headers), await response.read()


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    w = make_world(database_url, tmp_path)
    w.seed()
    w.handle(
        c.SplitShipment(
            code="SO-00001", product="WIDGET", quantity=D(1), planned_date=w.clock().date()
        )
    )
    w.handle(c.ShipOrder(code="SO-00001", shipment=1, carrier="DHL", tracking="1Z999"))
    yield w
    w.app.engine.dispose()


async def start(world: World, limit: int = 20, trusted: str = "") -> AsyncIterator[Site]:
    ticks = Ticks()
    page = TrackingPage(
        SqlTrackingView(world.app.uow),
        world.clock,
        MissLimiter(limit, 60, ticks),
        clients=ClientAddress(parse_networks(trusted)),
    )
    server = web.Application()
    page.add_routes(server)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    async with aiohttp.ClientSession() as http:
        yield Site(world, f"http://127.0.0.1:{port}", ticks, http)
    await runner.cleanup()


@pytest.fixture
async def site(world: World) -> AsyncIterator[Site]:
    async for s in start(world, limit=2000):
        yield s


def path_of(world: World) -> str:
    return "/t/" + world.handle(c.ViewAsCustomer(code="SO-00001")).url.rsplit("/", 1)[1]


async def test_the_page_shows_the_order(site: Site) -> None:
    status, headers, raw = await site.get(path_of(site.world))
    assert status == 200
    html = raw.decode()
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    for text in (
        "Order SO-00001",
        "Your reference: PO-7",
        '<span class="icon" aria-hidden="true">✔</span>confirmed',
        "Shipment 1</strong>",
        "on its way",
        "Carrier: DHL",
        'Tracking number: <a class="tracking" href="https://www.dhl.com/',
        'tracking-id=1Z999"',
        "2 \u00d7 WIDGET — Widget",
        "Shipment 2</strong>",
        "Planned for 2 March 2026",
        "1 \u00d7 WIDGET — Widget",
        '<td class="num" id="total">€54.60</td>',
        "Shipment 1 is on its way with DHL.",
        "Your order is now confirmed.",
        "We received your order.",
        'name="viewport"',
    ):
        assert text in html, text
    assert "buyer@acme.test" not in html
    assert "console" not in html  # the door an order came by is not the customer's business


async def test_json_has_the_same_data(site: Site) -> None:
    status, headers, _raw = await site.get(path_of(site.world) + ".json")
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    async with site.http.get(site.base + path_of(site.world) + ".json") as response:
        data = await response.json()
    assert (data["order_code"], data["status"], data["status_text"]) == (
        "SO-00001",
        "confirmed",
        "confirmed",
    )
    assert [
        (s["number"], s["status"], s["carrier"], s["tracking_number"]) for s in data["shipments"]
    ] == [
        (1, "shipped", "DHL", "1Z999"),
        (2, "pending", "", ""),
    ]
    assert data["shipments"][1]["planned_date"] == "2026-03-02"
    assert data["totals"]["gross"] == "54.60"
    assert [e["kind"] for e in data["timeline"]] == [
        "shipment_shipped",
        "order_confirmed",
        "created",
    ]


async def test_unknown_revoked_and_expired_links_all_get_the_same_404(site: Site) -> None:
    good = path_of(site.world)
    answers = set()
    for _ in range(1000):
        status, headers, raw = await site.get("/t/" + secrets.token_urlsafe(32))
        answers.add((status, raw, tuple(sorted((k, v) for k, v in headers.items() if k != "Date"))))
    for junk in ("/t/x", "/t/" + "A" * 43 + ".json", "/t/%00", "/t/" + "é" * 43):
        status, headers, raw = await site.get(junk)
        answers.add((status, raw, tuple(sorted((k, v) for k, v in headers.items() if k != "Date"))))
    site.world.handle(c.RevokeTracking(code="SO-00001"))
    for path in (good, good + ".json"):
        status, headers, raw = await site.get(path)
        answers.add((status, raw, tuple(sorted((k, v) for k, v in headers.items() if k != "Date"))))
    fresh = path_of(site.world)
    assert (await site.get(fresh))[0] == 200
    site.world.clock.advance(days=91)
    status, headers, raw = await site.get(fresh)
    answers.add((status, raw, tuple(sorted((k, v) for k, v in headers.items() if k != "Date"))))
    (only,) = answers
    assert only[0] == 404
    assert only[1] == NOT_VALID_PAGE.encode()


async def test_every_answer_carries_the_privacy_headers(world: World) -> None:
    async for s in start(world, limit=1):
        for path in (path_of(world), path_of(world) + ".json", "/t/nope"):
            status, headers, _ = await s.get(path)
            assert {k: headers[k] for k in SAFE} == SAFE, (status, path)
        status, headers, _ = await s.get(path_of(world).replace("/t/", "/t/A"))
        assert status == 429
        assert {k: headers[k] for k in SAFE} == SAFE


async def miss(site: Site) -> tuple[int, dict[str, str], bytes]:
    return await site.get("/t/" + secrets.token_urlsafe(32))


async def proxied(site: Site, path: str, client: str) -> int:
    """A GET as our reverse proxy sends it: the client's own header, then the address it saw."""
    headers = {"X-Forwarded-For": f"10.9.9.9, {client}"}
    async with site.http.get(site.base + path, headers=headers) as response:
        return response.status


async def test_repeated_misses_from_one_address_are_slowed(world: World) -> None:
    async for s in start(world, limit=5):
        good = path_of(world)

        for _ in range(5):
            assert (await miss(s))[0] == 404
        status, headers, raw = await miss(s)
        assert status == 429
        assert headers["Retry-After"] == "61"
        assert b"Too many tries" in raw
        # Only misses wait: a valid link is served (256 random bits: trying never finds one).
        assert (await s.get(good))[0] == 200
        s.ticks.now += 30
        assert (await miss(s))[0] == 429
        s.ticks.now += 31
        assert (await miss(s))[0] == 404


async def test_a_scanner_behind_the_proxy_locks_out_only_itself(world: World) -> None:
    async for s in start(world, limit=20, trusted="127.0.0.1"):
        good = path_of(world)

        answers = [
            await proxied(s, "/t/" + secrets.token_urlsafe(32), "203.0.113.7") for _ in range(1000)
        ]
        assert (answers.count(404), answers.count(429)) == (20, 980)
        assert await proxied(s, good, "198.51.100.2") == 200  # another customer
        assert await proxied(s, "/t/" + secrets.token_urlsafe(32), "198.51.100.2") == 404
        assert await proxied(s, good, "203.0.113.7") == 200  # the scanner's own valid link too
        assert await proxied(s, "/t/" + secrets.token_urlsafe(32), "203.0.113.7") == 429


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(world: World) -> None:
    async for s in start(world, limit=3):
        statuses = []
        for n in range(5):  # a new made-up address each time does not escape the limit
            headers = {"X-Forwarded-For": f"192.0.2.{n}"}
            path = "/t/" + secrets.token_urlsafe(32)
            async with s.http.get(s.base + path, headers=headers) as response:
                statuses.append(response.status)
        assert statuses == [404, 404, 404, 429, 429]


async def test_gets_change_nothing(site: Site) -> None:
    path = path_of(site.world)

    def snapshot() -> tuple[object, ...]:
        with site.world.app.engine.connect() as conn:
            return (
                conn.execute(select(t.orders.c.version, t.orders.c.status)).all(),
                conn.execute(select(tracking_tokens)).all(),
                conn.execute(select(func.count()).select_from(t.outbox)).scalar(),
                conn.execute(select(func.count()).select_from(t.timeline)).scalar(),
            )

    before = snapshot()
    for suffix in ("", ".json", "", "x"):
        await site.get(path + suffix)
    assert snapshot() == before


async def test_the_app_serves_the_page_and_health(world: World) -> None:
    runner = web.AppRunner(web_application(world.app, None), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
            async with http.get(f"http://127.0.0.1:{port}{path_of(world)}") as response:
                assert response.status == 200
                assert "SO-00001" in await response.text()
            async with http.post(f"http://127.0.0.1:{port}{path_of(world)}") as response:
                assert response.status == 405
    finally:
        await runner.cleanup()


async def test_the_app_limits_each_visitor_behind_trusted_proxies(
    sqlite_url: str, tmp_path: Path
) -> None:
    w = make_world(sqlite_url, tmp_path, trusted_proxies="127.0.0.1")
    runner = web.AppRunner(web_application(w.app, None), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as http:

            async def miss(client: str) -> int:
                url = f"http://127.0.0.1:{port}/t/{secrets.token_urlsafe(32)}"
                async with http.get(url, headers={"X-Forwarded-For": client}) as response:
                    return response.status

            assert [await miss("203.0.113.7") for _ in range(21)][-2:] == [404, 429]
            assert await miss("198.51.100.2") == 404
    finally:
        await runner.cleanup()
        w.app.engine.dispose()


async def test_no_answer_names_the_server_software_or_its_version(world: World) -> None:
    runner = web.AppRunner(web_application(world.app, None), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    requests = [
        f"GET {path_of(world)} HTTP/1.1",  # 200
        "GET /healthz HTTP/1.1",  # 200
        "GET /t/nope HTTP/1.1",  # 404 of the page
        "GET /nowhere HTTP/1.1",  # 404 of the router
        "DELETE /healthz HTTP/1.1",  # 405
        "NOT AN HTTP REQUEST",  # 400 from the protocol, before the application
    ]
    found = []
    try:
        for line in requests:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"{line}\r\nHost: shop.test\r\nConnection: close\r\n\r\n".encode())
            head = (await reader.read()).split(b"\r\n\r\n", 1)[0].decode("latin-1")
            writer.close()
            status = head.split(" ", 2)[1]
            server = [h for h in head.split("\r\n") if h.lower().startswith("server:")]
            found.append((status, server))
    finally:
        await runner.cleanup()
    assert found == [
        (status, ["Server: orderbot"]) for status in ("200", "200", "404", "404", "405", "400")
    ]
