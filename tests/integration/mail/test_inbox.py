"""The inbox listener against a real dovecot and a real SQLite database, end to end."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

import bootstrap
from domain import commands as c
from domain.errors import ConcurrencyConflict
from domain.inbox.mail import InboundRecord, MailKey, Outcome
from mail.inbound import imap as imap_module
from mail.inbound.imap import HANDLED_KEYWORD
from store.tables.core import order_lines
from store.tables.inbox import inbox_failures, inbox_folders
from tests.integration.inbox_helpers import (
    AUTHSERV,
    BUYER,
    HANDLED,
    OWN,
    AppFactory,
    PoisonBus,
    Timeline,
    answer_text,
    inbound_rows,
    listener,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.paths import ROOT
from tests.servers.dovecot import DovecotServer, ImapAccount


@pytest.fixture
def any_shop(make_app: AppFactory, database_url: str) -> bootstrap.App:
    """The shop on SQLite and on PostgreSQL."""
    app = make_app(database_url)
    load_catalogue(app)
    return app


def lines_of(app: bootstrap.App, code: str) -> list[tuple[str, Decimal]]:
    orders = {r["code"]: r["id"] for r in order_rows(app)}
    query = (
        select(order_lines.c.product_code, order_lines.c.quantity)
        .where(order_lines.c.order_id == orders[code])
        .order_by(order_lines.c.line_no)
    )
    with app.engine.connect() as conn:
        return [(p, Decimal(q)) for p, q in conn.execute(query)]


def test_every_line_form_in_english_and_french(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    english = "Hello,\n\n10 x WIDGET-A\nGADGET x 2\nBOLT-10: 100\nWIDGET-A 5 @ 11.00\nPO: 4711\n"
    english += "Ship to: DEPOT\nRequested date: 2026-12-03\nDue date: 10/12/2026\n\n-- \nBob\n"
    french = "Bonjour,\nRéf : CMD-88\nLivrer à : HQ\nDate de demande : 3 décembre 2026\n"
    french += "Produit : GADGET ; Quantité : 4\n\nCordialement\n> 99 x WIDGET-A\n"
    imap_user.append(mail(english))
    imap_user.append(mail(french, message_id="<fr@acme.test>", subject="Commande"))
    report = poll(shop, imap_user)
    assert report.outcomes == {"ordered": 2}
    first, second = order_rows(shop)
    assert (first["reference"], first["requested_date"], first["due_date"]) == (
        "4711",
        date(2026, 12, 3),
        date(2026, 12, 10),
    )
    assert first["delivery_address_code"] == "DEPOT"
    assert first["source"] == "email"
    assert lines_of(shop, "SO-00001") == [
        ("WIDGET-A", Decimal(10)),
        ("GADGET", Decimal(2)),
        ("BOLT-10", Decimal(100)),
        ("WIDGET-A", Decimal(5)),
    ]
    assert (second["reference"], second["delivery_address_code"]) == ("CMD-88", "HQ")
    assert lines_of(shop, "SO-00002") == [("GADGET", Decimal(4))]  # the quote is ignored
    assert [imap_user.flags(uid) >= HANDLED for uid in (1, 2)] == [True, True]
    replies = outbox_rows(shop, "mail_reply")
    assert [r["payload"]["subject"] for r in replies] == [
        "Re: Order [SO-00001]",
        "Re: Commande [SO-00002]",
    ]
    assert replies[0]["payload"]["in_reply_to"] == "<m1@acme.test>"
    assert replies[0]["payload"]["headers"] == {"Auto-Submitted": "auto-replied"}


def test_an_html_only_mail_is_read_as_text(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    imap_user.append(mail("", html="<p>Hello</p><p>3 x GADGET<br>PO: H-1</p>"))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    assert lines_of(shop, "SO-00001") == [("GADGET", Decimal(3))]


def test_unknown_sender_creates_nothing(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    imap_user.append(mail(sender="stranger@else.test", headers={"Reply-To": BUYER}))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert order_rows(shop) == []
    (reply,) = outbox_rows(shop, "mail_reply")
    assert reply["recipient"] == "stranger@else.test"
    assert reply["payload"]["reply_kind"] == "not_registered"
    (alert,) = outbox_rows(shop, "rep_alert")
    assert (alert["channel"], alert["recipient"]) == ("slack", "#orders")
    assert imap_user.flags(1) >= HANDLED


def test_dmarc_failure_is_held_for_review(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    results = f"{AUTHSERV}; spf=fail smtp.mailfrom=acme.test; dmarc=fail header.from=acme.test"
    imap_user.append(mail(headers={"Authentication-Results": results}))
    assert poll(shop, imap_user).outcomes == {"held": 1}
    (order,) = order_rows(shop)
    assert order["status"] == "draft"
    assert order["remarks"].startswith("HELD FOR REVIEW")
    assert outbox_rows(shop, "mail_reply") == []
    assert [a["payload"]["reason"] for a in outbox_rows(shop, "rep_alert")] == ["dmarc_fail"]


BOUNCE = (
    b"From: MAILER-DAEMON@mx.acme.test\r\nTo: orders@shop.test\r\nSubject: Undelivered\r\n"
    b"Message-ID: <b1@mx>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain\r\n\r\n10 x WIDGET-A\r\n"
    b"--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--\r\n"
)


def test_automatic_mail_is_never_answered(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    imap_user.append(
        mail(
            subject="Out of office",
            headers={"Auto-Submitted": "auto-replied"},
            message_id="<ooo@acme.test>",
        )
    )
    imap_user.append(BOUNCE)
    imap_user.append(mail(sender=OWN, message_id="<own@shop.test>"))
    imap_user.append(
        mail(headers={"Auto-Submitted": "auto-generated"}, message_id="<erp@acme.test>")
    )
    assert poll(shop, imap_user).outcomes == {"ignored": 3, "ordered": 1}
    assert [r["reason"] for r in inbound_rows(shop)] == [
        "out_of_office",
        "bounce",
        "from_ourselves",
        "order",
    ]
    assert len(order_rows(shop)) == 1  # the ERP's automatic order is taken...
    assert outbox_rows(shop) == []  # ...and nothing at all is answered
    assert all(imap_user.flags(uid) >= HANDLED for uid in (1, 2, 3, 4))


def test_the_same_mail_twice_and_in_two_folders_makes_one_order(
    any_shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop = any_shop
    raw = mail()
    no_id = mail("3 x GADGET", message_id=None)
    imap_user.create_folder("Other")
    for folder in ("INBOX", "INBOX", "Other"):
        imap_user.append(raw, folder=folder)
        imap_user.append(no_id, folder=folder)
    assert poll(shop, imap_user).outcomes == {"duplicate": 2, "ordered": 2}
    assert poll(shop, imap_user, folder="Other").outcomes == {"duplicate": 2}
    assert [r["code"] for r in order_rows(shop)] == ["SO-00001", "SO-00002"]
    keys = [r["message_id"] for r in inbound_rows(shop)]
    assert keys[0] == "<m1@acme.test>"
    assert keys[1].startswith("sha256:")
    assert len(outbox_rows(shop, "mail_reply")) == 2
    assert imap_user.search("UNKEYWORD " + HANDLED_KEYWORD, folder="Other") == []


def test_a_duplicate_po_is_answered(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    imap_user.append(mail("10 x WIDGET-A\nPO: 77"))
    poll(shop, imap_user)
    imap_user.append(mail("2 x GADGET\nPO: 77", message_id="<m2@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert len(order_rows(shop)) == 1
    second = outbox_rows(shop, "mail_reply")[1]["payload"]
    assert (second["reply_kind"], second["subject"]) == ("duplicate_po", "Re: Order [SO-00001]")


def test_status_requests(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    imap_user.append(mail())
    poll(shop, imap_user)
    shop.bus.handle(c.ConfirmOrder(code="SO-00001"))
    imap_user.append(mail("status SO-00001", message_id="<s1@acme.test>"))
    imap_user.append(mail("Any news?", subject="Re: Order [SO-00001]", message_id="<s2@a>"))
    assert poll(shop, imap_user).outcomes == {"answered": 2}
    rows = outbox_rows(shop, "mail_reply")[1:]
    statuses = [r["payload"] for r in rows]
    assert [(s["reply_kind"], s["status"]) for s in statuses] == [
        ("status", "confirmed"),
        ("status", "confirmed"),
    ]
    assert "SO-00001 is confirmed" in answer_text(rows[0])


def test_an_oversize_mail_body_is_never_fetched(
    shop: bootstrap.App, imap_user: ImapAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched: list[tuple[tuple[int, ...], bool]] = []
    real_fetch = imap_module.ImapSession.fetch

    async def recording(self: Any, uids: Any, headers_only: bool = False) -> dict[int, bytes]:
        found = await real_fetch(self, uids, headers_only)
        fetched.append((tuple(uids), headers_only))
        return found

    monkeypatch.setattr(imap_module.ImapSession, "fetch", recording)
    big = mail(
        "10 x WIDGET-A\n", attachments=[("big.bin", "application/octet-stream", b"x" * 30_000)]
    )
    imap_user.append(mail("1 x GADGET", message_id="<small@acme.test>"))
    imap_user.append(big)
    assert poll(shop, imap_user, max_bytes=20_000).outcomes == {"answered": 1, "ordered": 1}
    assert fetched == [((1,), False), ((2,), True)]
    too_large = outbox_rows(shop, "mail_reply")[1]["payload"]
    assert too_large["reply_kind"] == "too_large"
    assert imap_user.flags(2) >= HANDLED


def test_a_poison_mail_is_quarantined_after_n_attempts(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append(mail(message_id="<a@acme.test>"))
    poison = mail(subject="POISON", message_id="<p@acme.test>")
    imap_user.append(poison)
    imap_user.append(mail("2 x GADGET", message_id="<c@acme.test>"))
    time = Timeline()
    inbox = listener(shop, imap_user, time, max_attempts=3, quarantine_folder="Quarantine")
    inbox.bus = PoisonBus(shop)
    first = asyncio.run(inbox.poll_once())
    assert (first.outcomes, first.failed, first.advanced) == ({"ordered": 2}, 1, False)
    assert imap_user.flags(1) >= HANDLED
    assert imap_user.flags(3) >= HANDLED
    assert "\\Seen" not in imap_user.flags(2)
    early = asyncio.run(inbox.poll_once())  # its next attempt has not come: not tried
    assert (early.seen, early.failed, early.waiting) == (1, 0, {2: time.now + timedelta(minutes=1)})
    time.advance(60)
    second = asyncio.run(inbox.poll_once())
    assert (second.seen, second.failed, second.next_attempt) == (
        1,
        1,
        time.now + timedelta(minutes=2),
    )
    time.advance(120)
    third = asyncio.run(inbox.poll_once())
    assert (third.quarantined, third.outcomes, third.advanced) == (1, {"quarantined": 1}, True)
    assert imap_user.search("ALL") == [1, 3]
    assert len(imap_user.search("ALL", folder="Quarantine")) == 1
    with shop.engine.connect() as conn:
        (row,) = conn.execute(select(inbox_failures)).mappings().all()
    assert (row["uid"], row["attempts"]) == (2, 3)
    assert bytes(row["raw"]) == poison.replace(b"\n", b"\r\n")  # as dovecot stores it
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "quarantined"
    answer = outbox_rows(shop, "mail_reply")[-1]  # the sender is told a person will look
    assert (answer["recipient"], answer["payload"]["reply_kind"]) == (BUYER, "quarantined")
    assert len(order_rows(shop)) == 2
    assert asyncio.run(inbox.poll_once()).seen == 0


def test_a_uidvalidity_change_reads_the_folder_again(
    shop: bootstrap.App, imap_user: ImapAccount, dovecot: DovecotServer
) -> None:
    imap_user.create_folder("Orders")
    imap_user.append(mail(), folder="Orders")
    assert poll(shop, imap_user, folder="Orders").outcomes == {"ordered": 1}
    with dovecot.imap(imap_user.user) as client:
        client.delete('"Orders"')
    imap_user.create_folder("Orders")
    imap_user.append(mail(), folder="Orders")
    imap_user.append(mail("2 x GADGET", message_id="<new@acme.test>"), folder="Orders")
    assert poll(shop, imap_user, folder="Orders").outcomes == {"duplicate": 1, "ordered": 1}
    assert len(order_rows(shop)) == 2
    with shop.engine.connect() as conn:
        (state,) = conn.execute(select(inbox_folders)).mappings().all()
    assert state["last_uid"] == 2


async def _wait_for(check: Callable[[], bool], within: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def _listen_and_check(app: bootstrap.App, account: ImapAccount, kick: bool) -> None:
    async def scenario() -> None:
        stop = asyncio.Event()
        inbox = listener(app, account, idle_minutes=1.0)
        task = asyncio.create_task(inbox.run(stop))
        try:
            await asyncio.to_thread(account.append, mail())
            await _wait_for(lambda: len(order_rows(app)) == 1)
            if kick:
                await asyncio.to_thread(account.kick)
            await asyncio.to_thread(account.append, mail("2 x GADGET", message_id="<n@a>"))
            await _wait_for(lambda: len(order_rows(app)) == 2)
        finally:
            stop.set()
            await asyncio.wait_for(task, 10)

    asyncio.run(scenario())


def test_idle_survives_a_dropped_connection(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    _listen_and_check(shop, imap_user, kick=True)
    assert imap_user.flags(2) >= HANDLED


def test_a_server_without_idle_is_polled(
    shop: bootstrap.App, imap_user_no_idle: ImapAccount
) -> None:
    _listen_and_check(shop, imap_user_no_idle, kick=False)


@pytest.mark.parametrize("point", ["before_commit", "after_commit"])
def test_a_crash_around_the_commit_makes_one_order(
    shop: bootstrap.App, imap_user: ImapAccount, sqlite_url: str, tmp_path: Path, point: str
) -> None:
    imap_user.append(mail())
    marker = tmp_path / "paused"
    args = [sqlite_url, imap_user.host, str(imap_user.port), imap_user.user]
    args += [imap_user.password, point, str(marker)]
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.inbox_crash_worker", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
            assert time.monotonic() < deadline, "the worker never reached the pause"
            time.sleep(0.02)
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(10)
        if worker.stderr is not None:
            worker.stderr.close()
    assert worker.returncode == -signal.SIGKILL
    assert "\\Seen" not in imap_user.flags(1)
    assert len(order_rows(shop)) == (1 if point == "after_commit" else 0)
    report = poll(shop, imap_user)
    expected = "duplicate" if point == "after_commit" else "ordered"
    assert report.outcomes == {expected: 1}
    assert [r["message_id"] for r in inbound_rows(shop)] == ["<m1@acme.test>"]
    assert len(order_rows(shop)) == 1
    assert len(outbox_rows(shop, "mail_reply")) == 1
    assert imap_user.flags(1) >= HANDLED


def test_a_key_already_stored_is_a_conflict_the_bus_retries(any_shop: bootstrap.App) -> None:
    shop = any_shop
    key = MailKey("<k@x>", BUYER, "f" * 64)
    record = InboundRecord(key, datetime.now(UTC), BUYER, "s", Outcome.IGNORED, "bounce")
    with shop.uow(False) as uow:
        uow.inbound.add_many([record])
        uow.commit()
    with shop.uow(False) as uow, pytest.raises(ConcurrencyConflict):
        uow.inbound.add_many([record])
    assert [r["message_id"] for r in inbound_rows(shop)] == ["<k@x>"]


def test_mail_poll_once_on_the_command_line(
    imap_user: ImapAccount,
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import main

    monkeypatch.chdir(tmp_path)  # no .env here
    settings = {"DATABASE_URL": sqlite_url, "IMAP_HOST": imap_user.host, "IMAP_TLS": "false"}
    settings |= {"IMAP_PORT": str(imap_user.port), "IMAP_USER": imap_user.user}
    settings |= {"IMAP_PASSWORD": imap_user.password}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    imap_user.append(mail(sender="stranger@else.test"))
    assert main.main(["mail", "poll", "--once"]) == 0
    assert main.main(["mail", "poll", "--once"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "orderbot: 1 new mail(s): 1 answered",
        "orderbot: 0 new mail(s)",
    ]
    assert imap_user.flags(1) >= HANDLED


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_spreadsheet_attachments_become_orders(shop: bootstrap.App, imap_user: ImapAccount) -> None:
    xlsx = _xlsx([["Product", "Quantity"], ["WIDGET-A", 4], ["NOPE", 1], ["WIDGETA", 1]])
    csv = "Produit;Quantité\nGADGET;6\nBOLT-10;50\n".encode()
    imap_user.append(mail("See attached.", attachments=[("po.xlsx", XLSX_TYPE, xlsx)]))
    imap_user.append(
        mail("Ci-joint.", message_id="<csv@acme.test>", attachments=[("po.csv", "text/csv", csv)])
    )
    assert poll(shop, imap_user).outcomes == {"ordered": 2}
    assert lines_of(shop, "SO-00001") == [("WIDGET-A", Decimal(4))]
    assert lines_of(shop, "SO-00002") == [("GADGET", Decimal(6)), ("BOLT-10", Decimal(50))]
    first, second = (r["payload"] for r in outbox_rows(shop, "mail_reply"))
    assert first["subject"] == "Re: Order [SO-00001]"
    assert [(p["severity"], p["text"], p["reason"]) for p in first["problems"]] == [
        ("red", "po.xlsx, row 3", "Product: unknown product NOPE"),
        ("red", "po.xlsx, row 4", "Product: unknown product WIDGETA; did you mean WIDGET-A?"),
    ]
    assert second["problems"] == []
    assert [r["order_code"] for r in inbound_rows(shop)] == ["SO-00001", "SO-00002"]


def test_run_listens_to_the_inbox_only_when_imap_is_configured(
    make_app: AppFactory, sqlite_url: str
) -> None:
    plain = make_app(sqlite_url)
    assert "inbox" not in [p.name for p in bootstrap.parts(plain)]
    mailbox = make_app(sqlite_url, imap_host="127.0.0.1", imap_user="orders", imap_port=1143)
    (inbox,) = [p for p in bootstrap.parts(mailbox) if p.name == "inbox"]
    assert inbox.where == "imap://orders@127.0.0.1:1143/INBOX"


def test_stop_during_idle_ends_the_listener_at_once(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    """SIGTERM reaches a listener idling on the server: it leaves IDLE and logs out
    promptly (orderbot run has 10 s for all its parts), leaving no task behind."""

    async def scenario() -> float:
        stop = asyncio.Event()
        inbox = listener(shop, imap_user, idle_minutes=1.0)
        task = asyncio.create_task(inbox.run(stop))
        await asyncio.to_thread(imap_user.append, mail())
        await _wait_for(lambda: len(order_rows(shop)) == 1)
        await asyncio.sleep(0.3)  # into IDLE
        loop = asyncio.get_running_loop()
        started = loop.time()
        stop.set()
        await asyncio.wait_for(task, 10)
        took = loop.time() - started
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert others == []
        return took

    assert asyncio.run(scenario()) < 3.0
