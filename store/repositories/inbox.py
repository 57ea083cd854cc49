"""The inbox's storage: handled messages (in the unit of work) and the listener's state.

`InboundRepository` works in the command's session, so a message's record commits with
the order it made; it writes with Core (one multi-row insert per batch) because the
inbox handles hundreds of mails a second: the records keyed by `MailKey`, answers and
tracking links (the batch's new orders go through `orders.add_new`, the same bulk writer
as the subscription job's). `InboxStateStore` is the listener's own memory (folder
position, failed attempts, quarantined bytes), written in short transactions of its
own, outside any command.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Engine, Table, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from domain.customers import identity
from domain.customers.contacts import Contact
from domain.customers.customer import Customer
from domain.errors import ConcurrencyConflict
from domain.inbox.mail import Failure, FolderState, InboundRecord, MailKey
from domain.orders.tracking import TrackingToken
from domain.outbox.messages import OutboxMessage
from store.bulk import insert_objects
from store.repositories.notifications import mark_outbox_written
from store.tables.core import contacts, customers, outbox
from store.tables.inbox import inbound_messages, inbox_failures, inbox_folders
from store.tables.notifications import tracking_tokens

_CHUNK = 500  # keys per IN (...) query: far below every database's parameter limit


class InboundRepository:
    """Handled messages by key, in the command's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_messages(self, messages: Sequence[OutboxMessage]) -> None:
        """Queue outbox messages (answers, rep alerts) in bulk, in this transaction."""
        if not messages:
            return
        try:
            insert_objects(self.session, outbox, messages)
        except IntegrityError:
            raise ConcurrencyConflict("An outbox message") from None
        mark_outbox_written(self.session)

    def add_links(self, tokens: Sequence[TrackingToken]) -> None:
        """Store new orders' tracking links in bulk, in this transaction."""
        try:
            insert_objects(self.session, tracking_tokens, tokens)
        except IntegrityError:
            raise ConcurrencyConflict("A tracking link") from None

    def recorded(self, message_ids: Iterable[str]) -> list[MailKey]:
        """The keys of every handled mail with one of these Message-IDs."""
        wanted = list(dict.fromkeys(message_ids))
        found: list[MailKey] = []
        t = inbound_messages.c
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            query = select(t.message_id, t.sender_key, t.content_hash).where(
                t.message_id.in_(chunk)
            )
            found += [MailKey(*row) for row in self.session.execute(query)]
        return found

    def add_many(self, records: Sequence[InboundRecord]) -> None:
        """Insert handled messages; a key already there fails the transaction (a race)."""
        if not records:
            return
        rows = [
            {
                "message_id": r.key.message_id,
                "sender_key": r.key.sender,
                "content_hash": r.key.content,
                "received_at": r.received_at,
                "sender": r.sender,
                "subject": r.subject,
                "outcome": r.outcome,
                "reason": r.reason,
                "customer_code": r.customer_code,
                "order_code": r.order_code,
                "answered": r.answered,
                "folder": r.folder,
                "uid": r.uid,
            }
            for r in records
        ]
        # Flushed ORM work first keeps the statements in the order the service made them.
        self.session.flush()
        try:
            self.session.execute(insert(inbound_messages), rows)
        except IntegrityError:
            # another reader (a second folder, a second process) handled one of these
            # mails first: the bus runs the batch again, and it finds them known
            raise ConcurrencyConflict("The same mail") from None

    def senders(self, addresses: Iterable[str]) -> dict[str, Customer]:
        """The one customer holding each address (by its `identity.email_key`), in one
        query for a whole batch; an address several customers share is left out."""
        wanted = sorted({identity.email_key(a) for a in addresses})[:_CHUNK]
        if not wanted:
            return {}
        key = contacts.c.email_key
        query = (
            select(Customer, key)
            .join(Contact, contacts.c.customer_id == customers.c.id)
            .where(key.in_(wanted))
            .order_by(customers.c.id)
            .options(lazyload(cast(Any, Customer).notes))  # a mail order never reads them
        )
        found: dict[str, list[Customer]] = {}
        for customer, address in self.session.execute(query):
            holders = found.setdefault(address, [])
            if customer not in holders:
                holders.append(customer)
        return {address: held[0] for address, held in found.items() if len(held) == 1}

    def deferred(self) -> AbstractContextManager[None]:
        """No autoflush: a batch of 50 orders is written at commit, not before each query."""
        return _no_autoflush(self.session)

    def answers_since(self, senders: Iterable[str], since: datetime) -> dict[str, int]:
        """How many answers went to each of these senders since `since` (absent: none)."""
        wanted = sorted(set(senders))[:_CHUNK]
        if not wanted:
            return {}
        t = inbound_messages.c
        query = (
            select(t.sender, func.count())
            .where(t.sender.in_(wanted), t.received_at >= since, t.answered.is_(True))
            .group_by(t.sender)
        )
        return {str(sender): int(n) for sender, n in self.session.execute(query)}

    def stranger_answers_since(self, since: datetime) -> int:
        """How many answers went to senders no customer has since `since`, in all."""
        t = inbound_messages.c
        query = select(func.count()).where(
            t.received_at >= since, t.answered.is_(True), t.customer_code.is_(None)
        )
        return int(self.session.scalar(query) or 0)

    def order_of(self, message_ids: Iterable[str]) -> str | None:
        """The order made by one of these messages (a reply on its thread), if any."""
        wanted = list(dict.fromkeys(message_ids))[:_CHUNK]
        if not wanted:
            return None
        t = inbound_messages.c
        query = (
            select(t.order_code)
            .where(t.message_id.in_(wanted), t.order_code.is_not(None))
            .order_by(t.id.desc())
            .limit(1)
        )
        code: str | None = self.session.scalar(query)
        return code


@contextmanager
def _no_autoflush(session: Session) -> Iterator[None]:
    with session.no_autoflush:
        yield


def _update_or_insert(
    conn: Connection,
    table: Table,
    where: tuple[ColumnElement[bool], ...],
    values: dict[str, Any],
    key_values: dict[str, Any],
) -> None:
    """Update the row `where` selects, or insert it with `key_values` too.

    Only the leading listener writes these rows, so the two statements cannot race.
    """
    if conn.execute(update(table).where(*where).values(values)).rowcount == 0:
        conn.execute(insert(table).values({**key_values, **values}))


class InboxStateStore:
    """The listener's position per folder, failed attempts and quarantined bytes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(self, folder: str) -> FolderState | None:
        """The saved position in `folder`, or None the first time."""
        t = inbox_folders.c
        with self.engine.connect() as conn:
            row = conn.execute(select(t.uidvalidity, t.last_uid).where(t.folder == folder)).first()
        return None if row is None else FolderState(int(row[0]), int(row[1]))

    def save(self, folder: str, state: FolderState) -> None:
        """Remember the position in `folder`."""
        t = inbox_folders.c
        values = {
            "uidvalidity": state.uidvalidity,
            "last_uid": state.last_uid,
            "updated_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            _update_or_insert(
                conn, inbox_folders, (t.folder == folder,), values, {"folder": folder}
            )

    def record_failure(
        self, folder: str, uidvalidity: int, uid: int, error: str, at: datetime
    ) -> int:
        """Count one more failed attempt at a message; returns the attempts so far."""
        t = inbox_failures.c
        where = (t.folder == folder, t.uidvalidity == uidvalidity, t.uid == uid)
        with self.engine.begin() as conn:
            attempts = conn.scalar(select(t.attempts).where(*where))
            if attempts is None:
                conn.execute(
                    insert(inbox_failures).values(
                        folder=folder,
                        uidvalidity=uidvalidity,
                        uid=uid,
                        attempts=1,
                        last_error=error[:2000],
                        failed_at=at,
                    )
                )
                return 1
            conn.execute(
                update(inbox_failures)
                .where(*where)
                .values(attempts=attempts + 1, last_error=error[:2000], failed_at=at)
            )
            return int(attempts) + 1

    def failures(self, folder: str, uidvalidity: int) -> dict[int, Failure]:
        """The messages of `folder` that failed and are not quarantined, by UID."""
        t = inbox_failures.c
        query = select(t.uid, t.attempts, t.failed_at).where(
            t.folder == folder, t.uidvalidity == uidvalidity, t.quarantined_at.is_(None)
        )
        with self.engine.connect() as conn:
            return {int(u): Failure(int(n), at) for u, n, at in conn.execute(query)}

    def keep_quarantined(
        self, folder: str, uidvalidity: int, uid: int, raw: bytes, reason: str, at: datetime
    ) -> None:
        """Keep the raw bytes of a quarantined message."""
        t = inbox_failures.c
        where = (t.folder == folder, t.uidvalidity == uidvalidity, t.uid == uid)
        first = {
            "folder": folder,
            "uidvalidity": uidvalidity,
            "uid": uid,
            "attempts": 0,
            "last_error": reason[:2000],
            "failed_at": at,
        }
        with self.engine.begin() as conn:
            _update_or_insert(
                conn, inbox_failures, where, {"raw": raw, "quarantined_at": at}, first
            )

    def quarantined(self) -> list[tuple[str, int, bytes]]:
        """Every quarantined message as (folder, uid, raw bytes), oldest first."""
        t = inbox_failures.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.folder, t.uid, t.raw)
                .where(t.quarantined_at.is_not(None))
                .order_by(t.quarantined_at)
            ).all()
        return [(str(r[0]), int(r[1]), bytes(r[2] or b"")) for r in rows]
