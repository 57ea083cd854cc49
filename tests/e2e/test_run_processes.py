"""Two `orderbot run` processes on one PostgreSQL: one leads, the other takes over.

Process A starts first and leads the inbox, the outbox relay and the scheduler; B starts
as a follower. A handles the first 100 order mails and 25 due subscriptions; then the
test holds the order-number rows so that A's batch of the next 100 mails stops inside
its transaction, and SIGKILLs A there. B takes over every part, 25 more subscriptions
fall due, and in the end each mail made one order and one reply, each subscription one
order: nothing twice, nothing lost.
"""

from __future__ import annotations

import signal
from collections import Counter
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text

import bootstrap
from domain import commands as c
from settings import Settings
from store.tables import core as t
from store.tables.inbox import inbound_messages
from tests.e2e.service import Service, start, until, wait_healthy
from tests.integration.inbox_helpers import BUYER, OWN, load_catalogue, mail
from tests.servers.dovecot import ImapAccount
from tests.servers.ports import free_port
from tests.servers.smtp import SmtpServer

MAILS = 200
SUBSCRIPTIONS = 50


def subscribe(app: bootstrap.App, n: int) -> None:
    """`n` monthly subscriptions of ACME, due today."""
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    for _ in range(n):
        app.bus.handle(
            c.CreateSubscription(
                customer="ACME", lines=(("COFFEE", Decimal(1)),), frequency="monthly",
                start_date=today,
            )
        )  # fmt: skip


def settings_of(url: str, imap: ImapAccount, smtp: SmtpServer) -> dict[str, str]:
    """Inbox, relay and scheduler on; small inbox batches so a kill lands mid-way."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": "e2e-secret-" + "x" * 30,
        "MAIL_FROM": f"Orders <{OWN}>",
        "IMAP_HOST": imap.host, "IMAP_PORT": str(imap.port), "IMAP_TLS": "false",
        "IMAP_USER": imap.user, "IMAP_PASSWORD": imap.password, "IMAP_BATCH_SIZE": "10",
        "IMAP_IDLE_MINUTES": "0.05", "IMAP_POLL_SECONDS": "0.5",
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port), "SMTP_TLS": "none",
        "MAIL_ANSWERS_PER_HOUR": str(MAILS),  # one customer sends them all
        "OUTBOX_LEASE_SECONDS": "3",  # rows the killed relay had claimed come back soon
        "SUBSCRIPTION_JOB_CRON": "*/2 * * * * *",
        "SCHEDULER_POLL_SECONDS": "0.5", "LEADER_RETRY_SECONDS": "0.5",
    }  # fmt: skip


def count(app: bootstrap.App, query: Any) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def leads_all(svc: Service) -> bool:
    """/healthz says this process leads the inbox, the relay and the scheduler."""
    try:
        status, body = svc.health()
    except OSError:
        return False  # not listening yet
    parts = body["parts"]
    return status == 200 and all(parts[p]["leader"] for p in ("inbox", "outbox", "scheduler"))


async def test_two_processes_handle_everything_once_across_a_leader_kill(
    pg_url: str, imap_user: ImapAccount, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    view = bootstrap.build(Settings(database_url=pg_url, _env_file=None))
    load_catalogue(view)
    view.bus.handle(
        c.CreateProduct(code="COFFEE", name="Coffee", price=Decimal(9), frequencies="monthly")
    )
    half = MAILS // 2
    for n in range(half):
        imap_user.append(mail(f"{n % 7 + 1} x WIDGET-A\n", message_id=f"<two-{n}@acme.test>"))
    subscribe(view, SUBSCRIPTIONS // 2)
    settings = settings_of(pg_url, imap_user, smtp_server)
    first = start(tmp_path / "a", free_port(), settings, "a")
    second: Service | None = None
    blocker = view.engine.connect()
    try:
        await until(lambda: leads_all(first), 20, "A leading every part", first)
        second = start(tmp_path / "b", free_port(), settings, "b")
        wait_healthy(second)
        email_orders = (
            select(func.count()).select_from(t.orders).where(t.orders.c.source == "email")
        )
        await until(lambda: count(view, email_orders) == half, 30, "the first half", first)
        # Hold the order numbers: A's next batch stops inside its transaction, mid-way.
        blocker.execute(select(t.counters).with_for_update())
        for n in range(half, MAILS):
            imap_user.append(mail(f"{n % 7 + 1} x WIDGET-A\n", message_id=f"<two-{n}@acme.test>"))
        await until(lambda: _waiting_on_a_lock(view), 20, "A's batch in flight", first)
        first.stop(signal.SIGKILL)
        blocker.rollback()
        assert count(view, email_orders) == half  # the batch in flight died with A
        await until(lambda: leads_all(second), 20, "B taking over", second)
        subscribe(view, SUBSCRIPTIONS - SUBSCRIPTIONS // 2)
        await until(lambda: _all_done(view, smtp_server), 40, "everything handled", second)
        _assert_exactly_once(view, smtp_server)
        status, seconds = second.stop(signal.SIGTERM)
        assert (status, seconds < 10) == (0, True), second.output()
    finally:
        blocker.close()
        for svc in (first, second):
            if svc is not None:
                svc.kill()
        view.engine.dispose()


def _waiting_on_a_lock(app: bootstrap.App) -> bool:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database()"
    )
    with app.engine.connect() as conn:
        return bool(conn.execute(query).scalar_one())


def _replies(smtp: SmtpServer) -> Counter[str]:
    return Counter(
        str(m.message["In-Reply-To"]) for m in smtp.messages if BUYER in m.rcpt_tos
        and m.message["In-Reply-To"]
    )  # fmt: skip


def _all_done(view: bootstrap.App, smtp: SmtpServer) -> bool:
    orders = count(view, select(func.count()).select_from(t.orders))
    return orders >= MAILS + SUBSCRIPTIONS and len(_replies(smtp)) >= MAILS


def _assert_exactly_once(view: bootstrap.App, smtp: SmtpServer) -> None:
    o = t.orders.c
    with view.engine.connect() as conn:
        by_source = {
            row[0]: row[1]
            for row in conn.execute(select(o.source, func.count()).group_by(o.source))
        }
        keys = conn.scalars(select(inbound_messages.c.message_id)).all()
        per_subscription = conn.execute(
            select(o.subscription_id, func.count()).where(o.subscription_id.is_not(None))
            .group_by(o.subscription_id)
        ).all()  # fmt: skip
        reply_rows = conn.scalars(
            select(func.count()).select_from(t.outbox).where(t.outbox.c.kind == "mail_reply")
        ).one()
    assert {str(k): v for k, v in by_source.items()} == {
        "email": MAILS,
        "subscription": SUBSCRIPTIONS,
    }
    assert len(keys) == len(set(keys)) == MAILS
    assert len(per_subscription) == SUBSCRIPTIONS
    assert {n for _, n in per_subscription} == {1}
    assert reply_rows == MAILS
    # Every mail answered; a reply sent twice (a kill between sending and settling) keeps
    # its Message-ID, so the customer's client shows it once.
    replies = _replies(smtp)
    assert set(replies) == {f"<two-{n}@acme.test>" for n in range(MAILS)}
    resent = [m.message for m in smtp.messages if replies[str(m.message["In-Reply-To"])] > 1]
    by_reply = Counter((str(m["In-Reply-To"]), str(m["Message-ID"])) for m in resent)
    assert len(by_reply) == len({k for k, _ in by_reply})
