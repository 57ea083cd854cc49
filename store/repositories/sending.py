"""The documents mailed to customers, read and written with SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.sending.sent import SentDocument, SentKind
from store.tables.inbox import inbound_messages
from store.tables.sending import sent_documents

_KEYS_AT_ONCE = 100  # a References header longer than this names old mails first


class SqlSentDocuments:
    """`domain.sending.sent.SentDocuments` on the session of a unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, sent: SentDocument) -> None:
        """Keep a document sent (its id is set)."""
        values = {
            "order_code": sent.order_code,
            "kind": sent.kind.value,
            "document_code": sent.document_code,
            "recipient": sent.recipient,
            "message_key": sent.message_key,
            "sent_at": sent.sent_at,
            "actor": sent.actor[:120],
        }
        inserted = sent_documents.insert().values(**values).returning(sent_documents.c.id)
        sent.id = self.session.execute(inserted).scalar_one()

    def of_order(self, order_code: str) -> list[SentDocument]:
        """The documents sent of an order, oldest first."""
        t = sent_documents.c
        query = select(sent_documents).where(t.order_code == order_code).order_by(t.id)
        return [_sent(row) for row in self.session.execute(query).mappings()]

    def by_keys(self, keys: Iterable[str]) -> SentDocument | None:
        """The latest document whose mail has one of these keys."""
        wanted = list(dict.fromkeys(keys))[-_KEYS_AT_ONCE:]
        if not wanted:
            return None
        t = sent_documents.c
        query = select(sent_documents).where(t.message_key.in_(wanted)).order_by(t.id.desc())
        row = self.session.execute(query.limit(1)).mappings().first()
        return _sent(row) if row is not None else None

    def accept(self, sent: SentDocument, at: datetime, reply_id: str) -> bool:
        """Mark a quote accepted unless it already was (one statement: two readers of the
        same yes cannot both win)."""
        t = sent_documents.c
        done = self.session.execute(
            update(sent_documents)
            .where(t.id == sent.id, t.accepted_at.is_(None))
            .values(accepted_at=at, accepted_by=reply_id[:255])
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        sent.accepted_at, sent.accepted_by = at, reply_id
        return True

    def thread_of(self, order_code: str) -> list[tuple[datetime, str]]:
        """The customer's mails about an order (received, Message-ID), oldest first."""
        t = inbound_messages.c
        query = (
            select(t.received_at, t.message_id)
            .where(t.order_code == order_code)
            .order_by(t.received_at, t.id)
        )
        return [(at, mid) for at, mid in self.session.execute(query)]


def _sent(row: Any) -> SentDocument:
    return SentDocument(
        order_code=row["order_code"],
        kind=SentKind(row["kind"]),
        document_code=row["document_code"],
        recipient=row["recipient"],
        message_key=row["message_key"],
        sent_at=row["sent_at"],
        actor=row["actor"],
        accepted_at=row["accepted_at"],
        accepted_by=row["accepted_by"],
        id=row["id"],
    )
