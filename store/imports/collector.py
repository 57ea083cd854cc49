"""The cyclic garbage collector paused around an import's bulk work on a file's rows.

Reading, judging and writing a 100,000-row file makes a million or so objects that live
as long as the command (each row's cells and values, its verdict, the plan) and no
reference cycles. The collector, triggered by the allocations, would walk all of them
again at every collection of the oldest generation: about a third of a customer check
(measured on bench/import_customers.py). The import's service asks for the pause through
its port (`ImportRepository.rows_in_bulk`), so the domain never touches the collector;
it lasts as long as the bulk work and no longer, and the collector is left as it was
found, whichever thread ends last. Other threads' cycles made meanwhile are collected
once it ends. When it ends, what it made is moved to the oldest generation rather than
walked by the next two collections (`_to_oldest_generation`).
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
            if _pauses == 0:
                _to_oldest_generation()
                if _was_enabled:
                    gc.enable()


def _to_oldest_generation() -> None:
    """Every object tracked now moved to the collector's oldest generation, as if it had
    outlived two collections, without a collection walking them.

    What the bulk work made is still in the youngest generation: the first collection
    after the pause would walk all of it (a million objects for 100,000 rows), and the
    next middle one again, to find no cycle (0.6 s each on bench/import_customers.py,
    loaded machine). Freezing and at once unfreezing is the collector's own way to move
    everything to the oldest generation: nothing stays frozen, and the next full
    collection walks these objects as it walks every other long-lived one (a cycle among
    them, from this or another thread, is collected then). Someone else's frozen objects
    are left frozen, and then nothing is moved: `orderbot run` freezes its start-up heap
    (`runtime.serve`), so this saves the CLI's imports (`orderbot import`) those walks,
    not the service's.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
