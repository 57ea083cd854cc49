"""The outbox: every message for someone other than the requester, written with the change.

A relay sends pending rows outside any transaction and marks them sent; the payload
is structured data, rendered by the sender (email templates, Slack blocks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


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
