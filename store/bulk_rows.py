"""Rows inserted the fast way: one prepared INSERT per table and column list, values as tuples.

Owns the mechanics under the bulk writer (`store.bulk`): the INSERT text of a table's
columns in the driver's own parameter style, the columns' bind processors (the same
conversions SQLAlchemy applies: Money as text on SQLite, enums as their values, dates),
both worked out once per dialect, table and column list; and ids for new parent rows
given before they are written, so parents and children alike go in one plain
executemany each. Through `insert(table)` SQLAlchemy builds a parameter dictionary per
row and, with RETURNING on PostgreSQL, multi-row statements too long for psycopg's
query cache, parsed again for every thousand rows: most of the subscription job's time
(bench/subscriptions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.engine import Dialect


@dataclass(frozen=True)
class _Prepared:
    """An INSERT of some columns of a table, and the processors binding their values."""

    sql: str
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, processor)


_PREPARED: dict[tuple[str, str, tuple[str, ...]], _Prepared] = {}


def _prepared(dialect: Dialect, table: Table, names: tuple[str, ...]) -> _Prepared:
    key = (dialect.name, table.name, names)
    if key not in _PREPARED:
        quote = dialect.identifier_preparer
        columns = ", ".join(quote.format_column(table.c[name]) for name in names)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        sql = (
            f"INSERT INTO {quote.format_table(table)} ({columns}) "
            f"VALUES ({', '.join([mark] * len(names))})"
        )
        processors = (table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names)
        converted = tuple((i, p) for i, p in enumerate(processors) if p is not None)
        _PREPARED[key] = _Prepared(sql, converted)
    return _PREPARED[key]


def insert_rows(
    conn: Connection, table: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows of domain values, each in the order of `names`, in one executemany."""
    if not rows:
        return
    prepared = _prepared(conn.dialect, table, tuple(names))
    # Column by column: only the columns with a processor are touched, and None, which
    # every processor keeps as None (NULL), is not sent through one.
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, process in prepared.converted:
        columns[i] = [None if v is None else process(v) for v in columns[i]]
    conn.exec_driver_sql(prepared.sql, list(zip(*columns, strict=True)))


def new_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """Ids for `count` new rows of `table`, ascending, none of them another writer's.

    SQLite: the write transaction (BEGIN IMMEDIATE) excludes every other writer, so the
    ids after max(id) are ours to give. PostgreSQL: taken from the id column's sequence
    in one statement, as its own INSERTs would take them.
    """
    if count <= 0:
        return []
    if conn.dialect.name == "sqlite":
        first = int(conn.scalar(select(func.max(table.c.id))) or 0) + 1
        return list(range(first, first + count))
    taken = conn.execute(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
        {"table": table.name, "n": count},
    )
    return sorted(int(i) for i in taken.scalars())
