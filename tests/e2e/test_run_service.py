"""`orderbot run` end to end: real IMAP, SMTP, PostgreSQL and Slack Web API stand-in.

A customer's mail becomes an order and a threaded reply; signed `/order confirm` and
`/order ship` change it; the customer gets both status mails; the tracking page shows
the shipment; the subscription job makes its order; the digest reaches the channel;
SIGTERM ends the process cleanly within 10 s.
"""

from __future__ import annotations

import asyncio
import re
import signal
import urllib.request
from datetime import datetime
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import select

import bootstrap
from domain import commands as c
from settings import Settings
from store.tables import core as t
from tests.e2e.service import Service, start, until
from tests.integration.bot.slack.signing import SECRET, SlackClient
from tests.integration.inbox_helpers import BUYER, OWN, load_catalogue, mail
from tests.servers.dovecot import ImapAccount
from tests.servers.ports import free_port
from tests.servers.slack_api import SlackApiStub
from tests.servers.smtp import SmtpServer

CHANNEL = "#orders"


def seed(url: str) -> None:
    """The catalogue, ACME (whose contact is BUYER) and a subscription due today."""
    app = bootstrap.build(Settings(database_url=url, _env_file=None))
    try:
        load_catalogue(app)
        app.bus.handle(
            c.CreateProduct(
                code="COFFEE", name="Coffee", price=Decimal("9.50"), frequencies="monthly"
            )
        )
        today = datetime.now(ZoneInfo("Europe/Paris")).date()
        app.bus.handle(
            c.CreateSubscription(
                customer="ACME", lines=(("COFFEE", Decimal(2)),), frequency="monthly",
                start_date=today,
            )
        )  # fmt: skip
    finally:
        app.engine.dispose()


def service_settings(
    url: str, imap: ImapAccount, smtp: SmtpServer, api: SlackApiStub, port: int
) -> dict[str, str]:
    """Everything on: short intervals so the whole flow takes seconds."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": "e2e-secret-" + "x" * 30,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MAIL_FROM": f"Orders <{OWN}>",
        "IMAP_HOST": imap.host, "IMAP_PORT": str(imap.port), "IMAP_TLS": "false",
        "IMAP_USER": imap.user, "IMAP_PASSWORD": imap.password,
        "IMAP_IDLE_MINUTES": "0.05", "IMAP_POLL_SECONDS": "0.5",
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port), "SMTP_TLS": "none",
        "SLACK_BOT_TOKEN": "xoxb-e2e", "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api.base_url, "SLACK_DIGEST_CHANNEL": CHANNEL,
        "NOTIFY_AUTO": "true",
        "SUBSCRIPTION_JOB_CRON": "*/2 * * * * *", "DIGEST_CRON": "*/3 * * * * *",
        "SCHEDULER_POLL_SECONDS": "0.5", "LEADER_RETRY_SECONDS": "0.5",
    }  # fmt: skip


def orders(url_app: bootstrap.App) -> list[dict[str, Any]]:
    with url_app.engine.connect() as conn:
        rows = conn.execute(select(t.orders).order_by(t.orders.c.id)).mappings().all()
    return [dict(r) for r in rows]


def shipments(app: bootstrap.App, order_id: int) -> list[tuple[str, str, str]]:
    s = t.shipments.c
    query = select(s.status, s.carrier, s.tracking_number).where(s.order_id == order_id)
    with app.engine.connect() as conn:
        return [(str(st), carrier, number) for st, carrier, number in conn.execute(query)]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as page:
        return str(page.read().decode())


def mails_to(smtp: SmtpServer, address: str) -> list[EmailMessage]:
    return [m.message for m in smtp.messages if address in m.rcpt_tos]


async def signed(client: SlackClient, api: SlackApiStub, svc: Service, text: str) -> str:
    """Send `/order TEXT` signed like Slack; the answer posted to its response_url."""
    before = len(api.responses())
    status, _ = await client.command("/order", text)
    assert status == 200
    answers = await until(lambda: api.responses()[before:], 10, f"/order {text}", svc)
    return str(answers[0].get("text", "")) + str(answers[0].get("blocks", ""))


async def test_mail_to_shipment_subscription_digest_and_sigterm(
    pg_url: str, imap_user: ImapAccount, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    seed(pg_url)
    api = await SlackApiStub().start()
    port = free_port()
    svc = start(tmp_path / "run", port, service_settings(pg_url, imap_user, smtp_server, api, port))
    view = bootstrap.build(Settings(database_url=pg_url, _env_file=None), migrate=False)
    try:
        await until(lambda: "console: off" in svc.output(), 20, "start lines", svc)
        await _flow(svc, view, imap_user, smtp_server, api, port)
        status, seconds = svc.stop(signal.SIGTERM)
        assert (status, seconds < 10) == (0, True), svc.output()
        assert svc.output().splitlines()[-1] == "orderbot: stopped"
    finally:
        svc.kill()
        view.engine.dispose()
        await api.stop()


async def _flow(
    svc: Service,
    view: bootstrap.App,
    imap: ImapAccount,
    smtp: SmtpServer,
    api: SlackApiStub,
    port: int,
) -> None:
    lines = [ln for ln in svc.output().splitlines() if ln.startswith("orderbot: ")]
    assert [ln.split(":")[1].strip() for ln in lines][:7] == [
        "database", "web", "slack", "inbox", "outbox", "scheduler", "console",
    ]  # fmt: skip
    assert "postgresql+psycopg://postgres@127.0.0.1" in lines[0]
    imap.append(mail("10 x WIDGET-A\nPO: E2E-1\n", message_id="<e2e-1@acme.test>"))
    reply = await until(
        lambda: [m for m in mails_to(smtp, BUYER) if m["In-Reply-To"] == "<e2e-1@acme.test>"],
        20, "the threaded reply", svc,
    )  # fmt: skip
    (order,) = [o for o in orders(view) if o["source"] == "email"]
    code = order["code"]
    assert (order["reference"], str(order["status"])) == ("E2E-1", "draft")
    assert reply[0]["Subject"] == f"Re: Order [{code}]"
    assert reply[0]["References"] == "<e2e-1@acme.test>"

    async with aiohttp.ClientSession() as session:
        client = SlackClient(
            session, f"http://127.0.0.1:{port}/slack/events", f"{api.url}/response"
        )
        assert code in await signed(client, api, svc, f"confirm {code}")
        assert code in await signed(client, api, svc, f"ship {code} carrier:DHL tracking:TRK-42")
    assert [str(o["status"]) for o in orders(view) if o["code"] == code] == ["confirmed"]
    assert shipments(view, order["id"]) == [("shipped", "DHL", "TRK-42")]

    def status_mails() -> list[str]:
        mails = [m for m in mails_to(smtp, BUYER) if m["Subject"] == f"Your order {code}"]
        bodies = [m.get_body(("plain",)) for m in mails]
        return [b.get_content() for b in bodies if b is not None]

    confirmed, shipped = await until(
        lambda: status_mails() if len(status_mails()) >= 2 else None, 20, "status mails", svc
    )
    assert len(status_mails()) == 2
    assert "Your order is now confirmed." in confirmed
    assert "Shipment 1 is on its way." in shipped
    assert "Tracking number: TRK-42." in shipped
    link = re.search(rf"http://127\.0\.0\.1:{port}/t/[^\s\"<>]+", shipped)
    assert link is not None, shipped
    html = await asyncio.to_thread(_get, link.group(0))
    assert "TRK-42" in html
    assert "DHL" in html

    subscription_orders = await until(
        lambda: [o for o in orders(view) if o["source"] == "subscription"], 20,
        "the subscription order", svc,
    )  # fmt: skip
    assert len(subscription_orders) == 1
    digests = await until(
        lambda: [
            call for call in api.calls
            if call.method == "chat.postMessage" and call.params.get("channel") == CHANNEL
            and "subscriptions" in str(call.params)
        ],
        20, "the digest on the channel", svc,
    )  # fmt: skip
    assert digests
    status, health = svc.health()
    assert (status, health["stuck"]) == (200, []), health
    assert sorted(health["parts"]) == ["database", "inbox", "outbox", "scheduler", "slack"]
    assert health["parts"]["slack"]["last_ok"] is not None  # auth.test answered
