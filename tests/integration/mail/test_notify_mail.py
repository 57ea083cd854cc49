"""Status notifications through the relay to a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.views.tracking import dead_message_line
from domain import commands as c
from domain.inbox.mail import MailIn
from domain.inbox.reply import Answer, reply_message
from domain.orders.documents import NotificationState
from domain.orders.tracking import token_hash
from domain.outbox.messages import Channel, OutboxMessage, OutboxStatus
from mail.outbound.render import message_id
from store.repositories.notifications import watch_new_messages
from tests.integration.notify_world import SECRET, World, make_world, proxy_to, smtp_settings
from tests.servers.smtp import SmtpServer

D = Decimal
ROOT = "<order-so-00001.orderbot@shop.test>"


@pytest.fixture
def world(sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer) -> Iterator[World]:
    w = make_world(sqlite_url, tmp_path, **smtp_settings(smtp_server.port))
    yield w
    w.app.engine.dispose()


def body(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


async def test_pending_then_sent_on_request(world: World, smtp_server: SmtpServer) -> None:
    world.seed()
    order = world.handle(c.ShowOrder(code="SO-00001")).order
    assert [n.state for n in order.notifications] == [NotificationState.PENDING]
    assert world.rows() == []
    assert (await world.relay.run_once()).sent == 0
    world.handle(c.NotifyOrder(code="SO-00001"))
    (row,) = world.rows()
    assert row.status == OutboxStatus.PENDING
    report = await world.relay.run_once()
    assert report.sent == 1
    (got,) = smtp_server.messages
    assert got.rcpt_tos == ("buyer@acme.test",)
    assert got.mail_from == "orders@shop.test"
    msg = got.message
    assert msg["Subject"] == "Your order SO-00001"
    assert msg["Message-ID"] == message_id(row.id or 0, "shop.test")
    assert "Your order is now confirmed." in body(msg, "plain")
    (row,) = world.rows()
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.SENT, 1, world.clock())
    assert (await world.relay.run_once()).sent == 0  # sent once only
    assert len(smtp_server.messages) == 1


async def test_auto_mode_sends_each_change_at_once(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    w = make_world(sqlite_url, tmp_path, notify_auto=True, **smtp_settings(smtp_server.port))
    try:
        w.seed()
        w.handle(c.ShipOrder(code="SO-00001", carrier="UPS", tracking="UPS-1"))
        assert (await w.relay.run_once()).sent == 2
        first, second = (m.message for m in smtp_server.messages)
        assert "Your order is now confirmed." in body(first, "plain")
        assert "Shipment 1 is on its way." in body(second, "plain")
        order = w.handle(c.ShowOrder(code="SO-00001")).order
        assert {n.state for n in order.notifications} == {NotificationState.SENT}
    finally:
        w.app.engine.dispose()


async def test_resend_threads_with_the_first_and_gets_its_own_message_id(
    world: World, smtp_server: SmtpServer
) -> None:
    world.seed()
    world.handle(c.NotifyOrder(code="SO-00001"))
    world.clock.advance(hours=1)
    assert world.handle(c.NotifyOrder(code="SO-00001")).resent
    await world.relay.run_once()
    first, again = (m.message for m in smtp_server.messages)
    assert first["Message-ID"] != again["Message-ID"]
    for msg in (first, again):
        assert (msg["In-Reply-To"], msg["References"]) == (ROOT, ROOT)
        assert msg["Subject"] == "Your order SO-00001"
        assert msg["Auto-Submitted"] == "auto-generated"
        assert msg["X-Auto-Response-Suppress"] == "All"
        assert msg["List-Unsubscribe"] == (
            "<mailto:orders@shop.test?subject=unsubscribe%20SO-00001>"
        )
        assert msg["X-Orderbot"].startswith("order_status; outbox=")
    assert "here again is the latest news" in body(again, "plain")


async def test_shipment_mail_names_products_carrier_tracking_and_link(
    world: World, smtp_server: SmtpServer
) -> None:
    world.seed()
    world.handle(c.NotifyOrder(code="SO-00001"))
    world.handle(c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(1)))
    world.handle(c.ShipOrder(code="SO-00001", shipment=2, carrier="DHL", tracking="1Z999"))
    world.handle(c.NotifyOrder(code="SO-00001"))
    await world.relay.run_once()
    msg = smtp_server.messages[1].message
    text = body(msg, "plain")
    assert "- 🚚 Shipment 2 is on its way.\n  Carrier: DHL.\n  Tracking number: 1Z999.\n" in text
    assert "tracking-id=1Z999\n" in text  # the carrier's page, on a line of its own
    assert "  It contains:\n    1 x WIDGET (Widget)\n\n" in text  # only what shipped
    assert "Shipment 1: ◷ planned" in text
    assert "Total: €54.60" in text
    view = world.handle(c.ViewAsCustomer(code="SO-00001"))
    assert f"Follow your order, live: {view.url}\n" in text
    html = body(msg, "html")
    assert f'href="{view.url}"' in html
    with world.app.uow(True) as uow:
        (token,) = uow.tracking.of_order("SO-00001")
    assert token.token_hash == token_hash(view.url.rsplit("/", 1)[1])
    assert view.url.rsplit("/", 1)[1] not in str([r.payload for r in world.rows()])


async def test_text_and_html_parts_css_inlined_in_french(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    w = make_world(sqlite_url, tmp_path, **smtp_settings(smtp_server.port))
    try:
        w.seed(language="fr")
        w.handle(c.NotifyOrder(code="SO-00001"))
        await w.relay.run_once()
    finally:
        w.app.engine.dispose()
    msg = smtp_server.messages[0].message
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Subject"] == "Votre commande SO-00001"
    assert "Votre commande est maintenant confirmée." in body(msg, "plain")
    html = body(msg, "html")
    assert "<style" not in html
    assert 'style="max-width: 620px;' in html
    assert "Total TTC" in html
    assert "54,60" in html


async def test_eml_fallback_without_smtp_host(sqlite_url: str, tmp_path: Path) -> None:
    w = make_world(sqlite_url, tmp_path)
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        assert (await w.relay.run_once()).sent == 1
        (row,) = w.rows()
    finally:
        w.app.engine.dispose()
    files = sorted((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [f"outbox-{row.id:08d}.eml"]
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert (msg["To"], msg["In-Reply-To"]) == ("buyer@acme.test", ROOT)
    assert msg["Message-ID"] == f"<outbox-{row.id}.orderbot@shop.test>"


@pytest.mark.parametrize(("code", "stage"), [(421, "data"), (451, "data"), (450, "rcpt")])
async def test_passing_refusals_are_retried_later(
    world: World, smtp_server: SmtpServer, code: int, stage: str
) -> None:
    world.seed()
    world.handle(c.NotifyOrder(code="SO-00001"))
    smtp_server.fail_next(code, stage=stage)  # type: ignore[arg-type]
    report = await world.relay.run_once()
    assert (report.sent, report.retried) == (0, 1)
    (row,) = world.rows()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.next_attempt_at == world.clock() + world.relay.rule.base
    assert row.last_error.startswith(f"{code} ") or f"{code} " in row.last_error
    assert smtp_server.messages == []
    world.clock.advance(seconds=29)
    assert (await world.relay.run_once()).handled == 0
    world.clock.advance(seconds=1)
    assert (await world.relay.run_once()).sent == 1
    assert len(smtp_server.messages) == 1


async def test_550_is_dead_at_once_and_shown_to_reps(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    settings = smtp_settings(smtp_server.port, slack_digest_channel="#reps")
    w = make_world(sqlite_url, tmp_path, **settings)
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        smtp_server.fail_next(550, stage="rcpt")
        report = await w.relay.run_once()
        assert (report.dead, report.sent) == (1, 0)
        row, alert = w.rows()
        assert (row.status, row.attempts) == (OutboxStatus.DEAD, 1)
        assert row.last_error == "recipient refused: 550 5.1.1 Mailbox unavailable"
        assert (alert.channel, alert.kind, alert.recipient) == ("slack", "rep_alert", "#reps")
        assert alert.payload["reason"] == "outbox_dead"
        dead = w.handle(c.ListDeadMessages())
        assert [dead_message_line(d) for d in dead.items] == [
            (
                f"#{row.id} order_status SO-00001 to buyer@acme.test after 1 attempt: "
                "recipient refused: 550 5.1.1 Mailbox unavailable"
            )
        ]
        w.clock.advance(days=1)
        assert (await w.relay.run_once()).handled == 0  # never tried again
    finally:
        w.app.engine.dispose()
    assert smtp_server.messages == []


async def test_535_pauses_sending_alerts_once_and_burns_nothing(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.require_auth({"bot": "right"})
    settings = smtp_settings(
        smtp_server.port, smtp_user="bot", smtp_password="wrong", slack_digest_channel="#reps"
    )
    w = make_world(sqlite_url, tmp_path, **settings)
    try:
        w.seed()
        w.handle(c.NotifyOrder(code="SO-00001"))
        w.handle(c.ShipOrder(code="SO-00001"))
        w.handle(c.NotifyOrder(code="SO-00001"))
        report = await w.relay.run_once()
        assert (report.paused, report.handled) == (2, 0)
        mails = w.email_rows()
        assert [(r.status, r.attempts) for r in mails] == [(OutboxStatus.PENDING, 0)] * 2
        assert mails[0].next_attempt_at == w.clock() + w.relay.rule.pause
        assert "535" in mails[0].last_error
        w.clock.advance(minutes=11)
        await w.relay.run_once()  # still refused: still paused, no second alert
        alerts = [r for r in w.rows() if r.kind == "rep_alert"]
        assert [a.payload["reason"] for a in alerts] == ["outbox_paused"]
        assert smtp_server.connections == 2  # one try per pause, not one per message
        smtp_server.require_auth({"bot": "wrong"})  # the operator fixed the password
        w.clock.advance(minutes=11)
        assert (await w.relay.run_once()).sent == 2
    finally:
        w.app.engine.dispose()
    assert [m.login for m in smtp_server.messages] == ["bot", "bot"]


async def test_dropped_connection_is_retried_and_the_batch_goes_on(
    world: World, smtp_server: SmtpServer
) -> None:
    world.seed()
    world.handle(c.NotifyOrder(code="SO-00001"))
    world.handle(c.ShipOrder(code="SO-00001"))
    world.handle(c.NotifyOrder(code="SO-00001"))
    smtp_server.drop_next(stage="data")
    report = await world.relay.run_once()
    assert (report.retried, report.sent) == (1, 1)
    first, second = world.rows()
    assert (first.status, second.status) == (OutboxStatus.PENDING, OutboxStatus.SENT)
    assert first.last_error.startswith("connection lost")
    world.clock.advance(minutes=1)
    assert (await world.relay.run_once()).sent == 1
    assert sorted(m.message["Message-ID"] for m in smtp_server.messages) == sorted(
        message_id(r.id or 0, "shop.test") for r in (first, second)
    )


async def test_smtp_down_for_a_while_then_back_delivers_each_exactly_once(
    sqlite_url: str, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    async with proxy_to(smtp_server.port) as proxy:
        w = make_world(sqlite_url, tmp_path, **smtp_settings(proxy.port))
        try:
            w.seed()
            for number in range(4):  # four orders, each with a notification
                w.handle(
                    c.CreateOrder(
                        customer="ACME",
                        lines=(c.LineInput(product="GADGET", quantity=D(number + 1)),),
                        confirm=True,
                    )
                )
            for code in ("SO-00001", "SO-00002", "SO-00003", "SO-00004", "SO-00005"):
                w.handle(c.NotifyOrder(code=code))
            for _ in range(4):  # down: every pass fails, attempts and delays grow
                await w.relay.run_once()
                w.clock.advance(minutes=10)
            rows = w.email_rows()
            assert {(r.status, r.attempts) for r in rows} == {(OutboxStatus.PENDING, 4)}
            proxy.up = True
            w.clock.advance(hours=1)
            assert (await w.relay.run_once()).sent == 5
            w.clock.advance(hours=2)
            assert (await w.relay.run_once()).handled == 0
        finally:
            w.app.engine.dispose()
    ids = [m.message["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 5 == len(set(ids))
    assert SECRET not in str([m.data for m in smtp_server.messages])


async def test_the_running_relay_wakes_when_a_command_queues_mail(
    world: World, smtp_server: SmtpServer
) -> None:
    world.seed()
    world.relay.poll_seconds = 60.0  # only the wake-up can make it send within the test
    stop = asyncio.Event()
    unwatch = watch_new_messages(world.app.engine, world.relay.wake)
    running = asyncio.create_task(world.relay.run(stop))
    try:
        await asyncio.sleep(0.2)  # the first pass found nothing and sleeps
        await world.app.async_bus.handle(c.NotifyOrder(code="SO-00001"))
        (got,) = await smtp_server.wait_for(1, timeout=5)
        assert got.message["Subject"] == "Your order SO-00001"
        for _ in range(100):  # the pass is logged right after it settled
            with world.app.uow(True) as uow:
                runs = list(uow.job_runs.latest(job_name="outbox"))
            if runs:
                break
            await asyncio.sleep(0.05)
        assert [(r.status, r.processed, r.triggered_by) for r in runs] == [
            ("succeeded", 1, "relay")
        ]
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=5)
        unwatch()


async def test_answers_old_and_new_form_go_out_through_the_relay(
    world: World, smtp_server: SmtpServer
) -> None:
    """A reply queued by an earlier version (finished text and HTML) and one queued now."""
    world.seed(language="fr")
    earlier = OutboxMessage(
        channel=Channel.EMAIL, kind="mail_reply", recipient="buyer@acme.test",
        created_at=world.clock(),
        payload={
            "to": "buyer@acme.test", "subject": "Re: Order [SO-00001]",
            "in_reply_to": "<m1@acme.test>", "references": ["<m1@acme.test>"],
            "headers": {"Auto-Submitted": "auto-replied"}, "reply_kind": "order",
            "order_code": "SO-00001", "text": "Hello,\n\nThank you, as it was written.\n",
            "html": "<html><body><p>Thank you, as it was written.</p></body></html>",
        },
        key="mail_reply:earlier",
    )  # fmt: skip
    mail = MailIn(
        message_id="<m2@acme.test>", from_address="buyer@acme.test", subject="Status", body=""
    )
    order = world.handle(c.ShowOrder(code="SO-00001")).order
    now = reply_message(mail, Answer("status", order=order), world.clock(), "Acme", "fr")
    with world.app.uow(False) as uow:
        uow.outbox.add(earlier)
        uow.outbox.add(now)
        uow.commit()
    assert (await world.relay.run_once()).sent == 2
    old, new = (m.message for m in smtp_server.messages)
    assert body(old, "plain") == "Hello,\n\nThank you, as it was written.\n"
    assert "<p>Thank you, as it was written.</p>" in body(old, "html")
    assert (old["Subject"], old["In-Reply-To"]) == ("Re: Order [SO-00001]", "<m1@acme.test>")
    assert (new["Subject"], new["In-Reply-To"]) == ("Re: Status [SO-00001]", "<m2@acme.test>")
    assert new["Auto-Submitted"] == old["Auto-Submitted"] == "auto-replied"
    text = body(new, "plain")
    assert text.startswith("Bonjour Acme,\n\nLa commande SO-00001 est confirmée ;")
    assert "Total TTC 54,60\xa0€" in text
    assert "54,60" in body(new, "html")
