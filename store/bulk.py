"""Bulk insert of new objects the domain built: one Core executemany per table.

Owns turning fresh `SalesOrder` aggregates (made by `new_order`, never added to a
session) into rows of orders, order_lines, shipments, shipment_lines, timeline and
notifications, and inserting them. Row values come from the ORM mapping's own column
attributes, so a column mapped later is written here too, and a bulk-written order
reads back equal to one the ORM wrote (tests/integration/mail/test_inbox_batch.py holds the
two equal). Used by the mail intake, which writes a batch of orders (and of outbox
messages, `insert_objects`) per transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, insert, inspect, select
from sqlalchemy.orm import Session

from domain.orders.order import SalesOrder
from store.tables import core as t

# Keys every table takes from its parent rather than from the object.
_PARENT_KEYS = frozenset({"id", "order_id", "shipment_id"})


_COLUMNS: dict[type, tuple[tuple[str, str], ...]] = {}


def _columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, column name) of a mapped class, ids and parent keys left out."""
    if cls not in _COLUMNS:
        attrs: Any = inspect(cls).column_attrs
        found = [(p.key, p.columns[0].key) for p in attrs]
        _COLUMNS[cls] = tuple((key, name) for key, name in found if name not in _PARENT_KEYS)
    return _COLUMNS[cls]


def row_values(obj: Any) -> dict[str, Any]:
    """The object's mapped column values, by column name (ids and parent keys left out)."""
    return {name: getattr(obj, key) for key, name in _columns(type(obj))}


def insert_new_orders(session: Session, orders: Sequence[SalesOrder]) -> None:
    """Insert new orders with their lines, first shipments, timeline and notifications."""
    if not orders:
        return
    for order in orders:
        if order.invoices or order.work_orders or order.returns:
            raise ValueError(f"{order.code} is not a new order: it has documents")
    ids = _insert_with_ids(session, t.orders, [row_values(o) for o in orders])
    shipments = [(oid, s) for oid, o in zip(ids, orders, strict=True) for s in o.shipments]
    shipment_ids = _insert_with_ids(
        session, t.shipments, [{"order_id": oid, **row_values(s)} for oid, s in shipments]
    )
    pairs = list(zip(ids, orders, strict=True))
    _many(
        session,
        t.order_lines,
        [{"order_id": i, **row_values(x)} for i, o in pairs for x in o.lines],
    )
    _many(
        session,
        t.shipment_lines,
        [
            {"shipment_id": sid, **row_values(x)}
            for sid, (_, s) in zip(shipment_ids, shipments, strict=True)
            for x in s.lines
        ],
    )
    _many(
        session,
        t.timeline,
        [{"order_id": i, **row_values(x)} for i, o in pairs for x in o.timeline],
    )
    _many(
        session,
        t.notifications,
        [{"order_id": i, **row_values(x)} for i, o in pairs for x in o.notifications],
    )


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
        session.execute(insert(table), [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows).all())


def _many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table), rows)
