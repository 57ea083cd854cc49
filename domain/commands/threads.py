"""Commands of the order conversations: a rep's answer to the customer from Slack."""

from __future__ import annotations

from domain.commands.base import Command


class ReplyToCustomer(Command):
    """Mail `text` to the customer in the conversation's mail thread.

    The conversation is named by its order `code`, or by the Slack thread the rep wrote
    in (`channel` and the parent's `ts`)."""

    text: str
    code: str = ""
    channel: str = ""
    ts: str = ""
