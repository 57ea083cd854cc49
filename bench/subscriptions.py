"""Benchmark: the subscription job on 100,000 due subscriptions, SQLite and PostgreSQL.

    .venv/bin/python -m bench.subscriptions [--count N] [--no-postgres]

Prints the job's orders/s beside the raw floor measured in the same run: a bulk insert of
the same number of `orders` rows through SQLAlchemy Core (no lines, shipments, timeline).
PostgreSQL runs on a private cluster started as tests/servers/postgres.py does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

# Run as a script from anywhere: the repository's packages (and tests.servers) first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, insert

import bootstrap
from domain import commands as c
from settings import Settings
from store.tables import core as t
from store.tables import subscriptions as subs

TODAY = datetime(2026, 1, 15, 6, tzinfo=UTC)


def _setup(url: str, count: int) -> bootstrap.App:
    app = bootstrap.build(Settings(database_url=url, _env_file=None), clock=lambda: TODAY)
    app.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    app.bus.handle(
        c.CreateProduct(
            code="COFFEE", name="Coffee", price=Decimal("12.50"), tax="VAT20",
            frequencies="monthly,quarterly,yearly",
        )
    )  # fmt: skip
    customers = 1000
    for n in range(customers):
        app.bus.handle(c.CreateCustomer(code=f"C{n}", name=f"Customer {n}"))
    rows = [
        {
            "customer_code": f"C{n % customers}",
            "frequency": "monthly",
            "start_date": date(2026, 1, 1 + n % 15),
            "iteration": 0,
            "status": "active",
            "catch_up": "all",
            "skipped": [],
        }
        for n in range(count)
    ]
    with app.engine.begin() as conn:
        ids = (
            conn.execute(
                insert(subs.subscriptions).returning(
                    subs.subscriptions.c.id, sort_by_parameter_order=True
                ),
                rows,
            )
            .scalars()
            .all()
        )
        conn.execute(
            insert(subs.subscription_lines),
            [{"subscription_id": i, "product_code": "COFFEE", "quantity": Decimal(2)} for i in ids],
        )
    return app


def _floor(app: bootstrap.App, count: int) -> float:
    rows = [
        {
            "code": f"FLOOR-{n}", "customer_code": "C0", "created_at": TODAY, "status": "draft",
            "source": "subscription", "discount_value": Decimal(0), "shipping_charges": Decimal(0),
            "adjustment": Decimal(0), "version": 1,
        }
        for n in range(count)
    ]  # fmt: skip
    start = time.perf_counter()
    with app.engine.begin() as conn:
        conn.execute(insert(t.orders), rows)
    took = time.perf_counter() - start
    with app.engine.begin() as conn:
        conn.execute(delete(t.orders).where(t.orders.c.code.like("FLOOR-%")))
    return took


def measure(label: str, url: str, count: int) -> None:
    """Set up, run the job once, print its figure and the floor."""
    app = _setup(url, count)
    try:
        floor = _floor(app, count)
        start = time.perf_counter()
        run = app.bus.handle(c.RunJob(name="subscriptions", actor="bench", manager=True)).run
        took = time.perf_counter() - start
        assert run.orders_created == count, run
        print(
            f"{label}: {count} orders in {took:.1f} s = {count / took:,.0f} orders/s "
            f"(status {run.status}); floor: {count} Core order rows in {floor:.2f} s "
            f"= {count / floor:,.0f} rows/s"
        )
    finally:
        app.engine.dispose()


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.count)
    if not args.no_postgres:
        from tests.servers.postgres import PostgresServer

        with PostgresServer() as server:
            measure("PostgreSQL", server.create_database("bench"), args.count)


if __name__ == "__main__":
    main()
