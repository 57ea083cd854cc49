"""`/order send` and `/invoice send` on a real database: the mail queued in the order's
thread with its PDF, what was sent kept, and refusals that name the reason and change
nothing."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

import bootstrap
from bootstrap.outbox import email_renderer
from bot.console import Console
from domain.outbox.messages import Channel, OutboxMessage
from store.tables.sending import sent_documents
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import load_catalogue, outbox_rows

pytestmark = pytest.mark.slow


@pytest.fixture
def shop(make_app: AppFactory, sqlite_url: str, tmp_path: Path) -> bootstrap.App:
    app = make_app(
        sqlite_url,
        mail_from="Orders <orders@shop.test>",
        public_url="https://shop.test",
        secret_key="test-secret-" + "x" * 24,
        outbox_dir=tmp_path / "outbox",
    )
    load_catalogue(app)
    return app


def rendered(app: bootstrap.App, row: dict[str, Any]) -> Message:
    message = OutboxMessage(
        Channel(row["channel"]), row["kind"], row["recipient"], row["created_at"],
        row["payload"], order_code=row["order_code"], id=row["id"],
    )  # fmt: skip
    return message_from_bytes(email_renderer(app).render(message).as_bytes())


def sent_rows(app: bootstrap.App) -> list[dict[str, Any]]:
    with app.engine.connect() as conn:
        query = sent_documents.select().order_by(sent_documents.c.id)
        return [dict(r) for r in conn.execute(query).mappings()]


def test_confirmation_and_invoice_go_in_the_thread_with_their_pdf(shop: bootstrap.App) -> None:
    console = Console(shop.bus.handle, lambda: date(2026, 3, 2), actor="rep")
    console.answer("order new ACME WIDGET-A 10 GADGET 2 confirm")
    console.answer("order ship SO-00001 carrier:DHL tracking:1Z9")
    invoiced = console.answer("order invoice SO-00001")
    assert "INV-00001" in invoiced, invoiced
    answer = console.answer("order send SO-00001 confirmation")
    assert answer.startswith("Sent the confirmation SO-00001 to buyer@acme.test."), answer
    answer = console.answer("invoice send INV-00001 to:accounts@acme.test")
    assert answer.startswith("Sent the invoice INV-00001 to accounts@acme.test."), answer
    first, second = outbox_rows(shop, "document")
    confirmation, invoice = rendered(shop, first), rendered(shop, second)
    assert confirmation["Subject"] == "Confirmation of your order SO-00001"
    assert confirmation["In-Reply-To"] == "<order-so-00001.orderbot@shop.test>"
    assert invoice["Subject"] == "Invoice INV-00001 for your order SO-00001"
    assert invoice["To"] == "accounts@acme.test"
    assert invoice["Message-ID"] == "<invoice-inv-00001-1.orderbot@shop.test>"
    assert invoice["In-Reply-To"] == "<confirmation-so-00001-1.orderbot@shop.test>"
    (pdf,) = [p for p in invoice.walk() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() is not None
    assert bytes(pdf.get_payload(decode=True)).startswith(b"%PDF")
    text = next(p for p in invoice.walk() if p.get_content_type() == "text/plain")
    body = bytes(text.get_payload(decode=True)).decode()
    assert "https://shop.test/t/" in body  # the tracking link
    assert [(r["kind"], r["document_code"], r["actor"]) for r in sent_rows(shop)] == [
        ("confirmation", "SO-00001", "rep"),
        ("invoice", "INV-00001", "rep"),
    ]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("order send SO-00001 confirmation", "SO-00001 is draft; a confirmation is sent of an"),
        ("order send SO-00001 quote to:not-an-address", "to"),
        ("order send SO-00009 quote", "SO-00009"),
        ("invoice send INV-00042", "INV-00042"),
    ],
)
def test_a_refusal_names_why_and_sends_nothing(shop: bootstrap.App, line: str, said: str) -> None:
    console = Console(shop.bus.handle, lambda: date(2026, 3, 2))
    console.answer("order new ACME WIDGET-A 1")
    answer = console.answer(line)
    assert answer.startswith("Refused"), answer
    assert said in answer
    assert outbox_rows(shop, "document") == []
    assert sent_rows(shop) == []


def test_a_customer_without_an_email_is_told_to_give_one(shop: bootstrap.App) -> None:
    console = Console(shop.bus.handle, lambda: date(2026, 3, 2))
    console.answer('customer new NOMAIL "No Mail SA"')
    console.answer("order new NOMAIL WIDGET-A 1")
    answer = console.answer("order send SO-00001 quote")
    assert "NOMAIL has no contact with an email address; give to:ADDRESS" in answer
    assert console.answer("order send SO-00001 quote to:a@nomail.test").startswith("Sent the quote")


def test_notify_on_a_draft_points_to_the_quote(shop: bootstrap.App) -> None:
    console = Console(shop.bus.handle, lambda: date(2026, 3, 2))
    console.answer("order new ACME WIDGET-A 1")
    answer = console.answer("order notify SO-00001")
    assert "SO-00001 has no status change to tell yet" in answer
    assert "To send a draft as a quote: /order send CODE quote." in answer
