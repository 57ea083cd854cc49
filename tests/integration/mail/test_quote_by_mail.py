"""A quote sent by email and answered in its thread, through a real mailbox (dovecot).

`/order send SO-00001 quote` queues the quote's mail, its PDF attached; the reply the
customer's client would write ("bon pour accord", the quote below it) lands in the
mailbox with In-Reply-To and References naming the quote's Message-ID; the listener reads
it: the order is confirmed once, the confirmation goes back in the reply's thread and
the reps are told, even when the same reply is in the mailbox twice. A question in
reply confirms nothing and reaches the reps with its words.
"""

from __future__ import annotations

from datetime import date
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import bootstrap
from bootstrap.outbox import email_renderer
from bot.console import Console
from domain.outbox.messages import Channel, OutboxMessage
from store.tables.core import timeline
from tests.integration.inbox_helpers import (
    AppFactory,
    inbound_rows,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount

pytestmark = pytest.mark.slow


@pytest.fixture
def shop(make_app: AppFactory, sqlite_url: str, tmp_path: Path) -> bootstrap.App:
    app = make_app(
        sqlite_url,
        mail_from="Orders <orders@shop.test>",
        public_url="https://shop.test",
        secret_key="test-secret-" + "x" * 24,
        outbox_dir=tmp_path / "outbox",
        company_name="Shop SARL",
    )
    load_catalogue(app)
    return app


def sent_mail(app: bootstrap.App, row: dict[str, Any]) -> Message:
    """The mail an outbox row becomes when the relay sends it."""
    message = OutboxMessage(
        Channel(row["channel"]), row["kind"], row["recipient"], row["created_at"],
        row["payload"], order_code=row["order_code"], id=row["id"],
    )  # fmt: skip
    return message_from_bytes(email_renderer(app).render(message).as_bytes())


def quote(app: bootstrap.App, lines: str) -> tuple[str, Message]:
    """A draft made and sent as a quote from the console; its code and the quote's mail."""
    console = Console(app.bus.handle, lambda: date(2026, 3, 2))
    made = console.answer(f"order new ACME {lines}")
    code = made.split()[1].rstrip(".:")
    answer = console.answer(f"order send {code} quote")
    assert answer.startswith(f"Sent the quote {code} to buyer@acme.test."), answer
    (row,) = [r for r in outbox_rows(app, "document") if r["order_code"] == code]
    return code, sent_mail(app, row)


def reply(to: Message, body: str, message_id: str) -> bytes:
    """The customer's answer in the quote's thread, quoting it as mail clients do."""
    quoted = "\n".join(f"> {line}" for line in str(to["Subject"]).splitlines())
    text = f"{body}\n\nLe lun. 2 mars 2026, Orders <orders@shop.test> a écrit :\n{quoted}\n"
    return mail(
        text,
        subject=f"Re: {to['Subject']}",
        message_id=message_id,
        headers={"In-Reply-To": to["Message-ID"], "References": to["Message-ID"]},
    )


def confirmations(app: bootstrap.App, code: str) -> int:
    t = timeline.c
    orders = {r["code"]: r["id"] for r in order_rows(app)}
    query = select(t.kind).where(t.order_id == orders[code], t.kind == "order_confirmed")
    with app.engine.connect() as conn:
        return len(conn.execute(query).all())


def test_bon_pour_accord_confirms_the_order_once(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    code, sent = quote(shop, "WIDGET-A 10")
    assert sent["Message-ID"] == "<quote-so-00001-1.orderbot@shop.test>"
    assert code in str(sent["Subject"])
    (pdf,) = [p for p in sent.walk() if p.get_content_type() == "application/pdf"]
    assert bytes(pdf.get_payload(decode=True)).startswith(b"%PDF")
    text = next(p for p in sent.walk() if p.get_content_type() == "text/plain")
    assert "reply to this mail" in bytes(text.get_payload(decode=True)).decode()

    answer = reply(sent, "Bon pour accord.\nCordialement, Anne", "<yes@acme.test>")
    imap_user.append(answer)
    imap_user.append(answer)  # the same reply twice: read twice, taken once
    report = poll(shop, imap_user)
    assert report.outcomes == {"answered": 1, "duplicate": 1}
    assert order_rows(shop)[0]["status"] == "confirmed"
    assert confirmations(shop, code) == 1
    (confirmation,) = [
        r
        for r in outbox_rows(shop, "document")
        if r["payload"]["document"]["kind"] == "confirmation"
    ]
    assert confirmation["recipient"] == "buyer@acme.test"
    confirmed = sent_mail(shop, confirmation)
    assert confirmed["In-Reply-To"] == "<yes@acme.test>"
    assert "<quote-so-00001-1.orderbot@shop.test>" in str(confirmed["References"])
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "quote_accepted"
    assert "Bon pour accord" in alert["payload"]["text"]

    imap_user.append(answer)  # read once more in a later pass: still nothing new
    assert poll(shop, imap_user).outcomes == {"duplicate": 1}
    assert confirmations(shop, code) == 1
    assert len(outbox_rows(shop, "document")) == 2
    assert [r["outcome"] for r in inbound_rows(shop)] == ["answered"]


def test_a_question_confirms_nothing_and_reaches_the_rep(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    code, sent = quote(shop, "GADGET 3")
    imap_user.append(reply(sent, "Can you lower the price?", "<q@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert order_rows(shop)[0]["status"] == "draft"
    assert confirmations(shop, code) == 0
    assert [r["payload"]["document"]["kind"] for r in outbox_rows(shop, "document")] == ["quote"]
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "quote_reply"
    assert alert["payload"]["order_code"] == code
    assert "Can you lower the price?" in alert["payload"]["text"]
    assert outbox_rows(shop, "mail_reply") == []  # the rep answers, not orderbot


def test_a_reply_to_the_confirmation_reaches_the_rep(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    code, sent = quote(shop, "GADGET 3")
    imap_user.append(reply(sent, "OK", "<ok@acme.test>"))
    poll(shop, imap_user)
    (row,) = [
        r for r in outbox_rows(shop, "document") if r["payload"]["document"]["kind"] != "quote"
    ]
    confirmation = sent_mail(shop, row)
    imap_user.append(reply(confirmation, "OK. When will it ship?", "<when@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert confirmations(shop, code) == 1
    alerts = [r["payload"] for r in outbox_rows(shop, "rep_alert")]
    assert [a["reason"] for a in alerts] == ["quote_accepted", "document_reply"]
    assert "When will it ship?" in alerts[1]["text"]
    assert len(outbox_rows(shop, "document")) == 2
