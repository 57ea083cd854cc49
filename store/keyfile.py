"""The key that signs tracking links when SECRET_KEY is not set: a file beside the database.

Every process that opens the same SQLite file (the service, `orderbot` commands run
from any folder) finds the same `secret.key` in the database file's folder, made once
(random, mode 0600) by whichever comes first. An in-memory database lives only as long
as its process, and so does its key. PostgreSQL has no folder every process shares:
there the key must come from SECRET_KEY (`orderbot run` refuses to start without it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

KEY_FILE = "secret.key"


def key_path(database_url: str) -> Path | None:
    """Where the key of a SQLite database file lives; None for other databases."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).parent / KEY_FILE


def database_key(database_url: str) -> bytes | None:
    """The key beside a SQLite file (made on first use), a fresh one for an in-memory
    SQLite database, or None for PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    path = key_path(database_url)
    if path is None:
        return secrets.token_hex(32).encode("ascii")
    if not path.exists():
        _make(path)
    return path.read_text(encoding="ascii").strip().encode("ascii")


def _make(path: Path) -> None:
    """Write a new key under a temporary name, then link it into place: a process that
    finds the file finds it whole, and of two made at once only the first is kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process made it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)
