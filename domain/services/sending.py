"""Documents emailed to customers: `/order send CODE quote|confirmation` and `/invoice
send CODE`.

The mail goes through the outbox (sent once, retried, in the relay's own time) to the
customer's default contact or the address given, in the order's mail thread: it answers
the last mail of that thread (the customer's own mails about the order, the documents
sent before), so the customer's mail client shows one conversation. The PDF is drawn at
send time by the mail edge (`mail.outbound`, through the documents port), from the
order as it is then. What was sent is kept (`domain.sending.sent`) with the key of its
Message-ID: a reply in a quote's thread is known as an answer to that quote
(`domain.services.intake_quotes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain import commands as c
from domain.customers import identity
from domain.customers.customer import Customer
from domain.errors import ValidationFailed
from domain.orders import edit_texts
from domain.orders.order import SalesOrder
from domain.orders.states import OrderStatus
from domain.orders.status_names import status_name
from domain.outbox.messages import Channel, OutboxMessage
from domain.ports import UnitOfWork
from domain.records.statuses import RecordKind
from domain.sending.sent import SentDocument, SentKind, message_key
from domain.services.context import ServiceContext
from domain.services.invoices import order_holding
from domain.services.tracking import link_of
from domain.services.views import OrderView
from domain.texts import _

# What each order document may be sent of: a quote offers a draft, a confirmation
# confirms what was agreed.
_SENDABLE = {
    SentKind.QUOTE: (OrderStatus.DRAFT,),
    SentKind.CONFIRMATION: (OrderStatus.CONFIRMED, OrderStatus.CLOSED),
}


@dataclass(frozen=True)
class DocumentSentView(OrderView):
    """The order a document of was queued for the customer, and what was sent."""

    sent: SentDocument | None = None


def send_order_document(
    cmd: c.SendOrderDocument, uow: UnitOfWork, ctx: ServiceContext
) -> DocumentSentView:
    """Queue an order's quote or confirmation for the customer."""
    order = uow.orders.get(cmd.code)
    kind = SentKind(cmd.kind)
    if order.status not in _SENDABLE[kind]:
        status = status_name(order.status)
        said = (
            _("{code} is {status}; a quote is sent of an order that is draft.",
              code=order.code, status=status)
            if kind is SentKind.QUOTE
            else _("{code} is {status}; a confirmation is sent of an order that is confirmed "
                   "or closed.", code=order.code, status=status)
        )  # fmt: skip
        raise ValidationFailed.field(
            "kind",
            said,
            "send.wrong_status",
        )
    customer = uow.customers.get(order.customer_code)
    recipient = _recipient(customer, cmd.to)
    sent = queue_document(order, customer, kind, order.code, recipient, uow, ctx)
    return _view(order, customer, sent)


def send_invoice(cmd: c.SendInvoice, uow: UnitOfWork, ctx: ServiceContext) -> DocumentSentView:
    """Queue an invoice for the customer."""
    order = order_holding(uow, RecordKind.INVOICE, cmd.code)
    invoice = next(i for i in order.invoices if i.code.upper() == cmd.code.strip().upper())
    customer = uow.customers.get(order.customer_code)
    recipient = _recipient(customer, cmd.to)
    sent = queue_document(order, customer, SentKind.INVOICE, invoice.code, recipient, uow, ctx)
    return _view(order, customer, sent)


def _view(order: SalesOrder, customer: Customer, sent: SentDocument) -> DocumentSentView:
    said = {"code": sent.document_code, "recipient": sent.recipient}
    note = {
        SentKind.QUOTE: _("Sent the quote {code} to {recipient}.", **said),
        SentKind.CONFIRMATION: _("Sent the confirmation {code} to {recipient}.", **said),
        SentKind.INVOICE: _("Sent the invoice {code} to {recipient}.", **said),
    }[sent.kind]
    return DocumentSentView(order, customer, note, sent=sent)


def _recipient(customer: Customer, to: str | None) -> str:
    if to:
        return identity.email(to, "to")
    contact = customer.default_contact()
    email = contact.email if contact and contact.email else ""
    email = email or next((ct.email for ct in customer.contacts if ct.email), "")
    if not email:
        raise ValidationFailed.field(
            "to",
            _(
                "{customer} has no contact with an email address; give to:ADDRESS or add "
                "one with /customer contact {customer} NAME email:ADDRESS default",
                customer=customer.code,
            ),
            "send.no_email",
        )
    return email


def queue_document(
    order: SalesOrder,
    customer: Customer,
    kind: SentKind,
    document_code: str,
    recipient: str,
    uow: UnitOfWork,
    ctx: ServiceContext,
    answering: Sequence[str] = (),
) -> SentDocument:
    """Put the document's mail in the outbox and keep what was sent. `answering`: the
    Message-IDs of the mail it answers, its thread first (a reply accepting a quote);
    else it answers the order's thread as far as we know it."""
    earlier = uow.sent_documents.of_order(order.code)
    number = 1 + sum(1 for s in earlier if s.kind == kind and s.document_code == document_code)
    key = message_key(kind, document_code, number)
    thread = list(answering) or _thread(order, earlier, uow)
    token = link_of(order, uow, ctx)
    uow.outbox.add(
        OutboxMessage(
            channel=Channel.EMAIL,
            kind="document",
            recipient=recipient,
            created_at=ctx.now,
            payload={
                "document": {"kind": kind.value, "code": document_code},
                "order_code": order.code,
                "customer_code": customer.code,
                "customer_name": customer.name,
                "language": customer.language,
                "currency": order.currency,
                "total": f"{_total(order, kind, document_code):.2f}",
                "message_key": key,
                "thread": thread,
                "tracking": {"salt": token.salt} if token is not None else None,
            },
            order_code=order.code,
            key=f"document:{key}",
        )
    )
    sent = SentDocument(order.code, kind, document_code, recipient, key, ctx.now, ctx.actor)
    uow.sent_documents.add(sent)
    said = edit_texts.document_sent(kind.value, document_code, recipient)
    order._log(ctx.now, "document_sent", said, False)
    return sent


def _total(order: SalesOrder, kind: SentKind, document_code: str) -> Decimal:
    if kind == SentKind.INVOICE:
        return next(i.gross for i in order.invoices if i.code == document_code)
    return order.totals.gross


def _thread(order: SalesOrder, earlier: list[SentDocument], uow: UnitOfWork) -> list[str]:
    """The order's thread, oldest first: the customer's mails (Message-IDs) and the
    documents sent before (keys, which the mail edge makes Message-IDs of)."""
    mails: list[tuple[datetime, str]] = list(uow.sent_documents.thread_of(order.code))
    mails += [(s.sent_at, s.message_key) for s in earlier]
    return [mid for _, mid in sorted(mails, key=lambda m: m[0])]
