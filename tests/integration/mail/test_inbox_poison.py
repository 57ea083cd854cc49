"""Mails that fail on their own cannot make the inbox spin, hide mail or go unanswered.

Real dovecot and databases; the listener runs on a `Timeline` (its sleeps move a fake
clock at once), so retry delays and reconnect waits are counted, never waited for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

import bootstrap
import main
from domain import commands as c
from mail.inbound.imap import QUARANTINED_KEYWORD, ImapAccount
from mail.inbound.listener import InboxListener, PassReport
from runtime.health import Beat, HealthBoard
from runtime.leader import Leadership
from runtime.probes import inbox_probe
from store.repositories.inbox import InboxStateStore
from store.tables.inbox import inbox_folders
from tests.integration.inbox_helpers import (
    BUYER,
    HANDLED,
    AppFactory,
    PoisonBus,
    Timeline,
    config,
    inbound_rows,
    listener,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount as MailboxUser
from tests.servers.ports import free_port


@pytest.fixture
def any_shop(make_app: AppFactory, database_url: str) -> bootstrap.App:
    """The shop on SQLite and on PostgreSQL."""
    app = make_app(database_url)
    load_catalogue(app)
    return app


async def _until(check: Callable[[], bool], within: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def _counting(inbox: InboxListener) -> list[PassReport]:
    passes: list[PassReport] = []
    read = inbox.read_folder

    async def counted(session: Any) -> PassReport:
        report = await read(session)
        passes.append(report)
        return report

    inbox.read_folder = counted  # type: ignore[method-assign]
    return passes


async def test_two_mails_that_fail_alone_are_quarantined_and_answered_without_spinning(
    shop: bootstrap.App, imap_user: MailboxUser
) -> None:
    imap_user.append(mail("10 x WIDGET-A", message_id="<ok1@acme.test>"))
    imap_user.append(mail("1 x GADGET", subject="POISON one", message_id="<p1@acme.test>"))
    imap_user.append(mail("2 x GADGET", subject="POISON two", message_id="<p2@acme.test>"))
    imap_user.append(mail("3 x BOLT-10", message_id="<ok2@acme.test>"))
    time = Timeline()
    inbox = listener(shop, imap_user, time, max_attempts=3, retry_seconds=20, idle_minutes=1.0)
    inbox.bus = PoisonBus(shop)
    beat, leading = Beat(time), Leadership("inbox")
    leading.set(True)
    inbox.progress = beat
    board = HealthBoard()
    board.add("inbox", inbox_probe(beat, 30, leading, inbox.quarantine))
    passes = _counting(inbox)
    health: list[tuple[int, dict[str, Any]]] = []

    async def sleep(seconds: float) -> None:  # what /healthz says at the end of each wait
        await time.sleep(seconds)
        health.append(await board.report())

    inbox.sleep = sleep
    stop = asyncio.Event()
    task = asyncio.create_task(inbox.run(stop))
    try:
        await _until(lambda: any(p.quarantined for p in passes))
        await asyncio.sleep(0.5)  # real time: the listener idles now, no pass follows
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    summary = [(p.outcomes, p.failed, p.quarantined, p.advanced) for p in passes]
    assert summary == [
        ({"ordered": 2}, 2, 0, False),
        ({}, 2, 0, False),
        ({"quarantined": 2}, 0, 2, True),
    ]
    assert time.sleeps == [20.0, 40.0]  # growing delays, then quarantined: no third wait
    # stuck while the two mails kept it from advancing for more than 30 s, then ok again
    assert [status for status, _ in health] == [200, 503]
    stuck = health[1][1]["parts"]["inbox"]
    assert (stuck["ok"], stuck["seconds_since"]) == (False, 60.0)
    assert stuck["error"].startswith("2 mail(s) failing; next attempt at")
    status, body = await board.report()
    assert (status, body["parts"]["inbox"]["quarantine"]) == (200, {"folder": "Quarantine"})
    # quarantined, answered, reps told; the two others ordered; the position past all four
    assert await asyncio.to_thread(imap_user.search, "ALL") == [1, 4]
    moved = await asyncio.to_thread(imap_user.search, "ALL", "Quarantine")
    assert len(moved) == 2
    answers = [r for r in outbox_rows(shop, "mail_reply") if r["payload"]["reply_kind"]]
    kinds = sorted(r["payload"]["reply_kind"] for r in answers)
    assert kinds == ["order", "order", "quarantined", "quarantined"]
    assert {r["recipient"] for r in answers} == {BUYER}
    assert [a["payload"]["reason"] for a in outbox_rows(shop, "rep_alert")] == ["quarantined"] * 2
    assert sorted(r["outcome"] for r in inbound_rows(shop)) == [
        "ordered",
        "ordered",
        "quarantined",
        "quarantined",
    ]
    assert len(order_rows(shop)) == 2
    with shop.engine.connect() as conn:
        assert conn.execute(select(inbox_folders.c.last_uid)).scalar_one() == 4


async def test_reconnecting_waits_longer_each_time_up_to_a_cap(
    shop: bootstrap.App, imap_user: MailboxUser
) -> None:
    nowhere = ImapAccount("127.0.0.1", free_port(), "u", "p", False, 2)
    cfg = replace(config(imap_user, backoff_seconds=1.0, backoff_max_seconds=8.0), account=nowhere)
    time, stop = Timeline(), asyncio.Event()
    troubles: list[str] = []

    class Watch:
        def beat(self) -> None:
            raise AssertionError("no pass can advance")

        def failed(self, error: str) -> None:
            troubles.append(error)

    async def sleep(seconds: float) -> None:
        await time.sleep(seconds)
        if len(time.sleeps) == 7:
            stop.set()

    inbox = InboxListener(cfg, shop.async_bus, InboxStateStore(shop.engine), sleep, time)
    inbox.jitter = lambda: 1.0  # the whole wait (the jitter takes up to half of it off)
    inbox.progress = Watch()
    await asyncio.wait_for(inbox.run(stop), 20)
    assert time.sleeps == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    assert len(troubles) == 7
    assert troubles[0].startswith("IMAP: IMAP 127.0.0.1:")


def test_two_senders_reusing_one_message_id_make_two_records(
    any_shop: bootstrap.App, imap_user: MailboxUser
) -> None:
    shop = any_shop
    shop.bus.handle(c.CreateCustomer(code="BETA", name="Beta", email="b@beta.test"))
    first = mail("10 x WIDGET-A", message_id="<same@mailer.test>")
    imap_user.append(first)
    imap_user.append(mail("2 x GADGET", sender="b@beta.test", message_id="<same@mailer.test>"))
    imap_user.append(first)  # the first delivered again: that one is a duplicate
    assert poll(shop, imap_user).outcomes == {"duplicate": 1, "held": 1, "ordered": 1}
    rows = [(r["message_id"], r["sender"], r["outcome"]) for r in inbound_rows(shop)]
    assert rows == [
        ("<same@mailer.test>", BUYER, "ordered"),
        ("<same@mailer.test>", "b@beta.test", "held"),
    ]
    orders = [(o["customer_code"], o["status"], o["remarks"][:15]) for o in order_rows(shop)]
    assert orders == [("ACME", "draft", "By email from b"), ("BETA", "draft", "HELD FOR REVIEW")]
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "message_id_reused"
    assert [r["recipient"] for r in outbox_rows(shop, "mail_reply")] == [BUYER]
    assert all(imap_user.flags(uid) >= HANDLED for uid in (1, 2, 3))


def test_a_server_with_folders_under_inbox_quarantines_into_inbox_quarantine(
    shop: bootstrap.App, imap_user_inbox_prefix: MailboxUser
) -> None:
    user = imap_user_inbox_prefix
    user.append(mail(subject="POISON", message_id="<p@acme.test>"))
    user.append(mail("2 x GADGET", message_id="<ok@acme.test>"))
    inbox = listener(shop, user, Timeline(), max_attempts=1)
    inbox.bus = PoisonBus(shop)
    report = asyncio.run(inbox.poll_once())
    assert (report.outcomes, report.quarantined) == ({"ordered": 1, "quarantined": 1}, 1)
    assert inbox.quarantine() == {"folder": "INBOX.Quarantine"}
    assert "INBOX.Quarantine" in user.folders()
    assert len(user.search("ALL", folder="INBOX.Quarantine")) == 1
    assert user.search("ALL") == [2]


def test_where_no_quarantine_folder_can_be_made_the_mail_is_flagged(
    shop: bootstrap.App, imap_user: MailboxUser, caplog: pytest.LogCaptureFixture
) -> None:
    imap_user.append(mail(subject="POISON", message_id="<p@acme.test>"))
    # a `.` is not allowed in this server's folder names
    inbox = listener(shop, imap_user, Timeline(), max_attempts=1, quarantine_folder="Bad.Name")
    inbox.bus = PoisonBus(shop)
    report = asyncio.run(inbox.poll_once())
    assert (report.quarantined, report.advanced) == (1, True)
    place = inbox.quarantine()
    assert place["flag"] == QUARANTINED_KEYWORD
    assert place["problem"].startswith("cannot use 'Bad.Name' as the quarantine folder:")
    assert any("flagged where they lie" in r.message for r in caplog.records)
    assert imap_user.flags(1) >= HANDLED | {QUARANTINED_KEYWORD}
    assert asyncio.run(inbox.poll_once()).seen == 0  # set aside: not read again


def _cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Any, **env: str) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def test_check_config_refuses_a_quarantine_folder_the_server_refuses(
    imap_user: MailboxUser,
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _cli(
        monkeypatch, tmp_path, DATABASE_URL=sqlite_url, IMAP_HOST=imap_user.host,
        IMAP_PORT=str(imap_user.port), IMAP_TLS="false", IMAP_USER=imap_user.user,
        IMAP_PASSWORD=imap_user.password, IMAP_QUARANTINE_FOLDER="Bad.Name",
    )  # fmt: skip
    assert main.main(["check-config"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "orderbot: refused: IMAP_QUARANTINE_FOLDER: cannot use 'Bad.Name' as the quarantine"
    )
    monkeypatch.setenv("IMAP_QUARANTINE_FOLDER", "Commandes reçues")
    assert main.main(["check-config"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "orderbot: the settings can work"
    assert "Commandes reçues" in imap_user.folders()


def test_mail_poll_once_on_an_unreachable_server_prints_one_line(
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
    capfd: pytest.CaptureFixture[str],
) -> None:
    port = str(free_port())  # nothing listens there
    _cli(
        monkeypatch, tmp_path, DATABASE_URL=sqlite_url, IMAP_HOST="127.0.0.1", IMAP_PORT=port,
        IMAP_TLS="false", IMAP_USER="orders",
    )  # fmt: skip
    assert main.main(["mail", "poll", "--once"]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    refused = f"ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', {port})"
    assert err.splitlines() == [
        f"orderbot: cannot read the inbox: IMAP 127.0.0.1:{port}: {refused}"
    ]
