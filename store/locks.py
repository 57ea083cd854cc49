"""Locks that die with their process: who leads the scheduler, which job is running.

PostgreSQL: a session-level advisory lock held on a dedicated connection; when the
process dies its connection closes and the server frees the lock, so another process
polling `acquire` takes over. SQLite: an flock on a file beside the database file (one
machine by nature); the kernel frees it when the process dies. An in-memory SQLite
database gets a lock private to the process.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import zlib
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from domain.jobs.ports import Lock

# First key of every orderbot advisory lock, so other applications' locks never clash.
ADVISORY_NAMESPACE = 0x0B07


def advisory_key(name: str) -> int:
    """A stable signed 32-bit key for a lock name."""
    value = zlib.crc32(name.encode())
    return value - (1 << 32) if value >= (1 << 31) else value


class PgAdvisoryLock:
    """pg_try_advisory_lock on a connection of its own, kept while the lock is held."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.name = name
        self.key = advisory_key(name)
        self._conn: Connection | None = None

    def acquire(self) -> bool:
        """Take the lock if no session holds it."""
        if self._conn is not None:
            return self.held()
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = conn.execute(
                text("SELECT pg_try_advisory_lock(:ns, :key)"),
                {"ns": ADVISORY_NAMESPACE, "key": self.key},
            ).scalar()
        except Exception:
            conn.invalidate()
            conn.close()
            raise
        if got:
            self._conn = conn
            return True
        conn.close()
        return False

    def held(self) -> bool:
        """Still ours: the connection answers (a dropped connection lost the lock)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
            return True
        except Exception:
            self._drop()
            return False

    def release(self) -> None:
        """Unlock and hand the connection back (discarded if it cannot unlock)."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute(
                text("SELECT pg_advisory_unlock(:ns, :key)"),
                {"ns": ADVISORY_NAMESPACE, "key": self.key},
            )
        except Exception:
            conn.invalidate()
        conn.close()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.invalidate()
            conn.close()


class FileLock:
    """An exclusive, non-blocking flock on `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock if no open file holds it (this process's other locks included)."""
        if self._file is not None:
            return True
        handle = self.path.open("ab")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self._file = handle
        return True

    def held(self) -> bool:
        """Held until released: only the process's death frees an flock otherwise."""
        return self._file is not None

    def release(self) -> None:
        """Unlock and close."""
        handle, self._file = self._file, None
        if handle is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()


_LOCAL: dict[str, threading.Lock] = {}


class LocalLock:
    """A lock private to this process (in-memory databases)."""

    def __init__(self, name: str) -> None:
        self._lock = _LOCAL.setdefault(name, threading.Lock())
        self._held = False

    def acquire(self) -> bool:
        """Take the lock if free."""
        if not self._held:
            self._held = self._lock.acquire(blocking=False)
        return self._held

    def held(self) -> bool:
        """Whether this object holds it."""
        return self._held

    def release(self) -> None:
        """Let go."""
        if self._held:
            self._held = False
            self._lock.release()


class LockFactory:
    """Makes the right kind of lock for the engine's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        url = make_url(str(engine.url.render_as_string(hide_password=False)))
        self.kind = engine.dialect.name
        database = url.database or ""
        self.base = (
            Path(database) if self.kind == "sqlite" and database not in ("", ":memory:") else None
        )

    def __call__(self, name: str) -> Lock:
        """A lock named `name` (not yet taken)."""
        if self.kind == "postgresql":
            return PgAdvisoryLock(self.engine, name)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        if self.base is not None:
            return FileLock(self.base.with_name(f"{self.base.name}.{safe}.lock"))
        return LocalLock(f"{self.engine.url}:{safe}")
