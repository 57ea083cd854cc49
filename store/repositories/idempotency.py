"""The keys of commands that already ran, so a command sent twice changes things once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import ConcurrencyConflict
from store.tables import core as t


class IdempotencyStore:
    """Keys of commands that already ran, written in the same transaction as their change."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        """The stored result reference of a key, or None."""
        result: str | None = self.session.scalar(
            select(t.idempotency_keys.c.result).where(t.idempotency_keys.c.key == key)
        )
        return result

    def put(self, key: str, result: str) -> None:
        """Remember a key; a concurrent twin loses with ConcurrencyConflict and is retried."""
        try:
            self.session.execute(t.idempotency_keys.insert().values(key=key, result=result))
        except IntegrityError:
            self.session.rollback()
            raise ConcurrencyConflict(f"The request {key}") from None
