"""Threads of the order conversations (`order_threads`), in Core: the unit of work's
repository, and the Slack sender's stamps, each stamp a short transaction of its own."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import ConcurrencyConflict
from domain.orders.order import OrderStatus
from domain.threads.thread import ORDER_PREFIX, Thread
from store.tables.core import orders, outbox
from store.tables.threads import order_threads

# Our own Message-IDs (mail.outbound.render): an outbox row's, and an order's thread root.
_OUTBOX_ID = re.compile(r"^<?outbox-(\d{1,18})\.orderbot@", re.I)
_ROOT_ID = re.compile(r"^<?order-([\w-]{1,32})\.orderbot@", re.I)
# What `save` updates: the parent's channel and ts are the sender's (`ThreadStamps`), so a
# unit of work that read the thread before it was stamped cannot undo the stamp.
_FIELDS = ("customer_code", "owner", "last_message_id", "references", "subject")


def _thread(row: Any) -> Thread:
    return Thread(
        row.key,
        row.channel,
        row.customer_code,
        row.ts,
        row.owner or "",
        row.last_message_id or "",
        list(row.references or []),
        row.subject or "",
    )


class ThreadRepository:
    """Threads within the unit of work's transaction."""

    def __init__(self, session: Session, clock: Callable[[], datetime] | None = None) -> None:
        self.session = session
        self.clock = clock or (lambda: datetime.now(UTC))
        self._carded: set[str] = set()

    def find(self, key: str) -> Thread | None:
        """The thread with this key, or None."""
        row = self.session.execute(select(order_threads).where(order_threads.c.key == key)).first()
        return _thread(row) if row is not None else None

    def save(self, thread: Thread) -> None:
        """Insert the thread, or update the row of its key."""
        values = {name: getattr(thread, name) for name in _FIELDS}
        values["references"] = list(thread.references)
        t = order_threads
        done = self.session.execute(t.update().where(t.c.key == thread.key).values(**values))
        if done.rowcount:  # type: ignore[attr-defined]
            return
        insert = t.insert().values(
            key=thread.key,
            channel=thread.channel,
            ts=thread.ts,
            created_at=self.clock(),
            **values,
        )
        try:
            self.session.execute(insert)
        except IntegrityError:  # another process opened the same thread first: retried
            self.session.rollback()
            raise ConcurrencyConflict(f"The thread {thread.key}") from None

    def card_queued(self, key: str) -> bool:
        """Whether this unit of work queued a card update of the thread already (the
        first one shows the order as the command left it); marks it queued."""
        queued = key in self._carded
        self._carded.add(key)
        return queued

    def at(self, channel: str, ts: str) -> Thread | None:
        """The thread whose parent is message `ts` of `channel`."""
        t = order_threads
        row = self.session.execute(
            select(t).where(t.c.channel == channel, t.c.ts == ts).limit(1)
        ).first()
        return _thread(row) if row is not None else None

    def order_codes(self) -> Sequence[str]:
        """The codes of the orders with a thread that are confirmed (still to ship)."""
        t, o = order_threads, orders
        query = (
            select(o.c.code)
            .join(t, t.c.key == literal(ORDER_PREFIX) + o.c.code)
            .where(o.c.status.in_([OrderStatus.CONFIRMED, OrderStatus.CLOSED]))
            .order_by(o.c.id)
        )
        return [str(code) for code in self.session.scalars(query)]

    def of_order_mail(self, message_ids: Sequence[str]) -> str | None:
        """The order one of our own Message-IDs was sent about, the newest first."""
        ids: list[int] = []
        for message_id in reversed(list(message_ids)):
            if m := _ROOT_ID.match(message_id.strip()):
                return m[1].upper()
            if m := _OUTBOX_ID.match(message_id.strip()):
                ids.append(int(m[1]))
        if not ids:
            return None
        code: str | None = self.session.scalar(
            select(outbox.c.order_code)
            .where(outbox.c.id.in_(ids[:50]), outbox.c.order_code.is_not(None))
            .order_by(outbox.c.id.desc())
            .limit(1)
        )
        return code


class ThreadStamps:
    """The Slack sender's view: read and record the parents' ts, each in its own short
    transaction (the sender works outside any)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def ts_of(self, key: str) -> tuple[str, str] | None:
        """(channel, ts) of the thread's parent, None while not posted."""
        t = order_threads
        with self.engine.connect() as conn:
            row = conn.execute(select(t.c.channel, t.c.ts).where(t.c.key == key)).first()
        if row is None or not row.ts:
            return None
        return str(row.channel), str(row.ts)

    def stamp(self, key: str, channel: str, ts: str) -> None:
        """Record the parent's ts (and the channel id Slack answered with)."""
        t = order_threads
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.key == key).values(ts=ts, channel=channel))
