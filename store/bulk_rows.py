"""Rows written the fast way: one prepared INSERT or UPDATE per table and column list,
values as tuples.

Owns the mechanics under the bulk writers (`store.bulk`, the subscription job's updates
in `store.repositories.jobs`): the statement text of a table's
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


_PREPARED: dict[tuple[str, str, tuple[str, ...], int], _Prepared] = {}


def _prepared(dialect: Dialect, table: Table, names: tuple[str, ...], where: int = 0) -> _Prepared:
    """INSERT of `names`; or with `where` > 0, UPDATE of the first names where the last
    `where` of them are equal."""
    key = (dialect.name, table.name, names, where)
    if key not in _PREPARED:
        quote = dialect.identifier_preparer
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        quoted = [quote.format_column(table.c[name]) for name in names]
        if where:
            sets = ", ".join(f"{q} = {mark}" for q in quoted[:-where])
            keys = " AND ".join(f"{q} = {mark}" for q in quoted[-where:])
            sql = f"UPDATE {quote.format_table(table)} SET {sets} WHERE {keys}"
        else:
            sql = (
                f"INSERT INTO {quote.format_table(table)} ({', '.join(quoted)}) "
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
    if rows:
        _execute(conn, _prepared(conn.dialect, table, tuple(names)), rows)


def update_rows(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    keys: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> int:
    """Set `names` of the rows whose `keys` are equal, each row the values of `names` then
    of `keys`, in one executemany; how many rows changed (-1: the driver cannot tell)."""
    if not rows:
        return 0
    prepared = _prepared(conn.dialect, table, (*names, *keys), len(keys))
    result = _execute(conn, prepared, rows)
    return result.rowcount if conn.dialect.supports_sane_multi_rowcount else -1


def _execute(conn: Connection, prepared: _Prepared, rows: Sequence[Sequence[Any]]) -> Any:
    # Column by column: only the columns with a processor are touched, and None, which
    # every processor keeps as None (NULL), is not sent through one.
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, process in prepared.converted:
        columns[i] = [None if v is None else process(v) for v in columns[i]]
    return conn.exec_driver_sql(prepared.sql, list(zip(*columns, strict=True)))


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
