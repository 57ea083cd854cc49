"""A document sent to a customer by email: which one, to whom, and the Message-ID its mail
carries, so a reply in its thread is known for an answer to it.

The Message-ID is `<KEY.orderbot@DOMAIN>`, the domain being MAIL_FROM's (the mail edge
adds it); the domain keeps the key (`message_key`), made of the document and a
sequence number, so a quote sent twice is two mails with two ids. A quote's acceptance
is kept on it (when, and the Message-ID of the reply that said yes), once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class SentKind(StrEnum):
    """What was sent."""

    QUOTE = "quote"
    CONFIRMATION = "confirmation"
    INVOICE = "invoice"


@dataclass
class SentDocument:
    """One document mailed to a customer."""

    order_code: str
    kind: SentKind
    document_code: str  # the order's code, or the invoice's
    recipient: str
    message_key: str
    sent_at: datetime
    actor: str = ""
    accepted_at: datetime | None = None
    accepted_by: str | None = None  # the Message-ID of the reply that accepted it
    id: int | None = None


_KEY_OF_ID = re.compile(r"^<?([^<>@\s]+)\.orderbot@[^<>\s]+>?$")


def message_key(kind: SentKind, code: str, number: int) -> str:
    """The key of the `number`th mail of a document (`quote-so-00003-2`)."""
    safe = re.sub(r"[^0-9a-z]+", "-", code.lower()).strip("-")
    return f"{kind.value}-{safe}-{number}"


def keys_of(message_ids: Iterable[str]) -> list[str]:
    """The keys of those Message-IDs that are our documents' mails."""
    keys = []
    for mid in message_ids:
        found = _KEY_OF_ID.match(mid.strip())
        if found is not None:
            keys.append(found.group(1))
    return keys


class SentDocuments(Protocol):
    """The documents sent, by order and by the key of their mail."""

    def add(self, sent: SentDocument) -> None: ...

    def of_order(self, order_code: str) -> list[SentDocument]:
        """The documents sent of an order, oldest first."""
        ...

    def by_keys(self, keys: Iterable[str]) -> SentDocument | None:
        """The latest document whose mail has one of these keys."""
        ...

    def accept(self, sent: SentDocument, at: datetime, reply_id: str) -> bool:
        """Mark a quote accepted by a reply, unless it already was; whether it was now."""
        ...

    def thread_of(self, order_code: str) -> list[tuple[datetime, str]]:
        """The customer's mails about an order (when received, Message-ID), oldest first."""
        ...
