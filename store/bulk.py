"""Bulk insert of new objects the domain made: one executemany per table.

Owns writing new orders (`NewOrder`, made by the order factory for a batch of many:
the mail intake, the subscription job) as rows of orders, order_lines, shipments,
shipment_lines, timeline and notifications, and flat objects such as outbox messages
(`insert_objects`). Column names come from the ORM mapping of the domain classes and
every field the order does not give takes its dataclass default, so a column mapped
later is written here too, and a bulk-written order reads back equal to one the ORM
wrote (tests/integration/orders/test_order_doors.py holds the doors equal). The
orders' rows go as tuples through `store.bulk_rows`, their ids given beforehand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert, inspect
from sqlalchemy.orm import Session

from domain.orders.creation import NewOrder
from domain.orders.documents import Notification, TimelineEntry
from domain.orders.lines import OrderLine
from domain.orders.order import SalesOrder
from domain.orders.shipments import Shipment, ShipmentLine
from domain.texts import Text as Sentence
from store.bulk_rows import insert_rows, new_ids
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


def insert_new_orders(session: Session, orders: Sequence[NewOrder]) -> None:
    """Insert new orders with their lines, first shipments, timeline and notifications."""
    if not orders:
        return
    conn = session.connection()
    ids = new_ids(conn, t.orders, len(orders))
    pairs = list(zip(ids, orders, strict=True))
    _insert(conn, t.orders, SalesOrder, ("id",), [((i,), o.header) for i, o in pairs])
    shipment_ids = new_ids(conn, t.shipments, len(orders))
    shipments = [((s, i), o.shipment) for s, (i, o) in zip(shipment_ids, pairs, strict=True)]
    _insert(conn, t.shipments, Shipment, ("id", "order_id"), shipments)
    lines = [((i,), x) for i, o in pairs for x in o.lines]
    _insert(conn, t.order_lines, OrderLine, ("order_id",), lines)
    shipped = [
        ((s,), x) for s, o in zip(shipment_ids, orders, strict=True) for x in o.shipment_lines
    ]
    _insert(conn, t.shipment_lines, ShipmentLine, ("shipment_id",), shipped)
    said = _Said()
    timeline = [((i,), said.entry(x)) for i, o in pairs for x in o.timeline]
    _insert(conn, t.timeline, TimelineEntry, ("order_id",), timeline)
    notes = [((i,), x) for i, o in pairs for x in o.notifications]
    _insert(conn, t.notifications, Notification, ("order_id",), notes)


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
        context = getattr(value, "context", None)  # one word, two translations
        return (Sentence, value.msgid, value.plural, value.n, context, params)
    return (type(value), value)


def _insert(
    conn: Connection,
    table: Table,
    cls: type,
    keys: tuple[str, ...],
    items: Sequence[tuple[tuple[int, ...], Mapping[str, Any]]],
) -> None:
    """Rows of objects of `cls` given as fields (the others at their dataclass defaults),
    each after its keys (its own id, its parent's)."""
    fields = _fields(cls)
    names = (*keys, *(name for _, name, _ in fields))
    defaults = {key: default for key, _, default in fields}
    values = _getter(tuple(defaults))
    rows = [(*ids, *values({**defaults, **f})) for ids, f in items]
    insert_rows(conn, table, names, rows)


def _getter(keys: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """The values of these keys of a mapping, as a tuple (even of one key)."""
    if len(keys) == 1:
        return lambda m: (m[keys[0]],)
    return itemgetter(*keys)


def insert_objects(session: Session, table: Table, objects: Sequence[Any]) -> None:
    """Insert new flat mapped objects (outbox messages...) in one executemany; no ids back."""
    _many(session, table, [row_values(o) for o in objects])


def _many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table), rows)
