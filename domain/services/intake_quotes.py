"""Replies to a document sent by email: a yes to a quote confirms the order; anything else
(any reply to a confirmation or an invoice) goes to a rep.

A mail is a reply to a quote when its In-Reply-To or References name the Message-ID of a
quote's mail (`domain.sending.sent`) and it comes from the order's customer. A yes
(`domain.sending.acceptance`) confirms the draft once: the quote keeps the Message-ID
of the reply that accepted it, the order is confirmed, the confirmation goes back in
the reply's thread, and the reps are told in Slack. A mail read twice is a duplicate
before it gets here (the intake's once-and-only-once); another yes to a quote already
accepted, or to an order no longer a draft, only tells the reps. Any other reply (a
question, a counter-offer) confirms nothing: the reps get its words. A reply that
failed DMARC, or reuses another mail's Message-ID, is never taken for a yes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.customers.customer import Customer
from domain.inbox.mail import MailIn, Outcome
from domain.orders.states import OrderStatus
from domain.orders.status_names import status_name
from domain.sending.acceptance import says_yes
from domain.sending.sent import SentKind, keys_of
from domain.services.sending import queue_document
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.services.intake_batch import Batch

EXCERPT = 300  # characters of a reply quoted to the reps

Decided = tuple[Outcome, str, str | None, bool]


def quote_reply(mail: MailIn, customer: Customer, trusted: bool, run: Batch) -> Decided | None:
    """What was done with a reply to one of the customer's quotes; None when the mail
    is no such reply (the intake goes on with it)."""
    keys = keys_of(mail.thread_ids)
    if not keys:
        return None
    sent = run.uow.sent_documents.by_keys(keys)
    if sent is None:
        return None
    order = run.uow.orders.find(sent.order_code)
    if order is None or order.customer_code.lower() != customer.code.lower():
        return None
    who = {"sender": mail.from_address or "", "customer": customer.code, "order": order.code}
    words = _excerpt(mail.body)
    if sent.kind != SentKind.QUOTE:  # a question about a confirmation or an invoice
        text = _replied_to(sent.kind, sent.document_code, words, who)
        run.alert(mail, "document_reply", text, order.code)
        return Outcome.ANSWERED, f"reply to a {sent.kind.value}, shown to reps", order.code, False
    if not (trusted and says_yes(mail.body)):
        text = _(
            "{sender} ({customer}) replied to the quote of {order}: \u201c{words}\u201d. "
            "Nothing was done; answer them yourself.",
            words=words,
            **who,
        )
        run.alert(mail, "quote_reply", text, order.code)
        return Outcome.ANSWERED, "reply to a quote, shown to reps", order.code, False
    if order.status != OrderStatus.DRAFT or not run.uow.sent_documents.accept(
        sent, run.ctx.now, mail.message_id
    ):
        text = _(
            "{sender} ({customer}) accepted the quote of {order} (\u201c{words}\u201d), "
            "which is {status}; nothing was done.",
            words=words, status=status_name(order.status), **who,
        )  # fmt: skip
        run.alert(mail, "quote_accepted_before", text, order.code)
        return Outcome.ANSWERED, "quote accepted before", order.code, False
    order.confirm(run.ctx.now)
    answering = (*mail.thread_ids, mail.message_id)
    recipient = mail.from_address or sent.recipient
    queue_document(
        order, customer, SentKind.CONFIRMATION, order.code, recipient, run.uow, run.ctx, answering
    )
    text = _(
        "{sender} ({customer}) accepted the quote of {order} by email (\u201c{words}\u201d): "
        "the order is confirmed and the confirmation was sent to them.",
        words=words,
        **who,
    )
    run.alert(mail, "quote_accepted", text, order.code)
    return Outcome.ANSWERED, "quote accepted", order.code, True


def _replied_to(kind: SentKind, document: str, words: str, who: dict[str, str]) -> Text:
    """A reply to a confirmation or an invoice, told to reps (a sentence per kind: the
    kind's word agrees with the sentence)."""
    if kind == SentKind.INVOICE:
        return _(
            "{sender} ({customer}) replied to the invoice {document} of {order}: "
            "\u201c{words}\u201d. Nothing was done; answer them yourself.",
            document=document, words=words, **who,
        )  # fmt: skip
    return _(
        "{sender} ({customer}) replied to the confirmation {document} of {order}: "
        "\u201c{words}\u201d. Nothing was done; answer them yourself.",
        document=document, words=words, **who,
    )  # fmt: skip


def _excerpt(body: str) -> str:
    words = " ".join(body.split())
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1] + "\u2026"
