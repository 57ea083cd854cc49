"""The intake's batch path: one transaction per batch, bulk writes, and its fallbacks.

Real dovecot, real databases. Batches here are small (`batch_size`) so that a test
can put mails in one batch or across two on purpose.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

import bootstrap
from domain import commands as c
from domain.inbox.mail import InboundRecord, IntakeRules, MailKey, Outcome
from domain.inbox.reply import Answer
from domain.numbering import DocumentKind, Numbering
from domain.orders.factory import OrderFactory
from domain.services import intake_batch
from domain.services.order_sources import BatchSources
from mail.inbound.fingerprint import content_hash
from store.bulk import row_values
from store.repositories.inbox import InboundRepository
from store.tables.core import order_lines
from store.tables.inbox import inbox_failures
from tests.integration.inbox_helpers import (
    BUYER,
    HANDLED,
    AppFactory,
    Timeline,
    inbound_rows,
    listener,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount

ORDER_STYLE = Numbering()[DocumentKind.ORDER]


@pytest.fixture
def any_shop(make_app: AppFactory, database_url: str) -> bootstrap.App:
    """The shop on SQLite and on PostgreSQL."""
    app = make_app(database_url)
    load_catalogue(app)
    return app


def _line_count(app: bootstrap.App) -> int:
    with app.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(order_lines)) or 0)


def test_the_same_mail_twice_in_one_batch_and_across_batches_makes_one_order(
    any_shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop = any_shop
    a, b = mail("1 x GADGET", message_id="<a@acme.test>"), mail(message_id="<b@acme.test>")
    for raw in (a, a, b, a):  # batches of 3: [a a b] [a]
        imap_user.append(raw)
    report = poll(shop, imap_user, batch_size=3)
    assert report.outcomes == {"duplicate": 2, "ordered": 2}
    assert [(r["code"], r["reference"]) for r in order_rows(shop)] == [
        ("SO-00001", ""),
        ("SO-00002", ""),
    ]
    assert [r["message_id"] for r in inbound_rows(shop)] == ["<a@acme.test>", "<b@acme.test>"]
    assert len(outbox_rows(shop, "mail_reply")) == 2
    assert all(imap_user.flags(uid) >= HANDLED for uid in (1, 2, 3, 4))


def test_a_duplicate_po_in_one_batch_and_across_batches_is_answered(
    any_shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop = any_shop
    imap_user.append(mail("10 x WIDGET-A\nPO: 77", message_id="<p1@acme.test>"))
    imap_user.append(mail("2 x GADGET\nPO: 77", message_id="<p2@acme.test>"))
    imap_user.append(mail("3 x GADGET\nPO: 78", message_id="<p3@acme.test>"))
    imap_user.append(mail("4 x GADGET\nPO: 77", message_id="<p4@acme.test>"))  # next batch
    assert poll(shop, imap_user, batch_size=3).outcomes == {"answered": 2, "ordered": 2}
    assert [(r["code"], r["reference"]) for r in order_rows(shop)] == [
        ("SO-00001", "77"),
        ("SO-00002", "78"),
    ]
    replies = [r["payload"] for r in outbox_rows(shop, "mail_reply")]
    assert [(p["reply_kind"], p["subject"]) for p in replies] == [
        ("order", "Re: Order [SO-00001]"),
        ("duplicate_po", "Re: Order [SO-00001]"),
        ("order", "Re: Order [SO-00002]"),
        ("duplicate_po", "Re: Order [SO-00001]"),
    ]
    assert [r["order_code"] for r in inbound_rows(shop)] == [
        "SO-00001",
        "SO-00001",
        "SO-00002",
        "SO-00001",
    ]


def test_an_unknown_sender_in_a_batch_takes_no_order_code(
    any_shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop = any_shop
    imap_user.append(mail("1 x GADGET", message_id="<k1@acme.test>"))
    imap_user.append(mail(sender="stranger@else.test", message_id="<u@else.test>"))
    imap_user.append(mail("2 x BOLT-10", message_id="<k2@acme.test>"))
    assert poll(shop, imap_user, batch_size=10).outcomes == {"answered": 1, "ordered": 2}
    assert [r["code"] for r in order_rows(shop)] == ["SO-00001", "SO-00002"]
    replies = [r["payload"] for r in outbox_rows(shop, "mail_reply")]
    assert [p["reply_kind"] for p in replies] == ["order", "not_registered", "order"]
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "unknown_sender"
    # the codes the batch reserved and did not use went back to the counter
    made = shop.bus.handle(
        c.CreateOrder(customer="ACME", lines=(c.LineInput(product="GADGET", quantity=Decimal(1)),))
    )
    assert made.order.code == "SO-00003"


def test_a_poison_mail_makes_its_batch_fall_back_to_one_mail_at_a_time(
    any_shop: bootstrap.App, imap_user: ImapAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = any_shop
    real_answer = intake_batch.Batch.answer

    def answer(self: intake_batch.Batch, mail_in: Any, reply: Answer, customer: Any) -> bool:
        # fails inside the transaction, after the batch's earlier orders were built
        if "POISON" in mail_in.subject:
            raise RuntimeError("cannot digest this one")
        return real_answer(self, mail_in, reply, customer)

    monkeypatch.setattr(intake_batch.Batch, "answer", answer)
    imap_user.append(mail("1 x GADGET\nPO: 1", message_id="<f1@acme.test>"))
    imap_user.append(mail("2 x GADGET", subject="POISON", message_id="<f2@acme.test>"))
    imap_user.append(mail("3 x GADGET\nPO: 1", message_id="<f3@acme.test>"))
    imap_user.append(mail("4 x BOLT-10", message_id="<f4@acme.test>"))
    time = Timeline()
    inbox = listener(shop, imap_user, time, batch_size=10, max_attempts=2)
    first = asyncio.run(inbox.poll_once())
    assert (first.outcomes, first.failed) == ({"answered": 1, "ordered": 2}, 1)
    # nothing of the failed batch transaction was kept: each order once, codes gap-free
    assert [(r["code"], r["reference"]) for r in order_rows(shop)] == [
        ("SO-00001", "1"),
        ("SO-00002", ""),
    ]
    assert _line_count(shop) == 2
    assert [r["message_id"] for r in inbound_rows(shop)] == [
        "<f1@acme.test>",
        "<f3@acme.test>",
        "<f4@acme.test>",
    ]
    assert [imap_user.flags(uid) >= HANDLED for uid in (1, 2, 3, 4)] == [True, False, True, True]
    time.advance(60)
    second = asyncio.run(inbox.poll_once())
    assert (second.seen, second.quarantined) == (1, 1)
    # answering fails like the mail did: the quarantine tells reps only
    assert [r["payload"]["reason"] for r in outbox_rows(shop, "rep_alert")] == ["quarantined"]
    assert [r["payload"]["reply_kind"] for r in outbox_rows(shop, "mail_reply")] == [
        "order",
        "duplicate_po",
        "order",
    ]
    with shop.engine.connect() as conn:
        (row,) = conn.execute(select(inbox_failures)).mappings().all()
    assert (row["uid"], row["attempts"]) == (2, 2)
    assert imap_user.search("ALL") == [1, 3, 4]


def _rows(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in row_values(obj).items() if k != "code"}


def test_a_bulk_written_order_reads_back_as_the_orm_writes_it(any_shop: bootstrap.App) -> None:
    shop = any_shop
    lines = (
        c.LineInput(product="WIDGET-A", quantity=Decimal(3)),
        c.LineInput(product="GADGET", quantity=Decimal(1)),
    )
    cmd = c.CreateOrder(customer="ACME", lines=lines, source="email", reference="R-1", confirm=True)
    one = shop.bus.handle(cmd).order.code
    again = cmd.model_copy(update={"allow_duplicate_ref": True})
    with shop.uow(False) as uow:
        products = {p.code.lower(): p for p in uow.products.list()}
        rates = {t.code.lower(): t.rate for t in uow.taxes.list()}
        factory = OrderFactory(
            datetime.now(UTC), BatchSources(uow, products, rates, 1, style=ORDER_STYLE)
        )
        new = factory.plan(again, uow.customers.get("ACME"))
        code = new.code
        uow.orders.add_new([new])
        uow.commit()
    assert code == "SO-00002"
    with shop.uow(True) as uow:
        orm, bulk = uow.orders.get(one), uow.orders.get(code)
        at = {"created_at": None, "at": None}  # the two were made at different moments
        assert {**_rows(bulk), **at} == {**_rows(orm), **at}
        for name in ("lines", "shipments", "timeline", "notifications"):
            got = [{**_rows(x), **at} for x in getattr(bulk, name)]
            assert got == [{**_rows(x), **at} for x in getattr(orm, name)], name
            assert got, name
        ship = [[_rows(x) for x in s.lines] for s in bulk.shipments]
        assert ship == [[_rows(x) for x in s.lines] for s in orm.shipments]
        assert ship == [[{"line_no": 1, "quantity": Decimal(3)}, {"line_no": 2, "quantity": 1}]]
        assert (bulk.customer_code, str(bulk.status)) == ("ACME", "confirmed")


def test_a_mail_another_reader_took_meanwhile_is_a_retried_race(
    any_shop: bootstrap.App, imap_user: ImapAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = any_shop
    imap_user.append(mail("1 x GADGET", message_id="<r1@acme.test>"))
    second = mail("2 x GADGET", message_id="<r2@acme.test>")
    imap_user.append(second)
    # another process handled <r2> between this batch's look-up and its commit
    with shop.uow(False) as uow:
        key = MailKey("<r2@acme.test>", BUYER, content_hash(second))
        record = InboundRecord(key, datetime.now(UTC), "x", "s", Outcome.IGNORED)
        uow.inbound.add_many([record])
        uow.commit()
    real_recorded = InboundRepository.recorded
    calls: list[int] = []

    def recorded_late(self: InboundRepository, message_ids: Any) -> list[MailKey]:
        calls.append(1)
        return [] if len(calls) == 1 else real_recorded(self, message_ids)

    monkeypatch.setattr(InboundRepository, "recorded", recorded_late)
    assert poll(shop, imap_user, batch_size=10).outcomes == {"duplicate": 1, "ordered": 1}
    assert len(calls) == 2  # the unique key refused the first try; the retry saw the row
    assert [r["code"] for r in order_rows(shop)] == ["SO-00001"]
    assert _line_count(shop) == 1
    assert len(outbox_rows(shop, "mail_reply")) == 1


def test_bulk_written_orders_raise_their_events(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = make_app(sqlite_url, notify_auto=True)
    load_catalogue(shop)
    imap_user.append(mail("1 x GADGET", message_id="<e1@acme.test>"))
    imap_user.append(mail("2 x GADGET", message_id="<e2@acme.test>"))
    rules = IntakeRules(confirm_orders=True, rep_channel="#orders")
    assert poll(shop, imap_user, rules=rules).outcomes == {"ordered": 2}
    assert [(r["code"], r["status"]) for r in order_rows(shop)] == [
        ("SO-00001", "confirmed"),
        ("SO-00002", "confirmed"),
    ]
    # OrderStatusChanged of each confirmed order reached notify_automatically
    notes = outbox_rows(shop, "order_status")
    assert [(n["order_code"], n["recipient"]) for n in notes] == [
        ("SO-00001", BUYER),
        ("SO-00002", BUYER),
    ]
    with shop.uow(True) as uow:
        states = [str(n.state) for n in uow.orders.get("SO-00001").notifications]
    assert states == ["sent"]
