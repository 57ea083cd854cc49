"""The mail intake's guards against abuse: what is read of a mail, and who is answered.

Owns three limits that keep the inbox from being used against us or against others:
- at most `max_attachments` spreadsheets are read per mail (`within_limits`); the names
  of the others go to reps and into the customer's answer;
- no answer of any kind to a mail that failed DMARC on our own server: its sender may be
  forged, and an answer would tell a stranger about a customer's orders, or send our
  mail to someone who never wrote;
- at most `stranger_answers_per_hour` "not registered" answers per hour, all strangers
  together, counted in the database so the limit holds across processes: a flood of
  forged senders cannot turn the inbox into a source of backscatter.
A mail these guards kept from being answered, or read in full, says so in its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from domain import commands as c
from domain.customers.customer import Customer
from domain.inbox.mail import IntakeRules, MailIn, MailOutcome
from domain.inbox.reply import Answer, rep_alert
from domain.outbox.messages import OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.texts import _

_NAMED_TO_REPS = 20  # unread attachments named in a rep alert; the rest are counted
DMARC_FAILED = "the mail failed DMARC on our server"


def within_limits(cmd: c.IntakeMails) -> c.IntakeMails:
    """The command with each mail's spreadsheets beyond `max_attachments` left unread."""
    cap = cmd.rules.max_attachments
    if all(len(m.attachments) <= cap for m in cmd.mails):
        return cmd
    return cmd.model_copy(update={"mails": tuple(m.within(cap) for m in cmd.mails)})


@dataclass
class IntakeGuard:
    """The answers a batch may write, and the notes its mails' reasons get."""

    uow: UnitOfWork
    ctx: ServiceContext
    rules: IntakeRules
    outbox: list[OutboxMessage]  # the batch's: rep alerts go there
    _strangers: int | None = None  # answers to strangers in the last hour, this batch's too
    _notes: dict[str, list[str]] = field(default_factory=dict)  # mail key -> notes
    _read: set[str] = field(default_factory=set)  # keys of mails whose sheets were read

    def let_through(self, mail: MailIn, answer: Answer, customer: Customer | None) -> bool:
        """Whether this answer may go (counted when it is a stranger's); it then names the
        spreadsheets left unread when it answers a mail whose sheets were read."""
        if mail.dmarc == "fail":
            return self._refuse(mail, DMARC_FAILED)
        if customer is None:
            if self._strangers is None:  # one query per batch, and only when needed
                since = self.ctx.now - timedelta(hours=1)
                self._strangers = self.uow.inbound.stranger_answers_since(since)
            cap = self.rules.stranger_answers_per_hour
            if self._strangers >= cap:
                return self._refuse(
                    mail, f"{cap} answers to unknown senders were sent in the last hour"
                )
            self._strangers += 1
        elif mail.key in self._read and mail.unread_attachments:
            answer.unread = mail.unread_attachments
            answer.max_attachments = self.rules.max_attachments
        return True

    def sheets_read(self, mail: MailIn) -> None:
        """The mail's spreadsheets were read: reps hear of those left unread, if any."""
        self._read.add(mail.key)
        unread = mail.unread_attachments
        if not unread:
            return
        self._note(mail, f"{len(unread)} unread attachments")
        total, cap = len(mail.attachments) + len(unread), self.rules.max_attachments
        named = ", ".join(name[:100] for name in unread[:_NAMED_TO_REPS])
        values = {"sender": mail.from_address or "", "total": total, "cap": cap, "named": named}
        if len(unread) > _NAMED_TO_REPS:
            text = _(
                "A mail from {sender} carried {total} spreadsheets; only the first {cap} "
                "were read (MAIL_MAX_ATTACHMENTS). Not read: {named} and {more} more.",
                more=len(unread) - _NAMED_TO_REPS, **values,
            )  # fmt: skip
        else:
            text = _(
                "A mail from {sender} carried {total} spreadsheets; only the first {cap} "
                "were read (MAIL_MAX_ATTACHMENTS). Not read: {named}.",
                **values,
            )
        self.outbox.append(
            rep_alert(self.rules.rep_channel, mail, self.ctx.now, "attachments_unread", text)
        )

    def noted(self, mail: MailIn, outcome: MailOutcome) -> MailOutcome:
        """The outcome with what the guards did to the mail added to its reason."""
        notes = self._notes.get(mail.key)
        if not notes:
            return outcome
        return replace(outcome, reason=f"{outcome.reason} ({'; '.join(notes)})")

    def _refuse(self, mail: MailIn, why: str) -> bool:
        self._note(mail, f"not answered: {why}")
        return False

    def _note(self, mail: MailIn, note: str) -> None:
        notes = self._notes.setdefault(mail.key, [])
        if note not in notes:
            notes.append(note)
