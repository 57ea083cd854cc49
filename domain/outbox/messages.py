"""The outbox: every message for someone other than the requester, written with the change.

A relay sends pending rows outside any transaction and marks them sent; the payload
is structured data, rendered by the sender (email templates, Slack blocks).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class OutboxStatus(StrEnum):
    """Where an outgoing message is."""

    PENDING = "pending"  # waiting for the relay (or for its next attempt)
    SENT = "sent"  # accepted by the mail server or Slack
    DEAD = "dead"  # refused for good, or out of attempts; kept for the digest


class Channel(StrEnum):
    """How a message leaves."""

    EMAIL = "email"
    SLACK = "slack"


@dataclass(eq=False)
class OutboxMessage:
    """One message to send; `kind` names the template, `payload` its data."""

    channel: Channel
    kind: str
    recipient: str
    created_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    order_code: str | None = None
    key: str | None = None
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str = ""
    sent_at: datetime | None = None
    id: int | None = None


class Outcome(StrEnum):
    """What became of one message handed to a sender."""

    SENT = "sent"  # accepted by the peer
    RETRY = "retry"  # a passing failure (4xx, timeout, 429): try again later
    DEAD = "dead"  # refused for good (5xx recipient error): shown to reps, kept for the digest
    PAUSE = "pause"  # the channel is unusable (authentication failed): stop sending, alert once


@dataclass(frozen=True)
class SendResult:
    """The outcome for one outbox message; `retry_after` in seconds when the peer said."""

    message_id: int
    outcome: Outcome
    error: str = ""
    retry_after: float | None = None


Settle = Callable[[Sequence[SendResult]], Awaitable[None]]
"""Records outcomes at once (a short transaction of its own); given by the relay."""


class Sender(Protocol):
    """Delivers outbox messages of one channel (SMTP or .eml files for email, Slack...)."""

    async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
        """Send a batch (reusing one connection), handing `settle` each message's outcome.

        A message's outcome is settled, and the call awaited, as soon as the peer
        answered it and before the next message goes: a crash then repeats at most the
        message in flight. Outcomes known together (the rest of a paused batch) may be
        settled in one call; every message gets exactly one outcome.
        """
        ...
