"""Database engines: SQLite (WAL, busy timeout, writers serialised) and PostgreSQL.

SQLite: every write transaction starts with BEGIN IMMEDIATE, so concurrent writers
queue on the busy timeout instead of failing with "database is locked" when a reader
tries to upgrade its lock; read-only units of work use a plain BEGIN and never block.

Both: a connection going back to the pool leaves no transaction open (`_rolled_back_on_return`),
so a failed command, import, mail batch or job batch never keeps the SQLite writer lock or
PostgreSQL row locks after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import PoolResetState

READONLY = "orderbot_readonly"
SQLITE_BUSY_SECONDS = 60


class DatabaseUnreachable(Exception):
    """The database cannot be opened; `reason` is what the driver or the system said."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def reachable(engine: Engine) -> Engine:
    """`engine` once one connection opened, else DatabaseUnreachable: a server that does
    not answer, a SQLite file that is no database."""
    try:
        with engine.connect():
            return engine
    except DBAPIError as error:
        engine.dispose()
        raise DatabaseUnreachable(str(error.orig or error).strip().splitlines()[0]) from error


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`, creating the SQLite file's folder when needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return _rolled_back_on_return(create_engine(url, **kwargs))


def _sqlite_engine(url: str, database: str | None, **kwargs: Any) -> Engine:
    if database and database != ":memory:":
        folder = Path(database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnreachable(f"{folder}: {error.strerror}") from error
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so that BEGIN IMMEDIATE is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get(READONLY, False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return _rolled_back_on_return(engine)


def _rolled_back_on_return(engine: Engine) -> Engine:
    """Every connection handed back to the pool with its transaction rolled back.

    SQLAlchemy skips the pool's rollback when the Connection says it ended its
    transaction itself; but when something other than a driver error is raised while it
    commits (a warning turned into an error, a listener's exception), it marks the
    transaction ended without a COMMIT or ROLLBACK reaching the driver. The connection
    then goes back to the pool still inside BEGIN IMMEDIATE: every other connection gets
    "database is locked", and this one "cannot start a transaction within a transaction".
    Both drivers' rollback does nothing when no transaction is open, so asking costs no
    round trip; a rollback that fails makes the pool discard the connection.
    """

    @event.listens_for(engine.pool, "reset")
    def _on_reset(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
        if state.transaction_was_reset and not state.terminate_only:
            dbapi_connection.rollback()

    return engine


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"
