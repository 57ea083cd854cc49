"""The outbox's repository: messages queued in the command's transaction, and the dead ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from domain.outbox.messages import OutboxMessage


class OutboxRepository:
    """Messages waiting to be sent."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, message: OutboxMessage) -> None:
        """Queue a message in the current transaction."""
        self.session.add(message)

    def dead(self, limit: int = 50, since: datetime | None = None) -> Sequence[OutboxMessage]:
        """Dead messages (refused for good or out of attempts), newest first."""
        from store.repositories.notifications import dead_messages

        return dead_messages(self.session, limit, since)
