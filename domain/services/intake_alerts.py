"""The sentences the mail intake tells reps: its alerts and the remark of a mailed order.

An alert is kept in its outbox row as a sentence (`domain.inbox.reply.rep_alert`) and
said in the team's language (LANGUAGE) when it is posted; the remark of an order made
from a mail is stored with the order, written in the team's language when it is made
(the `team_words` port; English without it). Each sentence is whole: the reason a mail
is held and what was taken of it are sentences of their own put in its place.
"""

from __future__ import annotations

from domain.customers.customer import Customer
from domain.inbox.mail import MailIn
from domain.texts import Text, _

# Why a mail's order is held as a draft, as the order's remark says it.
HELD_BECAUSE = {
    "dmarc_fail": _("the sender's domain failed DMARC"),
    "message_id_reused": _("a different mail with the same Message-ID was received before"),
}


def remark(mail: MailIn, held: str) -> Text:
    """The remark of an order read from `mail` (held for review when `held` names why)."""
    if held:
        return _(
            "HELD FOR REVIEW: {why}. By email from {sender}: {subject}",
            why=HELD_BECAUSE[held], sender=mail.from_address or "", subject=mail.subject,
        )  # fmt: skip
    return _("By email from {sender}: {subject}", sender=mail.from_address or "",
             subject=mail.subject)  # fmt: skip


def no_sender(problems: list[str]) -> Text:
    """A mail nobody can be told about: what kept its sender from being read."""
    if not problems:
        return _("A mail without a readable sender was set aside: no sender.")
    return _(
        "A mail without a readable sender was set aside: {problems}",
        problems="; ".join(problems),
    )


def unknown_sender(mail: MailIn) -> Text:
    """A mail from an address no customer has."""
    return _("Mail from unregistered address {sender}.", sender=mail.from_address or "")


def taken(code: str | None, refused: Text | None) -> Text:
    """What a held mail's order became: a draft, or nothing (and why)."""
    if code is not None:
        return _("held as draft {order}", order=code)
    if refused is not None:
        return _("nothing was taken: {reason}", reason=refused)
    return _("nothing could be taken")


def held(mail: MailIn, customer: Customer, why: str, outcome: Text) -> Text:
    """The alert of a mail whose order waits as a draft for a rep."""
    if why == "dmarc_fail":
        return _(
            "DMARC failed for a mail from {sender} ({customer}): {taken}. "
            "Check with the customer before confirming.",
            sender=mail.from_address or "", customer=customer.code, taken=outcome,
        )  # fmt: skip
    return _(
        "A mail from {sender} ({customer}) reuses the Message-ID {message_id} of a "
        "different mail received before: {taken}. It may repeat an earlier order. "
        "Check with the customer before confirming.",
        sender=mail.from_address or "", customer=customer.code,
        message_id=mail.message_id[:200], taken=outcome,
    )  # fmt: skip


def quarantined(mail: MailIn, sender: str | None, attempts: int, error: str, told: bool) -> Text:
    """The alert of a mail that kept failing and was set aside."""
    values = {"subject": repr(mail.subject[:200]), "attempts": attempts, "error": error[:500]}
    if sender is None:
        if told:
            return _(
                "A mail from an unreadable sender ({subject}) failed {attempts} times and was set "
                "aside in quarantine: {error}. The sender was told a person will look at it.",
                **values,
            )
        return _(
            "A mail from an unreadable sender ({subject}) failed {attempts} times and was set "
            "aside in quarantine: {error}. Nobody answered it.",
            **values,
        )
    if told:
        return _(
            "A mail from {sender} ({subject}) failed {attempts} times and was set aside in "
            "quarantine: {error}. The sender was told a person will look at it.",
            sender=sender, **values,
        )  # fmt: skip
    return _(
        "A mail from {sender} ({subject}) failed {attempts} times and was set aside in "
        "quarantine: {error}. Nobody answered it.",
        sender=sender, **values,
    )  # fmt: skip
