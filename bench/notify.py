"""Benchmark: status notifications through the relay to aiosmtpd, and the tracking page.

    PYTHONPATH=. .venv/bin/python bench/notify.py [--messages 2000] [--requests 3000]

Prints, measured in the same run:
- notifications/s through the relay (claim, render, send, settle) on 1 and 4 SMTP
  connections, beside the raw floor: aiosmtplib sending the same, already built
  messages over the same number of connections;
- tracking-page requests/s and p99 latency (GET /t/TOKEN through the real web app on
  SQLite), beside a bare aiohttp handler under the same load.
Target: the relay reaches at least half the raw floor with the same connections.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import aiohttp
import aiosmtplib
from aiohttp import web
from aiosmtpd.controller import Controller
from sqlalchemy import insert, select

import bootstrap
from bootstrap.outbox import email_renderer, outbox_relay
from bootstrap.web import web_application
from domain import commands as c
from domain.outbox.messages import OutboxMessage
from mail.outbound.render import Renderer
from settings import Settings
from store.tables import core as t


class CountingHandler:
    """aiosmtpd handler that takes every message and only counts it."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.count += 1
        return "250 OK"


def prepare(app: bootstrap.App, count: int) -> None:
    """One real notification, then `count` outbox rows with its payload."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.5"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    lines = (c.LineInput(product="WIDGET", quantity=Decimal(3)),)
    bus.handle(c.CreateOrder(customer="ACME", lines=lines, confirm=True))
    bus.handle(c.ShipOrder(code="SO-00001", carrier="DHL", tracking="1Z999"))
    bus.handle(c.NotifyOrder(code="SO-00001"))
    with app.engine.begin() as conn:
        row = conn.execute(select(t.outbox)).mappings().one()
        template = {k: v for k, v in row.items() if k not in ("id", "key")}
        conn.execute(t.outbox.delete())
        conn.execute(insert(t.outbox), [dict(template) for _ in range(count)])


def rows(app: bootstrap.App) -> list[OutboxMessage]:
    with app.uow(True) as uow:
        return list(uow.session.scalars(select(OutboxMessage).order_by(t.outbox.c.id)))


async def raw_floor(
    port: int, messages: list[OutboxMessage], render: Renderer, conns: int
) -> float:
    """messages/s of aiosmtplib sending pre-built mails over `conns` connections."""
    built = [render.render(m) for m in messages]
    chunks = [built[i::conns] for i in range(conns)]

    async def one(chunk: list) -> None:  # type: ignore[type-arg]
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, local_hostname="bench.test")
        await smtp.connect()
        for mail in chunk:
            await smtp.send_message(mail, sender="orders@shop.test", recipients=["buyer@acme.test"])
        await smtp.quit()

    started = time.perf_counter()
    await asyncio.gather(*(one(chunk) for chunk in chunks))
    return len(built) / (time.perf_counter() - started)


async def relay_rate(
    tmp: Path, port: int, count: int, conns: int
) -> tuple[float, list[OutboxMessage], Renderer]:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp / f'relay{conns}.db'}",
        secret_key="bench-" + "x" * 30,
        mail_from="orders@shop.test",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
    )
    app = bootstrap.build(settings)
    try:
        prepare(app, count)
        messages = rows(app)
        relay = outbox_relay(app, batch_size=100, connections=conns)
        started = time.perf_counter()
        sent = 0
        while sent < count:
            sent += (await relay.run_once()).sent
        rate = count / (time.perf_counter() - started)
        return rate, messages, email_renderer(app)
    finally:
        app.engine.dispose()


async def load(url: str, requests: int, concurrency: int) -> tuple[float, float]:
    """requests/s and p99 seconds of `requests` GETs with `concurrency` clients."""
    latencies: list[float] = []
    remaining = iter(range(requests))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:

        async def client() -> None:
            for _ in remaining:
                started = time.perf_counter()
                async with http.get(url) as response:
                    await response.read()
                    assert response.status == 200, response.status
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return requests / elapsed, statistics.quantiles(latencies, n=100)[98]


async def serve(application: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def tracking(tmp: Path, requests: int, concurrency: int) -> None:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp / 'page.db'}",
        secret_key="bench-" + "x" * 30,
    )
    app = bootstrap.build(settings)
    try:
        prepare(app, 1)
        token = app.bus.handle(c.ViewAsCustomer(code="SO-00001")).url.rsplit("/", 1)[1]
        runner, port = await serve(web_application(app, None))
        bare = web.Application()

        async def hello(request: web.Request) -> web.Response:
            return web.Response(text="ok")

        bare.router.add_get("/t/{token}", hello)
        bare_runner, bare_port = await serve(bare)
        try:
            for name, url in (
                ("floor: bare aiohttp handler", f"http://127.0.0.1:{bare_port}/t/{token}"),
                ("tracking page  GET /t/TOKEN", f"http://127.0.0.1:{port}/t/{token}"),
                ("tracking JSON  GET /t/TOKEN.json", f"http://127.0.0.1:{port}/t/{token}.json"),
            ):
                rate, p99 = await load(url, requests, concurrency)
                print(
                    f"{name:<34} {rate:8.0f} req/s   p99 {p99 * 1000:6.1f} ms"
                    f"  ({concurrency} clients)"
                )
        finally:
            await runner.cleanup()
            await bare_runner.cleanup()
    finally:
        app.engine.dispose()


async def main(count: int, requests: int, concurrency: int) -> None:
    handler = CountingHandler()
    with socket.socket() as probe:  # aiosmtpd's start-up check needs the real port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="bench.test")
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            print(f"{count} status notifications to aiosmtpd on 127.0.0.1 (SQLite outbox)")
            for conns in (1, 4):
                relay, messages, render = await relay_rate(tmp, port, count, conns)
                floor = await raw_floor(port, messages, render, conns)
                print(
                    f"  {conns} connection(s): relay {relay:7.0f} msg/s"
                    f"   raw floor {floor:7.0f} msg/s"
                    f"   ratio {relay / floor:.2f} (target >= 0.50)"
                )
            await tracking(tmp, requests, concurrency)
    finally:
        controller.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.requests, args.clients))
