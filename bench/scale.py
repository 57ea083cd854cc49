"""Benchmark: the commands reps use, on a database of real size, SQLite and PostgreSQL.

    .venv/bin/python bench/scale.py [--customers N] [--orders N] [--big-customer N]
                                    [--runs N] [--no-sqlite] [--no-postgres] [--hold]

Fills a new SQLite file and a new database on a private PostgreSQL cluster that the bench
starts on 127.0.0.1 (as the tests start one) and stops after, with 100,000 customers and
1,000,000 orders by default, each with its lines, shipment, invoice when invoiced, and
timeline (bench/scale_data.py: bulk writes, not what is measured). One customer holds
10,000 of the orders; forty drafts of 10 and of 1,000 lines wait for lines to be added.

Each figure is the service time of a command through the message bus (or, for the
tracking page, an HTTP GET of the page the web part serves): p50 and p99 over --runs
runs, the targets varied, printed beside the target (p99 under 100 ms on PostgreSQL; an
added line costing the same, within 2x, on an order of 10 lines and of 1,000). The floor
at the top is one indexed SELECT of an order by its code: a round trip to the database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path

# Run as a script from anywhere: the repository's packages (and tests.servers) first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

import bootstrap
from bench.scale_data import BIG_CUSTOMER, CHANNEL, PRODUCTS, Sizes, analyze, fill, order_code
from bench.search import quantiles, timed
from bench.search_data import KINDS, LAST, PLACES
from bootstrap.web import web_application
from domain import commands as c
from settings import Settings
from store.tables import core as t

NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)
TARGET_MS = 100.0
"""The target of every p99 on PostgreSQL."""
LINE_RATIO = 2.0
"""The most an added line may cost on an order of 1,000 lines against one of 10."""


def figure(label: str, samples: list[float]) -> str:
    """One line: p50 and p99 beside the target."""
    p50, p99 = quantiles(samples)
    mark = "ok" if p99 < TARGET_MS else "OVER"
    return f"  {label:<46} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms   target p99 < 100 ms  {mark}"


def finds(sizes: Sizes, rng: random.Random) -> dict[str, list[str]]:
    """What reps type into `customer find`, by kind."""
    n = sizes.customers
    return {
        "code": [f"C{rng.randrange(n):06d}" for _ in range(50)],
        "name prefix": [kind[:5] for kind in KINDS] + [last[:4] for last in LAST[:20]],
        "accented name": ["Hôtel Lefèvre", "hotel lefevre", "Sørensen", "sorensen", "Müller",
                          "Bérénice", "Ødegaard", "François", "Jørgensen", "Møller"],
        "city": [place[2] for place in PLACES] + ["saint etienne", "kobenhavn"],
        "postal code": [place[1] for place in PLACES],
        "order code": [order_code(rng.randrange(1, sizes.orders)) for _ in range(50)],
        "PO number": [f"PO-{rng.randrange(1, sizes.orders // 2) * 2:06d}" for _ in range(50)],
    }  # fmt: skip


def lists(sizes: Sizes, rng: random.Random, deep: str | None) -> dict[str, list[c.ListOrders]]:
    """`order list` with each of its words."""
    who = [f"C{rng.randrange(sizes.customers):06d}" for _ in range(30)]
    day = NOW.date()
    return {
        "no filter": [c.ListOrders()],
        "a customer": [c.ListOrders(customer=code) for code in who],
        "the 10,000-order customer": [c.ListOrders(customer=BIG_CUSTOMER)],
        "status:": [c.ListOrders(status=s) for s in ("draft", "confirmed", "closed", "cancelled")],
        "to-ship": [c.ListOrders(to_ship=True)],
        "to-invoice": [c.ListOrders(to_invoice=True)],
        "overdue": [c.ListOrders(overdue=True)],
        "ref:PO": [
            c.ListOrders(reference=f"PO-{rng.randrange(1, sizes.orders // 2) * 2:06d}")
            for _ in range(30)
        ],
        "since:/until: (a month)": [
            c.ListOrders(since=day - timedelta(days=d + 30), until=day - timedelta(days=d))
            for d in range(0, 700, 20)
        ],
        "a customer, to-ship": [c.ListOrders(customer=code, to_ship=True) for code in who],
        "paging: page 50 of to-invoice": [c.ListOrders(to_invoice=True, after=deep)],
        "paging: page 50 of all": [c.ListOrders(after=order_code(sizes.orders - 20 * 49))],
    }


def _deep(app: bootstrap.App) -> str | None:
    """The last order of the 49th page of orders to invoice (page 50 starts after it)."""
    asked: c.ListOrders | None = c.ListOrders(to_invoice=True, limit=196)
    code: str | None = None
    for _ in range(5):  # 5 pages of 196: 49 pages of 20
        if asked is None:
            break
        page = app.bus.handle(asked)
        code = page.items[-1].code if page.items else code
        asked = page.more
    return code


def new_orders(sizes: Sizes, rng: random.Random) -> list[c.CreateOrder]:
    """`order new` for a customer with 20 lines."""
    lines = tuple(c.LineInput(product=p, quantity=Decimal(n + 1)) for n, p in enumerate(PRODUCTS))
    return [
        c.CreateOrder(customer=f"C{rng.randrange(sizes.customers):06d}", lines=lines)
        for _ in range(50)
    ]


def adds(codes: list[str]) -> Iterator[c.AddLine]:
    """Lines added one at a time to these orders in turn."""
    n = 0
    while True:
        for code in codes:
            n += 1
            product = PRODUCTS[n % len(PRODUCTS)]
            yield c.AddLine(code=code, line=c.LineInput(product=product, quantity=Decimal(1)))


def commands(app: bootstrap.App, sizes: Sizes, runs: int) -> Iterator[str]:
    """Each command's figure, as it is measured."""
    rng = random.Random(5)
    handle = app.bus.handle
    for kind, texts in finds(sizes, rng).items():
        asked = [c.FindCustomers(text=q) for q in texts]
        yield figure(f"customer find, {kind}", timed(handle, asked, runs))
    yield figure(
        f"customer show, {sizes.big:,} orders",
        timed(handle, [c.ShowCustomer(code=BIG_CUSTOMER)], runs),
    )
    shown = [c.ShowOrder(code=order_code(rng.randrange(1, sizes.orders))) for _ in range(50)]
    yield figure("order show", timed(handle, shown, runs))
    for label, asks in lists(sizes, rng, _deep(app)).items():
        yield figure(f"order list, {label}", timed(handle, asks, runs))
    yield figure("order new, 20 lines", timed(handle, new_orders(sizes, rng), runs))
    yield from _added_lines(app, sizes, runs)


def _added_lines(app: bootstrap.App, sizes: Sizes, runs: int) -> Iterator[str]:
    """An added line on orders of 10 lines and of 1,000, and their ratio."""
    found = {}
    for label, codes in (("10", sizes.small_orders), ("1,000", sizes.large_orders)):
        samples = timed(app.bus.handle, list(islice(adds(codes), runs + 2)), runs)
        found[label] = samples
        yield figure(f"order add line, order of {label} lines", samples)
    small, large = (quantiles(found[k])[0] for k in ("10", "1,000"))
    mark = "ok" if large / small <= LINE_RATIO else "OVER"
    label = "order add line, 1,000 lines against 10 (p50)"
    yield f"  {label:<46} {large / small:5.2f}x{'':36}target <= {LINE_RATIO:.0f}x  {mark}"


def tracking(app: bootstrap.App, sizes: Sizes, runs: int) -> str:
    """GET /t/TOKEN of the web part, each order's page read for the first time."""
    rng = random.Random(9)
    tokens = [
        app.bus.handle(
            c.ViewAsCustomer(code=order_code(rng.randrange(1, sizes.orders)))
        ).url.rsplit("/", 1)[1]
        for _ in range(runs + 2)
    ]
    return figure("tracking page, GET /t/TOKEN", asyncio.run(_get_pages(app, tokens)))


async def _get_pages(app: bootstrap.App, tokens: list[str]) -> list[float]:
    runner = web.AppRunner(web_application(app, None), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    found = []
    try:
        async with aiohttp.ClientSession() as session:
            for n, token in enumerate(tokens):
                start = time.perf_counter()
                async with session.get(f"http://127.0.0.1:{port}/t/{token}") as response:
                    await response.read()
                    assert response.status == 200, response.status
                if n >= 2:  # two warm-up requests
                    found.append(time.perf_counter() - start)
    finally:
        await runner.cleanup()
    return found


def floor(app: bootstrap.App, sizes: Sizes, runs: int) -> str:
    """One indexed SELECT of an order by its code."""
    rng = random.Random(3)
    codes = [order_code(rng.randrange(1, sizes.orders)).lower() for _ in range(50)]
    query = select(t.orders.c.id)

    def one(code: str) -> object:
        with app.engine.connect() as conn:
            return conn.execute(query.where(func.lower(t.orders.c.code) == code)).first()

    p50, p99 = quantiles(timed(one, codes, runs))
    return f"  {'floor: an order by its code, SQL alone':<46} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms"


def carded(url: str, sizes: Sizes, runs: int) -> str:
    """A line added to an order of 1,000 lines with an orders channel set: the order's
    Slack card is updated too (the outbox row; nothing is sent)."""
    app = _app(url, CHANNEL)
    try:
        samples = timed(app.bus.handle, list(islice(adds(sizes.large_orders), runs + 2)), runs)
    finally:
        app.engine.dispose()
    return figure("order add line, 1,000 lines, orders channel", samples)


def _app(url: str, channel: str | None = None) -> bootstrap.App:
    made = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 30,
        slack_orders_channel=channel,
        _env_file=None,
    )
    return bootstrap.build(made, clock=lambda: NOW)


def measure(label: str, url: str, sizes: Sizes, runs: int) -> None:
    """Fill one database and print its figures."""
    app = _app(url)
    try:
        start = time.perf_counter()
        with app.engine.begin() as conn:
            fill(conn, sizes, NOW)
        with app.engine.begin() as conn:
            analyze(conn)
        print(f"{label}: {sizes.customers:,} customers, {sizes.orders:,} orders filled in "
              f"{time.perf_counter() - start:.0f} s; {runs} runs a figure", flush=True)  # fmt: skip
        print(floor(app, sizes, runs), flush=True)
        for line in commands(app, sizes, runs):
            print(line, flush=True)
        print(tracking(app, sizes, runs), flush=True)
    finally:
        app.engine.dispose()
    print(carded(url, sizes, runs), flush=True)


def hold(url: str, sizes: Sizes) -> None:
    """Fill the database at `url` and wait for SIGTERM or Ctrl-C, the server left up."""
    app = _app(url)
    with app.engine.begin() as conn:
        fill(conn, sizes, NOW)
    with app.engine.begin() as conn:
        analyze(conn)
    app.engine.dispose()
    print(f"PostgreSQL filled and held: {url}", flush=True)
    # SIGTERM ends the wait as Ctrl-C does, so the server is stopped and its files removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.suppress(KeyboardInterrupt):
        signal.pause()


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--big-customer", type=int, default=10_000,
                        help="orders of the one large customer")  # fmt: skip
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--hold", action="store_true",
                        help="fill PostgreSQL, print its URL and keep it up, unmeasured, "
                        "until SIGTERM or Ctrl-C (to EXPLAIN the commands' queries)")  # fmt: skip
    args = parser.parse_args()
    sizes = Sizes(args.customers, args.orders, min(args.big_customer, args.orders // 2))
    if not args.no_postgres:
        from tests.servers.postgres import PostgresServer

        with PostgresServer() as server:
            url = server.create_database("scale")
            if args.hold:
                hold(url, sizes)
                return
            measure("PostgreSQL", url, sizes, args.runs)
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            measure("SQLite", f"sqlite:///{Path(tmp) / 'scale.db'}", sizes, args.runs)


if __name__ == "__main__":
    main()
