"""Customer → Slack: a known customer's mail that is for a person goes to its thread.

With an orders channel, a mail from a known customer that holds no order, asks no status
(`status SO-…` in its text, or nothing written and no file) and is no forward is a
question for a person. It belongs to an order when it answers one of the order's mails
(its In-Reply-To/References name a mail that made or was about the order, or one of our
own mails about it) or names one of the customer's orders in its subject; it is then
posted into the order's thread, else into the customer's own thread. The owner of the
conversation is mentioned; the bot does not answer it, except to say once per
conversation per day, in the customer's language, that a person will answer.
Every mail that belongs to an order — the one that made it too, a status request about
it — shows in the order's thread what orderbot answered automatically (its confirmation,
a status), and the files it carried are uploaded there (`domain.threads.files`: the order
file first, bounded). Each row's outbox key is the mail's key (Message-ID, sender,
content): a mail read twice posts and uploads once. Mails that are orders, status
requests (or, decided before this, quote acceptances) are never handed to a person.
"""

from __future__ import annotations

from domain.customers.customer import Customer
from domain.inbox.mail import MailIn, MailOutcome, Outcome
from domain.inbox.reply import Answer
from domain.orders.status_requests import find_status_request
from domain.services.intake_batch import Batch
from domain.texts import _
from domain.threads.files import file_rows
from domain.threads.posts import card_data, card_message, owner_of, thread_post
from domain.threads.thread import Thread, customer_thread, order_thread

Handed = tuple[Outcome, str, str | None, bool]
HANDED = "handed to a person"  # the outcome's reason of a mail handed over


def for_a_person(n: int, mail: MailIn, run: Batch) -> bool:
    """Whether the mail is a question for a person rather than an order or a status."""
    if not run.ctx.policy.orders_channel or _order_files(n, mail, run):
        return False
    if not mail.body.strip() and not mail.files:  # an empty reply asks for the status
        return False
    if run.text_of(n, mail).lines or run.forwarded(n, mail) is not None:
        return False
    prefixes = run.ctx.policy.numbering.order_prefixes()
    return find_status_request(mail.body, "", prefixes) is None


def _order_files(n: int, mail: MailIn, run: Batch) -> bool:
    """Whether the mail carries an order file: a spreadsheet, or a PDF or XML that holds
    an order (a PDF that holds none, a photo of a product, is for a person)."""
    if any(a.kind not in _DOCUMENTS for a in mail.attachments):
        return True
    return bool(mail.attachments) and any(s.error is None for s in run.sheets_of(n, mail))


_DOCUMENTS = ("pdf", "xml")  # the order files that may hold no order


def hand_over(n: int, mail: MailIn, customer: Customer, run: Batch) -> Handed | None:
    """Post the mail into its conversation's thread; None when the intake answers it."""
    if not for_a_person(n, mail, run):
        return None
    code = conversation_order(mail, customer, run)
    thread = _thread(code, customer, run)
    thread.heard(mail.message_id, mail.thread_ids, mail.subject)
    run.uow.threads.save(thread)
    said = _(
        "{sender} wrote: {subject}",
        sender=mail.from_name or mail.from_address or "",
        subject=mail.subject or "-",
    )
    parent = None
    if code is None:
        parent = _(
            "Mails from {customer} ({code}) that belong to no order",
            customer=customer.name,
            code=customer.code,
        )
    run.outbox.append(
        thread_post(
            thread,
            said,
            run.ctx.now,
            quote=mail.body.strip(),
            mention=thread.owner,
            key=f"thread:{mail.key}",
            parent=parent,
        )
    )
    run.outbox += file_rows(thread, mail, run.ctx.now)
    answered = False
    day = run.ctx.now.astimezone(run.ctx.policy.zone).date().isoformat()
    told = f"handed_over:{thread.key}:{day}"
    if run.uow.idempotency.get(told) is None:
        run.uow.idempotency.put(told, "told")
        answered = run.answer(mail, Answer("handed_over", order_code=code), customer)
    return Outcome.ANSWERED, HANDED, code, answered


def note_mail(mail: MailIn, outcome: MailOutcome, run: Batch) -> None:
    """Show a mail about an order in the order's thread: its files, and orderbot's
    automatic answer (an order of this batch gets its thread and card here, first)."""
    code = outcome.order_code
    if not run.ctx.policy.orders_channel or code is None:
        return
    thread = run.uow.threads.find(order_thread(code))
    if thread is None:
        if code not in run.made or mail.from_address is None:
            return  # an order made before the channel: no thread
        customer = run.customer(mail.from_address)
        if customer is None:
            return
        # the new order's thread and card now, so the card is queued before these posts
        thread = _thread(code, customer, run)
        run.uow.threads.save(thread)
    if outcome.reason != HANDED:  # a mail handed over brought its files with its post
        run.outbox += file_rows(thread, mail, run.ctx.now)
    if not outcome.answered:
        return
    said = _ANSWERS.get(outcome.reason) or _(
        "orderbot answered the customer's mail automatically ({reason}).", reason=outcome.reason
    )
    run.outbox.append(thread_post(thread, said, run.ctx.now, key=f"thread:answer:{mail.key}"))


# The automatic answers the thread names, by the intake's reason.
_ANSWERS = {
    "order": _("orderbot confirmed the order to the customer by mail."),
    "status": _("orderbot answered the customer with the order's status."),
    HANDED: _("orderbot told the customer that a person will answer."),
}


def conversation_order(mail: MailIn, customer: Customer, run: Batch) -> str | None:
    """The customer's order the mail belongs to: by its thread, else by its subject."""
    ids = mail.thread_ids
    candidates = [
        run.uow.inbound.order_of(ids) if ids else None,
        run.uow.threads.of_order_mail(ids) if ids else None,
    ]
    prefixes = run.ctx.policy.numbering.order_prefixes()
    named = find_status_request("", mail.subject, prefixes)
    if named is not None:
        candidates.append(named.order_code)
    for code in candidates:
        if code is None:
            continue
        order = run.made.get(code) or run.uow.orders.find(code)
        if order is not None and order.customer_code.lower() == customer.code.lower():
            return order.code
    return None


def _thread(code: str | None, customer: Customer, run: Batch) -> Thread:
    """The conversation's thread; an order's made before the channel gets its card now."""
    channel = run.ctx.policy.orders_channel
    key = order_thread(code) if code is not None else customer_thread(customer.code)
    thread = run.uow.threads.find(key)
    if thread is not None:
        return thread
    thread = Thread(key, channel, customer.code)
    if code is not None:
        order = run.made.get(code) or run.uow.orders.get(code)
        thread.owner = owner_of(order)
        card = card_message(thread, card_data(order, customer), run.ctx.now)
        card.key = f"thread:card:{code}"
        run.outbox.append(card)
    return thread
