"""Bulk insert of new objects the domain made: one Core executemany per table.

Owns writing new orders (`NewOrder`, made by the order factory for a batch of many:
the mail intake, the subscription job) as rows of orders, order_lines, shipments,
shipment_lines, timeline and notifications, and flat objects such as outbox messages
(`insert_objects`). Column names come from the ORM mapping of the domain classes and
every field the order does not give takes its dataclass default, so a column mapped
later is written here too, and a bulk-written order reads back equal to one the ORM
wrote (tests/integration/orders/test_order_doors.py holds the doors equal).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, inspect, select
from sqlalchemy.orm import Session

from domain.orders.creation import NewOrder
from domain.orders.documents import Notification, TimelineEntry
from domain.orders.lines import OrderLine
from domain.orders.order import SalesOrder
from domain.orders.shipments import Shipment, ShipmentLine
from domain.texts import Text as Sentence
from store.tables import core as t
from store.tables.types import sentence_json

# Keys every table takes from its parent rather than from the object.
_PARENT_KEYS = frozenset({"id", "order_id", "shipment_id"})


_COLUMNS: dict[type, tuple[tuple[str, str], ...]] = {}
_FIELDS: dict[type, tuple[tuple[str, str, Any], ...]] = {}
_REQUIRED = object()  # the default of a field without one (the values always give it)


def _columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, column name) of a mapped class, ids and parent keys left out."""
    if cls not in _COLUMNS:
        attrs: Any = inspect(cls).column_attrs
        found = [(p.key, p.columns[0].key) for p in attrs]
        _COLUMNS[cls] = tuple((key, name) for key, name in found if name not in _PARENT_KEYS)
    return _COLUMNS[cls]


def _fields(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, column name, default) of a mapped domain class's columns."""
    if cls not in _FIELDS:
        defaults = {f.name: f.default for f in dataclasses.fields(cls)}
        _FIELDS[cls] = tuple(
            (key, name, _REQUIRED if defaults[key] is dataclasses.MISSING else defaults[key])
            for key, name in _columns(cls)
        )
    return _FIELDS[cls]


def row_values(obj: Any) -> dict[str, Any]:
    """The object's mapped column values, by column name (ids and parent keys left out)."""
    return {name: getattr(obj, key) for key, name in _columns(type(obj))}


def _row(cls: type, fields: Mapping[str, Any], **parent: int) -> dict[str, Any]:
    """The row of an object of `cls` with these fields (the others at their dataclass
    defaults) under its parent's key."""
    get = fields.get
    row = {name: get(key, default) for key, name, default in _fields(cls)}
    row.update(parent)
    return row


def insert_new_orders(session: Session, orders: Sequence[NewOrder]) -> None:
    """Insert new orders with their lines, first shipments, timeline and notifications."""
    if not orders:
        return
    ids = _insert_with_ids(session, t.orders, [_row(SalesOrder, o.header) for o in orders])
    pairs = list(zip(ids, orders, strict=True))
    shipment_ids = _insert_with_ids(
        session, t.shipments, [_row(Shipment, o.shipment, order_id=i) for i, o in pairs]
    )
    _children(session, t.order_lines, "order_id", OrderLine, [(i, o.lines) for i, o in pairs])
    _children(
        session,
        t.shipment_lines,
        "shipment_id",
        ShipmentLine,
        [(i, o.shipment_lines) for i, o in zip(shipment_ids, orders, strict=True)],
    )
    said = _Said()
    timeline = [(i, tuple(said.entry(e) for e in o.timeline)) for i, o in pairs]
    _children(session, t.timeline, "order_id", TimelineEntry, timeline)
    _children(
        session, t.notifications, "order_id", Notification, [(i, o.notifications) for i, o in pairs]
    )


class _Said:
    """The JSON text of each timeline sentence, made once per sentence of a batch: the
    orders of a mail batch or a subscription run mostly say the same ("Order created
    (email) with 2 line(s).")."""

    def __init__(self) -> None:
        self._json: dict[object, str] = {}

    def entry(self, fields: Mapping[str, Any]) -> Mapping[str, Any]:
        """The entry's fields with its sentence as JSON text (what `SentenceJson` keeps)."""
        sentence = fields.get("sentence")
        if not isinstance(sentence, Sentence):
            return fields
        return {**fields, "sentence": self._text(sentence)}

    def _text(self, sentence: Sentence) -> str:
        try:
            key = _key(sentence)
            hash(key)
        except TypeError:  # a value that cannot be a key: said as it is
            return sentence_json(sentence)
        if key not in self._json:
            self._json[key] = sentence_json(sentence)
        return self._json[key]


def _key(value: object) -> object:
    """A sentence as a key (a sentence inside it, the door's word, as its own key)."""
    if isinstance(value, Sentence):
        params = tuple((name, _key(v)) for name, v in value.params.items())
        return (Sentence, value.msgid, value.plural, value.n, params)
    return (type(value), value)


def _children(
    session: Session,
    table: Table,
    parent: str,
    cls: type,
    groups: list[tuple[int, tuple[Mapping[str, Any], ...]]],
) -> None:
    rows = [_row(cls, x, **{parent: i}) for i, group in groups for x in group]
    _many(session, table, rows)


def insert_objects(session: Session, table: Table, objects: Sequence[Any]) -> None:
    """Insert new flat mapped objects (outbox messages...) in one executemany; no ids back."""
    _many(session, table, [row_values(o) for o in objects])


def _insert_with_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their ids in order.

    SQLite: the write transaction (BEGIN IMMEDIATE) excludes every other writer, so the
    ids after max(id) are ours to give, and a plain executemany runs in C (SQLAlchemy
    would send one INSERT ... RETURNING per row to keep the order). PostgreSQL: batched
    INSERT ... RETURNING in parameter order.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name == "sqlite":
        first = int(session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        for row, i in zip(rows, ids, strict=True):
            row["id"] = i
        session.execute(insert(table), rows)
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows).all())


def _many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table), rows)
