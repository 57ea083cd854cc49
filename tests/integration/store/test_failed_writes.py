"""A write that fails half-way leaves the database as it was, unlocked, for the next one.

Each bulk path that holds the SQLite writer lock (the subscription job's batch, the mail
intake's batch, the confirmation of a customer or an order import) and a plain command
through the unit of work is made to fail after it has written, two ways: a store
function it calls raises, or something other than a driver error is raised while the
transaction commits (a deprecation warning turned into an error did that once; it left
the connection in the pool inside BEGIN IMMEDIATE). Then: nothing of the failed work is
stored, another connection can write at once (another process on SQLite; no session
left idle in a transaction on PostgreSQL), and the same work run again succeeds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

import bootstrap
from domain import commands as c
from domain.imports.sessions import Verdict
from domain.inbox.mail import IntakeRules, MailIn
from domain.jobs.log import JobStatus
from store.repositories.core import OrderRepository
from store.repositories.imports import ImportRepository
from store.repositories.inbox import InboundRepository
from store.repositories.jobs import SubscriptionBatchStore
from store.tables import core as t
from store.tables import subscriptions as sub_tables
from store.tables.inbox import inbound_messages
from tests.integration.inbox_helpers import BUYER, load_catalogue
from tests.integration.jobs_helpers import Clock, app_on, seed, subscribe

REASON = "a warning turned into an error"


class Failure:
    """Makes the next call of a store function fail: right after it wrote ("step"), or
    when the transaction it wrote in commits ("commit")."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, engine: Engine, mode: str) -> None:
        self.monkeypatch, self.engine, self.mode = monkeypatch, engine, mode
        self.left, self.armed = 1, False

    def after(self, owner: type, name: str) -> None:
        """Fail once, after `owner.name` has done its work."""
        original = getattr(owner, name)

        def failing(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if self.left:
                self.left -= 1
                if self.mode == "step":
                    raise DeprecationWarning(REASON)
                self.armed = True
            return result

        self.monkeypatch.setattr(owner, name, failing)
        if self.mode == "commit":
            dialect = self.engine.dialect
            commit = dialect.do_commit

            def failing_commit(dbapi_connection: Any) -> None:
                if self.armed:
                    self.armed = False
                    raise DeprecationWarning(REASON)
                commit(dbapi_connection)

            self.monkeypatch.setattr(dialect, "do_commit", failing_commit)

    def happened(self) -> bool:
        """Whether the failure was raised."""
        return self.left == 0 and not self.armed


MODES = pytest.mark.parametrize("mode", ["step", "commit"])


def assert_unlocked(app: bootstrap.App) -> None:
    """No transaction is left open: another process could write now."""
    url = app.engine.url
    if app.engine.dialect.name == "sqlite":
        # A connection of its own, as another process would have, with no patience.
        other = sqlite3.connect(str(make_url(url).database), timeout=0.5, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()
        return
    with app.engine.connect() as conn:
        idle = conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
            )
        )
    assert idle == 0


def count(app: bootstrap.App, table: Any) -> int:
    with app.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def order_codes(app: bootstrap.App) -> list[str]:
    with app.engine.connect() as conn:
        return list(conn.scalars(select(t.orders.c.code).order_by(t.orders.c.code)))


def iterations(app: bootstrap.App) -> list[int]:
    s = sub_tables.subscriptions.c
    with app.engine.connect() as conn:
        return list(conn.scalars(select(s.iteration).order_by(s.id)))


@MODES
def test_a_failed_subscription_batch_is_logged_and_the_next_run_makes_its_orders(
    database_url: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock.__new__(Clock)
    clock.on(date(2024, 1, 1))
    app = app_on(database_url, clock)
    try:
        seed(app)
        for n in range(3):
            subscribe(app, date(2024, 1, 1) + timedelta(days=n))
        clock.on(date(2024, 1, 15))
        before = iterations(app)
        failure = Failure(monkeypatch, app.engine, mode)
        failure.after(SubscriptionBatchStore, "write")  # its orders are written by then
        failed = app.bus.handle(c.RunJob(name="subscriptions", actor="test", manager=True)).run
        assert failure.happened()
        assert (failed.status, failed.orders_created) == (JobStatus.FAILED, 0)
        assert failed.errors == [repr(DeprecationWarning(REASON))]
        assert order_codes(app) == []
        assert iterations(app) == before  # no period settled
        assert_unlocked(app)
        again = app.bus.handle(c.RunJob(name="subscriptions", actor="test", manager=True)).run
        assert (again.status, again.orders_created) == (JobStatus.SUCCEEDED, 3)
        assert order_codes(app) == ["SO-00001", "SO-00002", "SO-00003"]  # no code lost
        runs = app.bus.handle(c.ListJobRuns()).runs
        assert [(r.status, r.orders_created) for r in runs] == [
            (JobStatus.SUCCEEDED, 3),
            (JobStatus.FAILED, 0),
        ]
    finally:
        app.engine.dispose()


@MODES
def test_a_failed_mail_batch_leaves_nothing_and_the_batch_again_makes_its_order(
    app: bootstrap.App, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(app)
    mail = MailIn(message_id="<m1@acme.test>", from_address=BUYER, body="2 x GADGET", uid=1)
    batch = c.IntakeMails(
        mails=(mail.model_copy(update={"content_hash": "a" * 64}),),
        rules=IntakeRules(rep_channel="#orders"),
    )
    failure = Failure(monkeypatch, app.engine, mode)
    failure.after(InboundRepository, "add_many")  # the batch's last bulk write
    with pytest.raises(DeprecationWarning, match=REASON):
        app.bus.handle(batch)
    assert failure.happened()
    assert (order_codes(app), count(app, inbound_messages)) == ([], 0)
    assert_unlocked(app)
    report = app.bus.handle(batch)
    assert [o.order_code for o in report.outcomes] == ["SO-00001"]
    assert count(app, inbound_messages) == 1


def _import(app: bootstrap.App, tmp_path: Any, kind: str, lines: list[str]) -> str:
    path = tmp_path / f"{kind}.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    report = app.bus.handle(c.CheckImport(kind=kind, path=str(path)))
    assert not report.counts.get(Verdict.RED), report.rows
    return str(report.session_id)


def _confirm_fails_then_succeeds(
    app: bootstrap.App, failure: Failure, session_id: str, stored: Callable[[], object]
) -> object:
    before = stored()
    with pytest.raises(DeprecationWarning, match=REASON):
        app.bus.handle(c.ConfirmImport(session_id=session_id))
    assert failure.happened()
    assert stored() == before
    assert_unlocked(app)
    app.bus.handle(c.ConfirmImport(session_id=session_id))
    return stored()


@MODES
def test_a_failed_customer_import_confirmation_leaves_nothing_and_confirms_again(
    app: bootstrap.App, mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    session_id = _import(
        app, tmp_path, "customers",
        ["Customer code,Customer name,Country", "ACME,Acme SA,FR", "BETA,Beta SARL,FR"],
    )  # fmt: skip
    failure = Failure(monkeypatch, app.engine, mode)
    failure.after(ImportRepository, "write_customers")
    after = _confirm_fails_then_succeeds(app, failure, session_id, lambda: count(app, t.customers))
    assert after == 2


@MODES
def test_a_failed_order_import_confirmation_leaves_nothing_and_confirms_again(
    app: bootstrap.App, mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    load_catalogue(app)
    session_id = _import(
        app, tmp_path, "orders",
        ["Customer code,Order reference,Product,Quantity", "ACME,PO-1,GADGET,1",
         "ACME,PO-2,WIDGET-A,3"],
    )  # fmt: skip
    failure = Failure(monkeypatch, app.engine, mode)
    failure.after(ImportRepository, "mark_confirmed")  # the orders are written by then
    after = _confirm_fails_then_succeeds(app, failure, session_id, lambda: order_codes(app))
    assert after == ["SO-00001", "SO-00002"]


@MODES
def test_a_command_failing_after_its_write_leaves_nothing_and_the_next_one_works(
    app: bootstrap.App, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(app)
    lines = (c.LineInput(product="GADGET", quantity=Decimal(1)),)
    failure = Failure(monkeypatch, app.engine, mode)
    failure.after(OrderRepository, "add")  # its code taken from the counter by then
    with pytest.raises(DeprecationWarning, match=REASON):
        app.bus.handle(c.CreateOrder(customer="ACME", lines=lines))
    assert failure.happened()
    assert order_codes(app) == []
    assert_unlocked(app)
    view = app.bus.handle(c.CreateOrder(customer="ACME", lines=lines))
    assert view.order.code == "SO-00001"
