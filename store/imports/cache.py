"""What one process remembers of the import sessions it checked: rows and judgements.

Both caches are shortcuts for a confirmation made in the process that checked the file
(the CLI, one Slack worker); another process, or an entry pushed out, reads the session
from the database (its rows again from the file kept with it) and judges it again.
Entries are bounded by rows held, least recently used first, and by age: an entry not
used for `MAX_IDLE_SECONDS` goes, so a large file checked and never confirmed does not
stay in a running service's memory until other imports push it out.

- Rows: a session's rows never change once checked (skips and verdicts are kept apart),
  so they need not be read again.
- Kept plans: the verdicts and write plan of a customer file, with what they were
  judged against (`KeptPlan`); the service reuses one only when that is unchanged.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from domain.imports.customers.plan import KeptPlan
from domain.imports.sessions import StoredRow

T = TypeVar("T")


MAX_IDLE_SECONDS = 3600.0
"""An entry unused for this long is dropped: an hour covers a person reviewing a report
before confirming it; after that the session is read again if it is confirmed."""


class _BoundedCache(Generic[T]):
    """Entries by session id, least recently used dropped past `max_rows` rows held or
    after `max_idle` seconds unused."""

    def __init__(
        self, size: Callable[[T], int], max_rows: int = 300_000,
        max_idle: float = MAX_IDLE_SECONDS, clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        self.max_rows = max_rows
        self.max_idle = max_idle
        self._clock = clock
        self._size = size
        self._entries: OrderedDict[str, tuple[T, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str) -> T | None:
        with self._lock:
            self._expire()
            found = self._entries.get(session_id)
            if found is None:
                return None
            self._entries[session_id] = (found[0], self._clock())
            self._entries.move_to_end(session_id)
            return found[0]

    def put(self, session_id: str, entry: T) -> None:
        with self._lock:
            self._entries[session_id] = (entry, self._clock())
            self._entries.move_to_end(session_id)
            self._expire()
            while sum(self._size(kept) for kept, _ in self._entries.values()) > self.max_rows:
                self._entries.popitem(last=False)

    def drop(self, session_id: str) -> None:
        with self._lock:
            self._entries.pop(session_id, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _expire(self) -> None:
        """Drop the entries unused for `max_idle` seconds (the oldest used come first)."""
        oldest = self._clock() - self.max_idle
        while self._entries:
            session_id, (_, used) = next(iter(self._entries.items()))
            if used > oldest:
                return
            del self._entries[session_id]


ROW_CACHE: _BoundedCache[Sequence[StoredRow]] = _BoundedCache(len)
PLAN_CACHE: _BoundedCache[KeptPlan] = _BoundedCache(lambda kept: len(kept.verdicts))
