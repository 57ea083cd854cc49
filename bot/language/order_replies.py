"""The `/order reply` form: a rep's answer mailed to the order's customer in their mail
thread (domain.services.thread_replies), as the order thread's shortcut does."""

from __future__ import annotations

from bot.language.grammar import Door, Form, Grammar
from bot.language.words import Args, UsageError
from domain import commands as c
from l10n.translation import N_, gettext


def _reply(args: Args, door: Door) -> c.Command:
    text = " ".join(args.words[1:]).strip()
    if not text:
        raise UsageError(gettext("the answer to mail is missing"))
    return c.ReplyToCustomer(code=args.words[0], text=text)


def register(grammar: Grammar) -> None:
    """Add `/order reply CODE TEXT`."""
    grammar.add(
        Form(
            "order",
            "reply",
            "CODE TEXT",
            N_(
                "mail TEXT to the order's customer in their mail thread, signed with your name "
                "(needs SLACK_ORDERS_CHANNEL; in the order's thread: the Send to customer shortcut)"
            ),
            _reply,
            min_words=2,
            free_text=True,
        )
    )
