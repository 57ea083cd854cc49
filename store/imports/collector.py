"""The cyclic garbage collector paused around an import's bulk work on a file's rows.

Reading, judging and writing a 100,000-row file makes a million or so objects that live
as long as the command (each row's cells and values, its verdict, the plan) and no
reference cycles. The collector, triggered by the allocations, would walk all of them
again at every collection of the oldest generation: about a third of a customer check
(measured on bench/import_customers.py). The import's service asks for the pause through
its port (`ImportRepository.rows_in_bulk`), so the domain never touches the collector;
it lasts as long as the bulk work and no longer, and the collector is left as it was
found, whichever thread ends last. Other threads' cycles made meanwhile are collected
once it ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pauses = 0
_was_enabled = False
_pause_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (pauses in several threads nest)."""
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
