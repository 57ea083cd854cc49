"""Helpers of the job tests: an app on a clock, products, customers and subscriptions."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

import bootstrap
from domain import commands as c
from settings import Settings
from store.tables import core as t


class Clock:
    """A settable clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def on(self, day: date, hour: int = 6) -> None:
        """Move to `day` at `hour`:00 UTC."""
        self.now = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def app_on(url: str, clock: Clock, **settings: Any) -> bootstrap.App:
    """An app on `url` whose clock is `clock`."""
    return bootstrap.build(Settings(database_url=url, _env_file=None, **settings), clock=clock)


def seed(app: bootstrap.App, customers: int = 1) -> None:
    """A tax, products allowing every frequency, and customers ACME0..."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(
        c.CreateProduct(
            code="COFFEE", name="Coffee", price=Decimal("12.50"), tax="VAT20",
            frequencies="monthly,quarterly,yearly",
        )
    )  # fmt: skip
    bus.handle(c.CreateProduct(code="TEA", name="Tea", price=Decimal(4), frequencies="monthly"))
    for n in range(customers):
        bus.handle(c.CreateCustomer(code=f"ACME{n}", name=f"Acme {n}", email=f"b{n}@acme.test"))
        bus.handle(c.AddAddress(customer=f"ACME{n}", code="HQ", city="Paris", country="FR"))


def subscribe(app: bootstrap.App, start: date, every: str = "monthly", **kw: Any) -> int:
    """A subscription of ACME0 to 2 COFFEE; returns its id."""
    lines = kw.pop("lines", (("COFFEE", Decimal(2)),))
    view = app.bus.handle(
        c.CreateSubscription(
            customer=kw.pop("customer", "ACME0"), lines=lines, frequency=every,
            start_date=start, **kw,
        )
    )  # fmt: skip
    return int(view.subscription.id)


def run_job(app: bootstrap.App, name: str = "subscriptions") -> Any:
    """Run a job through the bus as a manager; the finished run."""
    return app.bus.handle(c.RunJob(name=name, actor="test", manager=True)).run


def orders_of(app: bootstrap.App, sub_id: int) -> list[tuple[int, date | None, str]]:
    """(iteration, requested date, code) of a subscription's orders."""
    o = t.orders.c
    with app.engine.connect() as conn:
        rows = conn.execute(
            select(o.subscription_iteration, o.requested_date, o.code)
            .where(o.subscription_id == sub_id)
            .order_by(o.subscription_iteration)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def count(app: bootstrap.App, table: Any) -> int:
    """Rows in a table."""
    with app.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


if __name__ == "__main__":
    # python -m tests.integration.jobs_helpers URL KILL_AFTER: run the subscription job in
    # batches of one, SIGKILL-ing this process after KILL_AFTER orders were committed.
    import os
    import signal

    from domain.services.subscription_job import SubscriptionJob

    clock = Clock(datetime.fromisoformat(sys.argv[3]))
    worker = app_on(sys.argv[1], clock)
    kill_after = int(sys.argv[2])

    def after_batch(made: int) -> None:
        if made >= kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    worker.jobs.register("subscriptions", SubscriptionJob(batch_size=1, after_batch=after_batch))
    run_job(worker)
