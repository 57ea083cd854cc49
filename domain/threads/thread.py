"""A conversation's Slack thread and its mail thread, as the domain sees them.

Each order has one thread in the orders channel (key `order:CODE`); a customer's mails
that belong to no order share one thread per customer (key `customer:CODE`). A thread
row is written when its first post is queued (no `ts` yet); the Slack sender stamps the
parent message's `ts` on it once Slack has posted it. The row also keeps the customer's
last mail (its Message-ID, the References it carried, its subject), so a rep's answer
goes out in the customer's own mail thread, and the rep who owns the conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

MAX_REFERENCES = 20  # the newest Message-IDs kept for a reply's References
ORDER_PREFIX = "order:"
CUSTOMER_PREFIX = "customer:"


def order_thread(code: str) -> str:
    """The key of an order's thread."""
    return f"{ORDER_PREFIX}{code}"


def customer_thread(code: str) -> str:
    """The key of the thread of a customer's mails that belong to no order."""
    return f"{CUSTOMER_PREFIX}{code}"


def order_of_thread(key: str) -> str | None:
    """The order code of an order's thread key; None for a customer's thread."""
    return key[len(ORDER_PREFIX) :] if key.startswith(ORDER_PREFIX) else None


@dataclass
class Thread:
    """One conversation's thread: where it is in Slack, and the customer's mail thread."""

    key: str
    channel: str
    customer_code: str
    ts: str | None = None  # the parent message's, once Slack posted it
    owner: str = ""  # the Slack user id of the rep who made or last handled the order
    last_message_id: str = ""  # the customer's last mail in the conversation
    references: list[str] = field(default_factory=list)  # that mail's chain, oldest first
    subject: str = ""

    def heard(self, message_id: str, chain: Sequence[str], subject: str) -> None:
        """Remember the customer's latest mail: a reply chains onto it."""
        ids = [i for i in chain if i and i != message_id]
        if message_id:
            ids.append(message_id)
        self.last_message_id = message_id or self.last_message_id
        self.references = list(dict.fromkeys(ids))[-MAX_REFERENCES:]
        self.subject = subject or self.subject

    @property
    def order_code(self) -> str | None:
        """The order of the thread, None for a customer's thread."""
        return order_of_thread(self.key)


class ThreadRepository(Protocol):
    """Threads, kept in the database (`order_threads`)."""

    def find(self, key: str) -> Thread | None:
        """The thread with this key, or None."""
        ...

    def save(self, thread: Thread) -> None:
        """Write a new thread or the changes of one found."""
        ...

    def at(self, channel: str, ts: str) -> Thread | None:
        """The thread whose parent message is `ts` in `channel`, or None."""
        ...

    def card_queued(self, key: str) -> bool:
        """Whether this unit of work queued a card update of the thread already (the
        first one shows the order as the command left it); marks it queued."""
        ...

    def order_codes(self) -> Sequence[str]:
        """The codes of the orders that have a thread and are still to ship."""
        ...

    def of_order_mail(self, message_ids: Sequence[str]) -> str | None:
        """The order that one of these Message-IDs of ours was sent about (an outbox
        mail's order), if any."""
        ...


class ThreadStamps(Protocol):
    """What the Slack sender needs: a thread's parent ts, and recording it once posted."""

    def ts_of(self, key: str) -> tuple[str, str] | None:
        """(channel, ts) of the thread's parent message, None while it is not posted."""
        ...

    def stamp(self, key: str, channel: str, ts: str) -> None:
        """Record the ts of the thread's parent (in a short transaction of its own)."""
        ...
