"""Helpers of the inbox tests: a catalogue to order from, mails to send, a listener to run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import select

import bootstrap
from domain import commands as c
from domain.inbox.mail import IntakeRules
from domain.outbox.messages import Channel, OutboxMessage
from mail.inbound.imap import HANDLED_KEYWORD, ImapAccount
from mail.inbound.listener import InboxListener, ListenerConfig
from mail.outbound.render import Renderer
from store.repositories.inbox import InboxStateStore
from store.tables.core import orders as orders_table
from store.tables.core import outbox as outbox_table
from store.tables.inbox import inbound_messages
from tests.servers.dovecot import ImapAccount as TestAccount

BUYER = "buyer@acme.test"
OWN = "orders@shop.test"
AUTHSERV = "mx.shop.test"
HANDLED = {"\\Seen", HANDLED_KEYWORD}
"""The flags of a message whose result committed."""
AppFactory = Callable[..., bootstrap.App]


def load_catalogue(app: bootstrap.App) -> None:
    """Taxes, products and a customer ACME whose contact is BUYER."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(
        c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal("12.50"), tax="VAT20")
    )
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.99"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="BOLT-10", name="Bolt 10", price=Decimal("0.20"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email=BUYER))
    bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR", default=True))
    bus.handle(c.AddAddress(customer="ACME", code="DEPOT", city="Lyon", country="FR"))


def mail(
    body: str = "10 x WIDGET-A\n",
    *,
    sender: str = BUYER,
    subject: str = "Order",
    message_id: str | None = "<m1@acme.test>",
    headers: dict[str, str] | None = None,
    html: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> bytes:
    """A mail as a customer's client would send it."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = OWN
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    if message_id:
        msg["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    if html is not None and not body:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    for filename, ctype, data in attachments:
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def config(account: TestAccount, **overrides: Any) -> ListenerConfig:
    """The listener's configuration for a test mailbox."""
    values: dict[str, Any] = {
        "account": ImapAccount(
            account.host, account.port, account.user, account.password, False, 10
        ),
        "folder": "INBOX",
        "own_addresses": frozenset({OWN}),
        "authserv_id": AUTHSERV,
        "own_message_id_domain": "shop.test",
        "rules": IntakeRules(rep_channel="#orders"),
        "backoff_seconds": 0.05,
        "poll_seconds": 0.2,
    }
    values.update(overrides)
    return ListenerConfig(**values)


class PoisonBus:
    """The real bus, except that a batch holding a mail with "POISON" in its subject fails
    (whatever the door checks, such a mail fails on its own: it stands for any poison)."""

    def __init__(self, app: bootstrap.App) -> None:
        self.inner = app.async_bus

    async def handle(self, cmd: c.Command) -> Any:
        if isinstance(cmd, c.IntakeMails) and any("POISON" in m.subject for m in cmd.mails):
            raise ArithmeticError("cannot digest this one")
        return await self.inner.handle(cmd)


class Timeline:
    """A listener's clock and sleep: sleeping moves the clock on at once, so that a test
    never waits on a real timer; every sleep is kept."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.sleeps: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(0)


def listener(
    app: bootstrap.App, account: TestAccount, timeline: Timeline | None = None, **overrides: Any
) -> InboxListener:
    """A listener on `account` handing commands to `app`'s bus (on `timeline`'s clock)."""
    inbox = InboxListener(config(account, **overrides), app.async_bus, InboxStateStore(app.engine))
    if timeline is not None:
        inbox.clock, inbox.sleep = timeline, timeline.sleep
    return inbox


def poll(app: bootstrap.App, account: TestAccount, **overrides: Any) -> Any:
    """One pass over the inbox; returns its report."""
    return asyncio.run(listener(app, account, **overrides).poll_once())


def order_rows(app: bootstrap.App) -> list[dict[str, Any]]:
    """Every order row, oldest first."""
    with app.engine.connect() as conn:
        rows = conn.execute(select(orders_table).order_by(orders_table.c.id)).mappings().all()
    return [dict(r) for r in rows]


def outbox_rows(app: bootstrap.App, kind: str | None = None) -> list[dict[str, Any]]:
    """Outbox rows (of one kind), oldest first."""
    query = select(outbox_table).order_by(outbox_table.c.id)
    if kind is not None:
        query = query.where(outbox_table.c.kind == kind)
    with app.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings().all()]


def answer_text(row: dict[str, Any]) -> str:
    """The text part of the mail an outbox row (from `outbox_rows`) becomes when sent."""
    message = OutboxMessage(
        Channel(row["channel"]), row["kind"], row["recipient"], row["created_at"],
        row["payload"], id=row["id"],
    )  # fmt: skip
    mail = Renderer(f"orderbot <{OWN}>").render(message)
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    return bytes(text.get_payload(decode=True)).decode("utf-8")


def inbound_rows(app: bootstrap.App) -> list[dict[str, Any]]:
    """Handled-message rows, oldest first."""
    with app.engine.connect() as conn:
        query = select(inbound_messages).order_by(inbound_messages.c.id)
        return [dict(r) for r in conn.execute(query).mappings().all()]
