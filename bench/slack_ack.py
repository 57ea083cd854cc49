"""Slack acknowledgement latency: signed `/order show` requests to orderbot over loopback HTTP.

Beside it, under the same load generator and in the same run, a bare aiohttp server
answering 200 (the floor). Each server (and the Web API stand-in that receives the answers)
runs in its own process; the load generator runs here. Two loads per server:
- open loop at a fixed rate (default 500 requests/s): p50/p99 latency, measured from the
  moment each request was due (so a stall is not hidden by the generator waiting);
- closed loop with 64 connections: acknowledgements per second.

    .venv/bin/python bench/slack_ack.py [--rate 500] [--seconds 5]

Target: p99 acknowledgement under 50 ms at 500 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SECRET = "bench-secret"
HOST = "127.0.0.1"


def _bare_server(ready: mp.Queue[int]) -> None:
    from aiohttp import web

    async def ok(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="")

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/slack/events", ok)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        ready.put(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


def _stub_server(ready: mp.Queue[int]) -> None:
    from aiohttp import web

    from tests.servers.slack_api import SlackApiStub

    async def main() -> None:
        stub = await SlackApiStub().start()

        async def answers(request: web.Request) -> web.Response:
            return web.Response(text=str(len(stub.responses())))

        counter = web.Application()
        counter.router.add_get("/answers", answers)
        runner = web.AppRunner(counter, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        ready.put(stub.port)
        ready.put(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


def _orderbot_server(ready: mp.Queue[int], workdir: str, stub_port: int) -> None:
    import logging

    from aiohttp import web

    import bootstrap
    from bootstrap.slack import slack_edge, slack_part
    from bootstrap.web import web_application
    from domain import commands as c
    from runtime.serve import freeze_startup_heap
    from settings import Settings

    logging.disable(logging.WARNING)

    async def main() -> None:
        settings = Settings(
            _env_file=None,
            database_url=f"sqlite:///{workdir}/bench.sqlite3",
            slack_bot_token="xoxb-bench",
            slack_signing_secret=SECRET,
            slack_api_url=f"http://{HOST}:{stub_port}/api/",
        )
        app = bootstrap.build(settings)
        app.bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50")))
        app.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
        line = c.LineInput(product="WIDGET", quantity=Decimal(2))
        app.bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
        edge = slack_edge(app)
        runner = web.AppRunner(web_application(app, edge), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        # The Slack part as `orderbot run` starts it, on the Bolt app of the route above
        # (the web part is that runner).
        slack = slack_part(app, edge)
        assert slack is not None
        freeze_startup_heap()
        running = asyncio.create_task(slack.run(asyncio.Event()))
        await asyncio.sleep(0.5)
        assert not running.done(), "the Slack part stopped"
        ready.put(port)
        await asyncio.Event().wait()

    asyncio.run(main())


class Load:
    """Signed `/order show SO-00001` requests."""

    def __init__(self, url: str, response_base: str) -> None:
        self.url = url
        self.response_base = response_base
        self.n = 0

    def request(self) -> tuple[bytes, dict[str, str]]:
        """A fresh signed request."""
        self.n += 1
        body = urlencode(
            {
                "command": "/order",
                "text": "show SO-00001",
                "user_id": "UBENCH",
                "team_id": "T1",
                "channel_id": "C1",
                "trigger_id": f"bench.{self.n}",
                "response_url": f"{self.response_base}/{self.n}",
            }
        ).encode()
        ts = str(int(time.time()))
        base = b"v0:" + ts.encode() + b":" + body
        sig = "v0=" + hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sig,
        }
        return body, headers


async def _one(session: aiohttp.ClientSession, load: Load) -> int:
    body, headers = load.request()
    async with session.post(load.url, data=body, headers=headers) as response:
        await response.read()
        return response.status


async def open_loop(load: Load, rate: float, seconds: float) -> tuple[list[float], int]:
    """Requests due every 1/rate s; latency from when each was due. Returns (latencies, errors)."""
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=512)
    async with aiohttp.ClientSession(connector=connector) as session:
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.05
        total = int(rate * seconds)

        async def fire(due: float) -> None:
            nonlocal errors
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            status = await _one(session, load)
            if status != 200:
                errors += 1
            latencies.append(loop.time() - due)

        await asyncio.gather(*(fire(start + i / rate) for i in range(total)))
    return latencies, errors


async def closed_loop(load: Load, connections: int, seconds: float) -> float:
    """Requests per second with `connections` requests always in flight."""
    done = 0
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds

        async def worker() -> None:
            nonlocal done
            while loop.time() < end:
                if await _one(session, load) == 200:
                    done += 1

        started = loop.time()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return done / (loop.time() - started)


async def answered(count_url: str | None, expected: int, within: float = 60) -> str:
    """When every request's answer had reached the stand-in, after the last request."""
    if count_url is None:
        return ""
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(count_url) as response:
                got = int(await response.text())
            waited = loop.time() - started
            if got >= expected or waited > within:
                return f"  answers {got}/{expected} posted, the last {waited:.1f} s after the load"
            await asyncio.sleep(0.05)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def measure(
    name: str, load: Load, rate: float, seconds: float, count_url: str | None = None
) -> None:
    """Warm up, then both loads; prints one line (and, for orderbot, when the work of
    the open loop had drained: acks alone could hide a growing backlog)."""
    await closed_loop(load, 8, 0.5)
    before = load.n
    latencies, errors = await open_loop(load, rate, seconds)
    in_open_loop = load.n - before
    drained = await answered(count_url, load.n)
    throughput = await closed_loop(load, 64, seconds)
    print(
        f"{name:<28} {rate:>6.0f}/s  p50 {statistics.median(latencies) * 1000:6.2f} ms  "
        f"p99 {_pct(latencies, 0.99):6.2f} ms  errors {errors:>3}  |  "
        f"closed loop (64 conns): {throughput:7.0f} acks/s",
        flush=True,
    )
    if drained:
        print(f"{drained} ({in_open_loop} in the open loop)", flush=True)


def main() -> None:
    """Run both servers and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rate", type=float, default=500)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as workdir:
        queue: mp.Queue[int] = ctx.Queue()
        bare = ctx.Process(target=_bare_server, args=(queue,), daemon=True)
        bare.start()
        bare_port = queue.get(timeout=30)
        stub = ctx.Process(target=_stub_server, args=(queue,), daemon=True)
        stub.start()
        stub_port = queue.get(timeout=30)
        count_port = queue.get(timeout=30)
        bot = ctx.Process(target=_orderbot_server, args=(queue, workdir, stub_port), daemon=True)
        bot.start()
        bot_port = queue.get(timeout=60)
        try:
            floor = Load(f"http://{HOST}:{bare_port}/slack/events", "http://127.0.0.1:9/r")
            asyncio.run(measure("bare aiohttp (floor)", floor, args.rate, args.seconds))
            load = Load(
                f"http://{HOST}:{bot_port}/slack/events", f"http://{HOST}:{stub_port}/response"
            )
            count_url = f"http://{HOST}:{count_port}/answers"
            asyncio.run(measure("orderbot /order show", load, args.rate, args.seconds, count_url))
        finally:
            for process in (bare, stub, bot):
                process.terminate()
                process.join(5)


if __name__ == "__main__":
    main()
