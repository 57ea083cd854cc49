"""EU VAT numbers' check digits: judged with python-stdnum, remembered, and worked out
ahead by the helper process.

python-stdnum checks a number in about 10 µs of Python holding the GIL, and a
100,000-row customer file holds as many distinct numbers: a second of work. The import
hands them over before the rows are read (`HeadStart`), while calamine parses the sheet
on another core; calamine's thread and the import's own reading of the sheet keep both
cores busy then, and the second core is idle afterwards while the rows are cleaned and
judged. So numbers handed ahead go to the helper process (`store.worker`) in batches,
which it works through at a lower priority with what the cores leave. Verdicts are
collected when a row asks: a batch the helper has not been given by then is judged
here, so a slow helper never holds the rows up for more than the batch it is on, and a
helper that cannot start or dies leaves every number to be judged here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable

from domain.customers.identity import vat_check_digits
from store.worker import Job, Worker

BATCH = 5_000
"""Numbers per batch handed to the helper: about 50 ms of its work."""
AHEAD_ABOVE = 2_000
"""Fewer numbers than this are judged here at once: not worth handing over."""
REMEMBERED = 200_000
"""Verdicts remembered: a large customer file's worth (about 20 MB)."""
_UNJUDGED = object()


def verdict(number: str) -> bool | None:
    """Check digits of a compact EU VAT number in capitals; None when not an EU one: the
    identity rule's own test, so that a verdict worked out ahead is the rule's."""
    return vat_check_digits(number)


def verdicts(numbers: list[str]) -> list[bool | None]:
    """`verdict` on each number: the helper's job."""
    return [verdict(number) for number in numbers]


class VatJudge:
    """Verdicts on VAT numbers, remembered (bounded), some worked out by the helper."""

    def __init__(self, worker: Callable[[], Worker | None] | None = None) -> None:
        self._verdicts: dict[str, bool | None] = {}
        self._not_wrong: set[str] = set()
        self._handed: list[tuple[list[str], Job]] = []
        self._lock = threading.Lock()
        self._worker = worker if worker is not None else Worker.shared

    def prepare(self) -> None:
        """Numbers may be handed ahead soon: have the helper start meanwhile."""
        self._worker()

    def valid(self, number: str) -> bool | None:
        """The verdict on one compact number (judged now if nobody has yet)."""
        if self._handed:
            self._collect()
        found = self._verdicts.get(number, _UNJUDGED)
        if found is _UNJUDGED:
            found = verdict(number)
            self._remember({number: found})
        return found  # type: ignore[return-value]

    def none_wrong(self, numbers: Collection[str]) -> bool:
        """True when no number among these has wrong check digits: a set difference
        with the numbers already found right, then a verdict on each of the others."""
        if self._handed:
            self._collect()
        unknown = set(numbers) - self._not_wrong
        return all(self.valid(number) is not False for number in unknown)

    def ahead(self, numbers: Iterable[str]) -> None:
        """Have these numbers judged before any row asks (by the helper, if many)."""
        new = [n for n in dict.fromkeys(numbers) if n not in self._verdicts]
        worker = self._worker() if len(new) >= AHEAD_ABOVE else None
        if worker is None:
            self._remember(dict(zip(new, verdicts(new), strict=True)))
            return
        batches = [new[i : i + BATCH] for i in range(0, len(new), BATCH)]
        handed = [(batch, worker.submit("vat", batch)) for batch in batches]
        with self._lock:
            self._handed += handed

    def _collect(self) -> None:
        with self._lock:
            handed, self._handed = self._handed, []
        found: dict[str, bool | None] = {}
        for batch, job in handed:
            answer = job.result()
            if not isinstance(answer, list) or len(answer) != len(batch):
                answer = verdicts(batch)  # not given to the helper, or lost with it
            found.update(zip(batch, answer, strict=True))
        self._remember(found)

    def _remember(self, found: dict[str, bool | None]) -> None:
        with self._lock:
            if len(self._verdicts) + len(found) > REMEMBERED:
                self._verdicts.clear()  # a large file's worth is kept; the next starts afresh
                self._not_wrong.clear()
            self._verdicts.update(found)
            self._not_wrong.update(n for n, v in found.items() if v is not False)
