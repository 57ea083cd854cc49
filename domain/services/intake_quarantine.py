"""A mail that kept failing, set aside: recorded as handled, reps told, the sender answered.

Owns `quarantine_mail`, which the listener runs once a mail has failed on its own
`IMAP_MAX_ATTEMPTS` times. It must not fail the way the mail did, so it reads nothing of
the mail's content: the record keeps the sender only when it is as long as an address
can be, reps always get an alert with the error, and a contact of a known customer gets
a short answer (a person will look at the mail); anyone else is left to the rep.
"""

from __future__ import annotations

from domain import commands as c
from domain.inbox.mail import (
    ALREADY_HANDLED,
    MAX_ADDRESS_LENGTH,
    InboundRecord,
    MailOutcome,
    Outcome,
    Seen,
    seen_before,
)
from domain.inbox.reply import Answer
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.intake_alerts import quarantined
from domain.services.intake_batch import Batch


def quarantine_mail(cmd: c.QuarantineMail, uow: UnitOfWork, ctx: ServiceContext) -> MailOutcome:
    """Record a mail that kept failing as handled (quarantined), answer it, tell reps."""
    mail = cmd.mail
    key = mail.identity
    if seen_before(key, uow.inbound.recorded([key.message_id])) is Seen.SAME:
        return MailOutcome(mail.message_id, mail.uid, Outcome.DUPLICATE, ALREADY_HANDLED)
    run = Batch(uow, ctx, c.IntakeMails(mails=(mail,), rules=cmd.rules))
    sender = mail.from_address
    readable = sender is not None and len(sender) <= MAX_ADDRESS_LENGTH
    customer = run.customer(sender) if sender is not None and readable else None
    answered = False
    if cmd.answer and customer is not None and mail.ignored_because is None:
        answered = run.answer(mail, Answer("quarantined"), customer)
    shown = sender[:MAX_ADDRESS_LENGTH] if sender is not None else None
    run.alert(mail, "quarantined", quarantined(mail, shown, cmd.attempts, cmd.error, answered))
    reason = cmd.error[:300]
    run.records.append(
        InboundRecord(
            key=key,
            received_at=ctx.now,
            sender=sender if readable else None,
            subject=mail.subject[:300],
            outcome=Outcome.QUARANTINED,
            reason=reason,
            customer_code=customer.code if customer is not None else None,
            answered=answered,
            folder=mail.folder,
            uid=mail.uid,
        )
    )
    run.finish()
    return MailOutcome(mail.message_id, mail.uid, Outcome.QUARANTINED, reason, answered=answered)
