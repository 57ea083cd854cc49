"""Store side of notifications: tracking links, the relay's outbox queue, the page's read view.

- `TrackingTokenRepository`: the links of an order, inside a command's unit of work.
- `SqlOutboxQueue`: claims due rows in a short transaction of its own (PostgreSQL:
  `FOR UPDATE SKIP LOCKED`, so two relays never take the same row; SQLite: under the
  write lock that `BEGIN IMMEDIATE` takes), and settles outcomes in one statement.
- `SqlTrackingView`: the tracking page's data, read in a read-only transaction.
- `watch_new_messages`: calls back after a commit that wrote outbox rows (the relay's
  wake-up), so a notification leaves at once instead of at the next poll.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.orders.summary import order_summary
from domain.orders.tracking import TrackingToken, looks_like_token, token_hash
from domain.outbox.messages import Channel, OutboxMessage, OutboxStatus
from domain.outbox.queue import Settlement
from store.engine import is_sqlite
from store.tables import core as t
from store.tables.notifications import tracking_tokens
from store.tables.types import UtcDateTime

if TYPE_CHECKING:
    from store.uow import SqlUnitOfWork

_FIELDS = [c.name for c in t.outbox.columns]
NOT_DUE_YET = datetime.min.replace(tzinfo=UTC)


class TrackingTokenRepository:
    """Tracking links of orders, in the command's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, token: TrackingToken) -> None:
        """A new link."""
        self.session.add(token)

    def of_order(self, order_code: str) -> Sequence[TrackingToken]:
        """Every link of an order, oldest first."""
        query = (
            select(TrackingToken)
            .where(tracking_tokens.c.order_code == order_code)
            .order_by(tracking_tokens.c.id)
        )
        return self.session.scalars(query).all()


def dead_messages(session: Session, limit: int, since: datetime | None) -> list[OutboxMessage]:
    """Dead outbox rows, newest first (used by OutboxRepository.dead)."""
    query = select(OutboxMessage).where(t.outbox.c.status == OutboxStatus.DEAD)
    if since is not None:
        query = query.where(t.outbox.c.created_at >= since)
    query = query.order_by(t.outbox.c.created_at.desc(), t.outbox.c.id.desc()).limit(limit)
    return list(session.scalars(query).all())


def _message(row: Any) -> OutboxMessage:
    data = dict(row)
    data["channel"] = Channel(data["channel"])
    data["status"] = OutboxStatus(data["status"])
    return OutboxMessage(**data)


class SqlOutboxQueue:
    """The relay's port on the outbox table; each call is its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._skip_locked = not is_sqlite(engine)

    def claim(
        self, now: datetime, limit: int, channels: Collection[Channel], lease: timedelta
    ) -> list[OutboxMessage]:
        """Due pending rows of `channels`, oldest first, leased until now + lease."""
        if not channels or limit < 1:
            return []
        o = t.outbox.c
        query = (
            select(t.outbox)
            .where(
                o.status == OutboxStatus.PENDING,
                o.channel.in_([str(ch) for ch in channels]),
                (o.next_attempt_at.is_(None)) | (o.next_attempt_at <= now),
            )
            .order_by(o.created_at, o.id)
            .limit(limit)
        )
        if self._skip_locked:
            query = query.with_for_update(skip_locked=True)
        with self.engine.begin() as conn:
            rows = conn.execute(query).mappings().all()
            if rows:
                conn.execute(
                    update(t.outbox)
                    .where(o.id.in_([r["id"] for r in rows]))
                    .values(next_attempt_at=now + lease)
                )
        return [_message(r) for r in rows]

    def settle(self, settlements: Sequence[Settlement], now: datetime) -> None:
        """Record every outcome in one statement."""
        if not settlements:
            return
        statement = (
            update(t.outbox)
            .where(t.outbox.c.id == bindparam("b_id"))
            .values(
                status=bindparam("b_status"),
                attempts=bindparam("b_attempts"),
                next_attempt_at=bindparam("b_next", type_=UtcDateTime()),
                last_error=bindparam("b_error"),
                sent_at=bindparam("b_sent", type_=UtcDateTime()),
            )
        )
        params = [
            {
                "b_id": s.message_id,
                "b_status": str(s.status),
                "b_attempts": s.attempts,
                "b_next": s.next_attempt_at,
                "b_error": s.error[:2000],
                "b_sent": now if s.status == OutboxStatus.SENT else None,
            }
            for s in settlements
        ]
        with self.engine.begin() as conn:
            conn.execute(statement, params)

    def next_due(self, channels: Collection[Channel]) -> datetime | None:
        """When the earliest pending row is due; NOT_DUE_YET's opposite: a past time."""
        if not channels:
            return None
        o = t.outbox.c
        query = (
            select(o.next_attempt_at)
            .where(o.status == OutboxStatus.PENDING, o.channel.in_([str(c) for c in channels]))
            .order_by(o.next_attempt_at.asc().nulls_first())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        due: datetime | None = row[0]
        return due if due is not None else NOT_DUE_YET

    def dead(self, limit: int = 50, since: datetime | None = None) -> list[OutboxMessage]:
        """Dead rows, newest first."""
        o = t.outbox.c
        query = select(t.outbox).where(o.status == OutboxStatus.DEAD)
        if since is not None:
            query = query.where(o.created_at >= since)
        query = query.order_by(o.created_at.desc(), o.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_message(r) for r in conn.execute(query).mappings().all()]

    def add(self, message: OutboxMessage) -> None:
        """Queue one message in a transaction of its own (alerts for reps)."""
        values = {name: getattr(message, name) for name in _FIELDS if name not in ("id",)}
        values["channel"] = str(message.channel)
        values["status"] = str(message.status)
        try:
            with self.engine.begin() as conn:
                key = conn.execute(insert(t.outbox).values(**values)).inserted_primary_key
        except IntegrityError:
            return  # a message with the same key is already queued: once is enough
        message.id = key[0] if key else None


class SqlTrackingView:
    """The tracking page's data, read-only; summaries are reused while the order's version
    stays the same (every command that touches an order bumps it), so a page polled every
    few seconds costs one small query instead of loading the whole aggregate."""

    def __init__(self, uow: Callable[[bool], SqlUnitOfWork], cache_size: int = 1000) -> None:
        self.uow = uow
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[int, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, token: str, now: datetime) -> dict[str, Any] | None:
        """The order behind `token`, or None when unknown, revoked or expired."""
        if not looks_like_token(token):
            return None
        with self.uow(True) as uow:
            row = uow.session.execute(
                select(
                    tracking_tokens.c.order_code, tracking_tokens.c.expires_at, t.orders.c.version
                )
                .join(t.orders, t.orders.c.code == tracking_tokens.c.order_code)
                .where(
                    tracking_tokens.c.token_hash == token_hash(token),
                    tracking_tokens.c.revoked_at.is_(None),
                )
            ).first()
            if row is None or row.expires_at <= now:
                return None
            with self._lock:
                cached = self._cache.get(row.order_code)
            if cached is not None and cached[0] == row.version:
                return cached[1]
            order = uow.orders.find(row.order_code)
            if order is None:
                return None
            customer = uow.customers.find(order.customer_code)
            data = order_summary(order, customer)
        with self._lock:
            self._cache[row.order_code] = (row.version, data)
            self._cache.move_to_end(row.order_code)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return data


# --- wake-up after a commit that wrote outbox rows -------------------------------------

_watchers: WeakKeyDictionary[Engine, list[Callable[[], None]]] = WeakKeyDictionary()
_lock = threading.Lock()
_listening = False
_FLAG = "orderbot_outbox_written"


def mark_outbox_written(session: Session) -> None:
    """Outbox rows were inserted with Core in this session: wake the relay at commit."""
    session.info[_FLAG] = True


def _after_flush(session: Session, _context: Any) -> None:
    # `new` still lists what this flush inserted.
    if any(isinstance(obj, OutboxMessage) for obj in session.new):
        session.info[_FLAG] = True


def _after_commit(session: Session) -> None:
    if not session.info.pop(_FLAG, False):
        return
    bind = session.bind
    for callback in list(_watchers.get(bind, ())) if isinstance(bind, Engine) else ():
        callback()


def _after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_FLAG, None)


def watch_new_messages(engine: Engine, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback` (from the committing thread) after commits that queued messages."""
    global _listening
    with _lock:
        if not _listening:
            event.listen(Session, "after_flush", _after_flush)
            event.listen(Session, "after_commit", _after_commit)
            event.listen(Session, "after_soft_rollback", _after_rollback)
            _listening = True
        _watchers.setdefault(engine, []).append(callback)

    def unwatch() -> None:
        with _lock:
            callbacks = _watchers.get(engine, [])
            if callback in callbacks:
                callbacks.remove(callback)

    return unwatch
