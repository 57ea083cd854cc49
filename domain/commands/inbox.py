"""Orders by email: handling received mails, setting aside those that keep failing."""

from __future__ import annotations

from domain.commands.base import Command
from domain.inbox.mail import IntakeRules, MailIn


class IntakeMails(Command):
    """Handle a batch of received mails (each once): orders, answers, rep alerts."""

    mails: tuple[MailIn, ...]
    rules: IntakeRules = IntakeRules()


class QuarantineMail(Command):
    """Set a mail that keeps failing aside: recorded as handled, reps told, answered."""

    mail: MailIn
    attempts: int
    error: str
    rules: IntakeRules = IntakeRules()
    answer: bool = True  # False when answering failed too: reps only
