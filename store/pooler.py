"""Is this a real PostgreSQL session, or a transaction-pooling pooler in front of one?

Behind PgBouncer in transaction mode a client connection gets some server connection
per transaction, so a session advisory lock taken in one transaction belongs to a
server connection the next transaction may not get; leaders would then run twice, or
never let go. `session_locks_survive` takes a throwaway advisory lock on connection A,
then opens a transaction on connection B (a pooler in transaction mode hands B the
server connection A just used, since it is free between A's transactions) and asks on
A whether A's backend still holds the lock. On a direct or session-pooled connection A
keeps its backend and sees its lock; behind a transaction pooler it sees another backend
or has to wait for B's transaction, which counts as pooled too.
"""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from sqlalchemy import Connection, Engine, text

PROBE_NAMESPACE = 0x0B08  # never an orderbot leader lock (those use 0x0B07)

_TAKE = text("SELECT pg_backend_pid(), pg_try_advisory_lock(:ns, :key)")
_HELD = text(
    "SELECT pg_backend_pid(), EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
    " AND pid = pg_backend_pid() AND granted AND classid = CAST(:ns AS oid)"
    " AND objid = CAST(:key AS oid) AND objsubid = 2)"
)


def session_locks_survive(engine: Engine, wait_seconds: float = 3.0) -> bool:
    """True when a session advisory lock stays with this connection across transactions."""
    params = {"ns": PROBE_NAMESPACE, "key": secrets.randbelow(2**31 - 1) + 1}
    with engine.connect() as a, engine.connect() as b:
        a = a.execution_options(isolation_level="AUTOCOMMIT")
        pid, taken = a.execute(_TAKE, params).one()
        if not taken:
            return False
        try:
            return _still_held(a, b, pid, params, wait_seconds)
        finally:
            # Behind a pooler this may unlock nothing: the key is random and private.
            a.execute(text("SELECT pg_advisory_unlock(:ns, :key)"), params)


def _still_held(
    a: Connection, b: Connection, pid: int, params: dict[str, int], wait_seconds: float
) -> bool:
    b.execute(text("SELECT 1"))  # B's transaction is open now (autobegin) and stays so
    with ThreadPoolExecutor(1) as pool:
        asked = pool.submit(lambda: a.execute(_HELD, params).one())
        try:
            same_pid, held = asked.result(timeout=wait_seconds)
        except FutureTimeout:
            b.rollback()  # A waited for B's server connection: lets A go on, then judge
            asked.result()
            return False
        finally:
            b.rollback()
    return bool(held) and same_pid == pid
