"""Outbox rows to email messages: status mails, the catalogue, and answers to mailed orders.

The relay calls `Renderer.render` at send time with the outbox row alone: everything a
mail shows is in the row's payload (fixed when the notification was queued). Every
mail is text and HTML (Jinja2 templates sharing one layout and stylesheet; the HTML's
CSS inlined with css-inline, since mail clients drop <style>), in the customer's
language, amounts, quantities and dates through the `money`, `price`, `number` and
`day` filters (`l10n.formats`, in the language of the template's `w`). Rows queued by
earlier versions that carry a finished mail (`subject`, `text`, `html`) are sent as
they are. A rep's answer from Slack (`customer_reply`) is their text and the same as
HTML, in the customer's thread, with `Reply-To` the orders mailbox. Every mail carries
`X-Orderbot` (so our own inbox ignores it),
`Auto-Submitted` and `X-Auto-Response-Suppress: All` (so robots do not answer it),
`X-Loop` with our address (robots that keep it stop a loop there, and our inbox ignores a
mail that comes back with it), and a
Message-ID derived from the outbox row id: a re-send after a crash carries the same one.
Status mails of one order thread together: they all refer to the order's own thread
root `<order-CODE.orderbot@DOMAIN>`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, parseaddr
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import css_inline
import jinja2

from domain.outbox.messages import OutboxMessage
from domain.texts import Text
from l10n.translation import render
from mail.outbound.answers import answer_context
from mail.outbound.carriers import CarrierLinks
from mail.outbound.catalog_xlsx import XLSX_TYPE, catalog_workbook
from mail.outbound.document_mail import DocumentFiles, document_context, message_id_of
from mail.outbound.wording import Wording, language_of

TEMPLATES = Path(__file__).parent.parent / "templates"
MARKER_HEADER = "X-Orderbot"

LinkFor = Callable[[str], str]


class RenderError(ValueError):
    """An outbox row that cannot become a mail (unknown kind, missing data)."""


def mail_domain(mail_from: str) -> str:
    """The domain of MAIL_FROM, for our Message-IDs ("localhost" when it has none)."""
    address = parseaddr(mail_from)[1] or mail_from
    return address.rpartition("@")[2].strip().lower() or "localhost"


def message_id(outbox_id: int, domain: str) -> str:
    """The Message-ID of an outbox row: the same on every attempt."""
    return f"<outbox-{outbox_id}.orderbot@{domain}>"


def thread_root(order_code: str, domain: str) -> str:
    """The id every status mail of an order refers to, so mail clients thread them."""
    return f"<order-{order_code.lower()}.orderbot@{domain}>"


class Renderer:
    """Renders outbox rows of the email channel; templates are compiled once."""

    def __init__(
        self,
        mail_from: str,
        link_for: LinkFor | None = None,
        currency: str = "EUR",
        carriers: CarrierLinks | None = None,
        documents: DocumentFiles | None = None,
    ) -> None:
        self.mail_from = mail_from
        self.documents = documents
        self.carriers = carriers or CarrierLinks()
        self.domain = mail_domain(mail_from)
        self.sender = sender_address(mail_from)
        self.link_for = link_for
        self.currency = currency
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(["html.j2"]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters.update(FILTERS)
        self.css = (TEMPLATES / "mail.css").read_text(encoding="utf-8")
        self.inliner = css_inline.CSSInliner(load_remote_stylesheets=False)

    def render(self, row: OutboxMessage) -> Message:
        """The mail of one outbox row; RenderError when it cannot be made."""
        if row.id is None:
            raise RenderError("an outbox row without an id cannot be sent")
        if row.kind == "order_status":
            msg = self._order_status(row)
        elif row.kind == "catalog":
            msg = self._catalog(row)
        elif row.kind == "document":
            msg = self._document(row)
        elif row.kind == "customer_reply":
            msg = self._threaded(row, _alternative(*_text_and_html(str(row.payload["text"]))))
        elif "subject" in row.payload and "text" in row.payload:
            msg = self._prepared(row)
        elif row.kind == "mail_reply":
            msg = self._answer(row)
        else:
            raise RenderError(f"no template for outbox kind {row.kind!r}")
        key = row.payload.get("message_key") if row.kind == "document" else None
        msg["Message-ID"] = (
            message_id_of(key, self.domain) if key else message_id(row.id, self.domain)
        )
        if row.kind == "customer_reply":  # a rep's answer: the customer answers the inbox
            msg["Reply-To"] = self.sender
        msg[MARKER_HEADER] = f"{row.kind}; outbox={row.id}"
        msg["X-Auto-Response-Suppress"] = "All"
        msg["X-Loop"] = self.sender
        if "Auto-Submitted" not in msg:
            msg["Auto-Submitted"] = "auto-generated"
        return msg

    def _envelope(self, row: OutboxMessage, subject: str, body: Message) -> Message:
        # compat32 MIME classes: the default policy parses every header it is given,
        # which costs more than the whole SMTP exchange (see bench/notify.py).
        body["From"] = self.mail_from
        body["To"] = row.recipient
        body["Subject"] = subject if subject.isascii() else Header(subject, "utf-8").encode()
        body["Date"] = format_datetime(row.created_at)
        return body

    def _both(self, name: str, context: dict[str, Any]) -> Message:
        text = self.env.get_template(f"{name}.txt.j2").render(context)
        html = self.env.get_template(f"{name}.html.j2").render(context, css=self.css)
        return _alternative(text, self.inliner.inline(html))

    def _order_status(self, row: OutboxMessage) -> Message:
        p = row.payload
        order = p.get("order")
        if not isinstance(order, dict):
            raise RenderError(f"outbox row {row.id}: status mail without order data")
        w = Wording(p.get("language"), order.get("currency", self.currency))
        order = {**order, "shipments": self._linked(order.get("shipments", []))}
        shipments = {s["number"]: s for s in order["shipments"]}
        changes = [
            {**ch, "shipment_data": shipments.get(ch.get("shipment"))}
            for ch in p.get("changes", [])
        ]
        tracking = p.get("tracking")
        url = self.link_for(tracking["salt"]) if tracking and self.link_for else None
        context = {"w": w, "o": order, "changes": changes, "resent": p.get("resent"), "url": url}
        msg = self._envelope(
            row, w("subject", code=order["order_code"]), self._both("order_status", context)
        )
        root = thread_root(order["order_code"], self.domain)
        msg["In-Reply-To"] = root
        msg["References"] = root
        unsubscribe = quote(f"unsubscribe {order['order_code']}")
        sender = parseaddr(self.mail_from)[1] or self.mail_from
        msg["List-Unsubscribe"] = f"<mailto:{sender}?subject={unsubscribe}>"
        return msg

    def _linked(self, shipments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Shipments with their carrier's tracking page (`tracking_url`, None if unknown)."""
        return [
            {**s, "tracking_url": self.carriers.url(s.get("carrier"), s.get("tracking_number"))}
            for s in shipments
        ]

    def _catalog(self, row: OutboxMessage) -> Message:
        p = row.payload
        w = Wording(p.get("language"), p.get("currency", self.currency))
        context = {
            "w": w,
            "customer_name": p.get("customer_name", ""),
            "date": p.get("date", row.created_at.date().isoformat()),
            "products": p.get("products", []),
        }
        mixed = MIMEMultipart("mixed")
        mixed.attach(self._both("catalog", context))
        _, subtype = XLSX_TYPE.split("/")
        attachment = MIMEApplication(catalog_workbook(p.get("products", []), w), subtype)
        name = f"{w('catalog_file')}-{context['date']}.xlsx"
        attachment.add_header("Content-Disposition", "attachment", filename=name)
        mixed.attach(attachment)
        return self._envelope(row, w("catalog_subject"), mixed)

    def _document(self, row: OutboxMessage) -> Message:
        """A document's mail: its PDF attached, in the order's thread."""
        p = row.payload
        if self.documents is None:
            raise RenderError(f"outbox row {row.id}: no documents renderer to draw its PDF")
        tracking = p.get("tracking")
        url = self.link_for(tracking["salt"]) if tracking and self.link_for else None
        context = document_context(p, self.currency, url)
        document = p["document"]
        filename, data = self.documents(
            str(document["kind"]), str(document["code"]), context["w"].language
        )
        mixed = MIMEMultipart("mixed")
        mixed.attach(self._both("document_mail", context))
        attachment = MIMEApplication(data, "pdf")
        attachment.add_header("Content-Disposition", "attachment", filename=filename)
        mixed.attach(attachment)
        msg = self._envelope(row, context["subject"], mixed)
        thread = [message_id_of(str(m), self.domain) for m in p.get("thread") or []]
        root = thread_root(str(p["order_code"]), self.domain)
        msg["In-Reply-To"] = thread[-1] if thread else root
        msg["References"] = " ".join(dict.fromkeys([root, *thread]))
        return msg

    def _answer(self, row: OutboxMessage) -> Message:
        context = answer_context(row.payload, self.currency)
        return self._threaded(row, self._both("mail_reply", context))

    def _prepared(self, row: OutboxMessage) -> Message:
        # Rows whose payload carries the finished mail (answers queued by earlier versions).
        p = row.payload
        html = self.inliner.inline(str(p["html"])) if p.get("html") else None
        return self._threaded(row, _alternative(str(p["text"]), html))

    def _threaded(self, row: OutboxMessage, body: Message) -> Message:
        """An answer in the thread of the mail it answers, with the row's extra headers;
        a subject given as a sentence is worded in the customer's language."""
        p = row.payload
        subject = str(p["subject"])
        if isinstance(about := p.get("subject_text"), dict):
            sentence = Text(str(about["msgid"]), dict(about.get("params") or {}))
            subject = render(sentence, language_of(p.get("language")))
        msg = self._envelope(row, subject, body)
        if p.get("in_reply_to"):
            msg["In-Reply-To"] = str(p["in_reply_to"])
        references = [str(r) for r in p.get("references") or []]
        if references:
            msg["References"] = " ".join(references)
        for name, value in (p.get("headers") or {}).items():
            if name.lower() not in ("from", "to", "message-id", "date", "subject"):
                msg[name] = str(value)
        return msg


def _wording(context: Any) -> Wording:
    w = context["w"]
    assert isinstance(w, Wording), "the mail templates' context carries its Wording as `w`"
    return w


@jinja2.pass_context
def _money(context: Any, amount: str | Decimal) -> str:
    return _wording(context).money(amount)


@jinja2.pass_context
def _price(context: Any, amount: str | Decimal) -> str:
    return _wording(context).price(amount)


@jinja2.pass_context
def _number(context: Any, value: str | Decimal | int) -> str:
    return _wording(context).number(value)


@jinja2.pass_context
def _day(context: Any, value: str | date | None) -> str:
    return _wording(context).day(value)


FILTERS: dict[str, Callable[..., str]] = {
    "money": _money,
    "price": _price,
    "number": _number,
    "day": _day,
}


def _text_and_html(text: str) -> tuple[str, str]:
    """A person's plain text, and the same as HTML (escaped, its line breaks kept)."""
    lines = "<br>\n".join(escape(line) for line in text.splitlines())
    return text, f"<html><body><p>{lines}</p></body></html>"


def _alternative(text: str, html: str | None) -> Message:
    plain = MIMEText(text, "plain", "utf-8")
    if html is None:
        return plain
    both = MIMEMultipart("alternative")
    both.attach(plain)
    both.attach(MIMEText(html, "html", "utf-8"))
    return both


def sender_address(mail_from: str) -> str:
    """The bare address of MAIL_FROM, for the SMTP envelope."""
    return parseaddr(mail_from)[1] or mail_from
