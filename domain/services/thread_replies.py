"""Slack → customer: a rep's answer mailed to the customer from the order's thread.

Nothing in a thread reaches a customer without this command (the *Send to customer*
shortcut, the card's *Reply to customer* button, `/order reply CODE TEXT`). The mail
goes through the outbox in the customer's own mail thread (In-Reply-To the customer's
last mail, References its chain), the order code in the subject, in text (the mail edge
adds its HTML),
signed with the rep's Slack name; the thread shows that it went and who sent it. When
the customer has not written in the conversation yet, the subject is a sentence the mail
edge words in the customer's language. The
door's idempotency key (the Slack message or view) makes a double click one mail.
"""

from __future__ import annotations

from domain import commands as c
from domain.customers.customer import Customer
from domain.errors import NotFound, ValidationFailed
from domain.inbox.reply import reply_subject
from domain.outbox.messages import Channel, OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.texts import Text, _
from domain.threads.posts import thread_post
from domain.threads.thread import Thread, order_thread

MAX_REPLY = 20_000  # characters of one answer


def _address(customer: Customer) -> str:
    contact = customer.default_contact()
    if contact is not None and contact.email:
        return contact.email
    found = next((ct.email for ct in customer.contacts if ct.email), None)
    if found is None:
        raise ValidationFailed.field(
            "contact",
            _("{customer} has no contact with an email address.", customer=customer.code),
            "reply.no_email",
        )
    return found


def _thread(cmd: c.ReplyToCustomer, uow: UnitOfWork) -> Thread:
    if cmd.code:
        order = uow.orders.get(cmd.code)  # NotFound names the order
        thread = uow.threads.find(order_thread(order.code))
        if thread is None:
            raise NotFound("thread", order.code)
        return thread
    found = uow.threads.at(cmd.channel, cmd.ts)
    if found is None:
        raise NotFound("thread", cmd.ts)
    return found


def reply_to_customer(cmd: c.ReplyToCustomer, uow: UnitOfWork, ctx: ServiceContext) -> Text:
    """Queue the rep's mail to the customer and say so in the thread; what was done."""
    text = cmd.text.strip()
    if not text:
        raise ValidationFailed.field("text", _("the answer is empty"), "reply.empty")
    if len(text) > MAX_REPLY:
        raise ValidationFailed.field(
            "text",
            _(
                "the answer is {length} characters long; at most {limit}",
                length=len(text),
                limit=MAX_REPLY,
            ),
            "reply.too_long",
        )
    thread = _thread(cmd, uow)
    customer = uow.customers.get(thread.customer_code)
    address = _address(customer)
    signer = cmd.actor_name or cmd.actor
    signed = f"{text}\n\n-- \n{signer}"
    subject: dict[str, object] = {"subject": reply_subject(thread.subject, thread.order_code)}
    if not thread.subject and thread.order_code:
        about = _("About your order [{order}]", order=thread.order_code)
        subject["subject_text"] = {"msgid": about.msgid, "params": dict(about.params)}
    uow.outbox.add(
        OutboxMessage(
            channel=Channel.EMAIL,
            kind="customer_reply",
            recipient=address,
            created_at=ctx.now,
            payload={
                **subject,
                "language": customer.language,
                "text": signed,
                "in_reply_to": thread.last_message_id or None,
                "references": list(thread.references),
                "headers": {"Auto-Submitted": "no"},
                "order_code": thread.order_code,
            },
            order_code=thread.order_code,
        )
    )
    if ctx.by.id:
        thread.owner = ctx.by.id
        uow.threads.save(thread)
    uow.outbox.add(
        thread_post(thread, _("Sent to the customer by {who}:", who=signer), ctx.now, quote=text)
    )
    return _("Your answer is mailed to {address}; the thread shows it.", address=address)
