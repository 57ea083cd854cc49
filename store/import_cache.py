"""What one process remembers of the import sessions it checked: rows and judgements.

Both caches are shortcuts for a confirmation made in the process that checked the file
(the CLI, one Slack worker); another process, or an entry pushed out, reads the session
from the database and judges it again. Entries are bounded by rows held, oldest first.

- Rows: a session's rows never change once checked (skips and verdicts are kept apart),
  so they need not be decoded again.
- Kept plans: the verdicts and write plan of a customer file, with what they were
  judged against (`KeptPlan`); the service reuses one only when that is unchanged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from domain.imports import StoredRow
from domain.imports_customers import KeptPlan

T = TypeVar("T")


class _BoundedCache(Generic[T]):
    """Entries by session id, least recently used dropped past `max_rows` rows held."""

    def __init__(self, size: Callable[[T], int], max_rows: int = 300_000) -> None:
        self.max_rows = max_rows
        self._size = size
        self._entries: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str) -> T | None:
        with self._lock:
            found = self._entries.get(session_id)
            if found is not None:
                self._entries.move_to_end(session_id)
            return found

    def put(self, session_id: str, entry: T) -> None:
        with self._lock:
            self._entries[session_id] = entry
            self._entries.move_to_end(session_id)
            while sum(map(self._size, self._entries.values())) > self.max_rows:
                self._entries.popitem(last=False)

    def drop(self, session_id: str) -> None:
        with self._lock:
            self._entries.pop(session_id, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


ROW_CACHE: _BoundedCache[Sequence[StoredRow]] = _BoundedCache(len)
PLAN_CACHE: _BoundedCache[KeptPlan] = _BoundedCache(lambda kept: len(kept.verdicts))
