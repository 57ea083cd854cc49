"""EU VAT numbers' check digits: judged with python-stdnum, remembered, and worked out
ahead in a worker process.

python-stdnum checks a number in about 10 µs of Python holding the GIL, and a
100,000-row customer file holds as many distinct numbers: a second of work. The import
hands them over before the rows are read (`HeadStart`), while calamine parses the sheet
on another core; but calamine's thread and the import's own reading keep both cores
busy then, and the second core is idle afterwards while the rows are cleaned and
judged. So numbers handed ahead go to one worker process (`python -m store.vat_numbers`,
started once per process when first needed, at a lower priority), in batches, by a
thread that feeds it one batch at a time: the worker takes what the cores leave during
the parse and after it. Verdicts are collected when a row asks: a batch the worker has
not been given by then is judged here, so a slow worker never holds the rows up for
more than the batch it is on, and a worker that cannot start or dies leaves every
number to be judged here. A worker is its own interpreter, started by path and module,
rather than a fork (unsafe in a process with threads) or a multiprocessing child
(which imports the parent's main script again).
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Collection, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat

PREFIXES = frozenset({*eu_vat.MEMBER_STATES, "el"})
"""Lower-case country prefixes of EU VAT numbers ("el" is Greece's)."""
BATCH = 5_000
"""Numbers per batch handed to the worker: about 50 ms of its work."""
AHEAD_ABOVE = 2_000
"""Fewer numbers than this are judged here at once: not worth a process."""
REMEMBERED = 200_000
"""Verdicts remembered: a large customer file's worth (about 20 MB)."""
_LENGTH = struct.Struct("!I")
_UNJUDGED = object()


@lru_cache(maxsize=64)
def _module(prefix: str) -> Any:
    return get_cc_module("gr" if prefix == "el" else prefix, "vat")


def verdict(number: str) -> bool | None:
    """Check digits of a compact EU VAT number in capitals; None when not an EU one."""
    prefix = number[:2].lower()
    if len(number) < 4 or prefix not in PREFIXES:
        return None
    # The country's own module, as eu.vat would pick it, minus its second clean-up.
    return bool((_module(prefix) or eu_vat).is_valid(number))


class VatJudge:
    """Verdicts on VAT numbers, remembered (bounded), some worked out by the worker."""

    def __init__(self, worker: Callable[[], Worker | None] | None = None) -> None:
        self._verdicts: dict[str, bool | None] = {}
        self._not_wrong: set[str] = set()
        self._handed: list[Handed] = []
        self._lock = threading.Lock()
        self._worker = worker if worker is not None else Worker.shared

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
        """Have these numbers judged before any row asks (by the worker, if many)."""
        new = [n for n in dict.fromkeys(numbers) if n not in self._verdicts]
        worker = self._worker() if len(new) >= AHEAD_ABOVE else None
        if worker is None:
            self._remember({number: verdict(number) for number in new})
            return
        handed = worker.hand([new[i : i + BATCH] for i in range(0, len(new), BATCH)])
        with self._lock:
            self._handed.append(handed)

    def _collect(self) -> None:
        with self._lock:
            handed, self._handed = self._handed, []
        for batches in handed:
            self._remember(batches.collect())

    def _remember(self, found: dict[str, bool | None]) -> None:
        with self._lock:
            if len(self._verdicts) + len(found) > REMEMBERED:
                self._verdicts.clear()  # a large file's worth is kept; the next starts afresh
                self._not_wrong.clear()
            self._verdicts.update(found)
            self._not_wrong.update(n for n, v in found.items() if v is not False)


@dataclass
class Handed:
    """Batches handed to the worker; `collect` has every verdict, the worker's or here."""

    batches: list[list[str]]
    results: list[list[bool | None] | None] = field(init=False)
    taken: int = 0
    """Batches the feeding thread has taken (sent, or being sent) so far."""
    stopped: bool = False
    done: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.batches)

    def next_batch(self) -> int | None:
        """The feeding thread's next batch to send, or None when it should stop."""
        with self.done:
            if self.stopped or self.taken == len(self.batches):
                return None
            self.taken += 1
            return self.taken - 1

    def answered(self, index: int, answer: list[bool | None] | None) -> None:
        with self.done:
            self.results[index] = answer
            self.done.notify_all()

    def collect(self) -> dict[str, bool | None]:
        """Every number's verdict: the worker's, waiting only for the batches it has
        been given; the others (not yet given, or failed) judged here."""
        with self.done:
            self.stopped = True  # no more batches go out
            taken = self.taken
            while any(self.results[i] is None for i in range(taken)) and not self._lost():
                self.done.wait(0.5)
            results = list(self.results)
        found: dict[str, bool | None] = {}
        for numbers, answer in zip(self.batches, results, strict=True):
            if answer is None or len(answer) != len(numbers):
                answer = [verdict(number) for number in numbers]
            found.update(zip(numbers, answer, strict=True))
        return found

    def _lost(self) -> bool:
        return Worker.shared_if_started() is None


class Worker:
    """The worker process, and the thread that feeds it batches, one at a time."""

    _shared: Worker | None = None
    _failed = False
    _lock = threading.Lock()

    def __init__(self, command: list[str] | None = None) -> None:
        root = Path(__file__).resolve().parents[1]  # the folder holding `store`
        paths = [str(root), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        # A session of its own: Ctrl-C in orderbot's terminal is orderbot's to handle;
        # the worker ends when its input does (orderbot closing it, or ending).
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "store.vat_numbers"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)}, start_new_session=True,
        )  # fmt: skip
        self._queue: list[Handed] = []
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._feed, name="vat-worker", daemon=True)
        self._thread.start()

    @staticmethod
    def shared(make: Callable[[], Worker] | None = None) -> Worker | None:
        """This process's worker, started on first use (by `make`, for a test); None
        when it cannot run."""
        with Worker._lock:
            if Worker._shared is None and not Worker._failed:
                try:
                    Worker._shared = (make or Worker)()
                    atexit.register(Worker._shared.close)
                except OSError:
                    Worker._failed = True
            return Worker._shared

    @classmethod
    def shared_if_started(cls) -> Worker | None:
        return cls._shared

    def hand(self, batches: list[list[str]]) -> Handed:
        """Queue batches for the worker; collect them from the returned `Handed`."""
        handed = Handed(batches)
        with self._wake:
            self._queue.append(handed)
            self._wake.notify()
        return handed

    def close(self) -> None:
        """End the worker (it stops at the end of its input)."""
        with self._wake:
            self._queue.append(Handed([]))  # wakes the feeder, which then sees EOF coming
            self._wake.notify()
        with suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()

    def _feed(self) -> None:
        handed: Handed | None = None
        try:
            while True:
                with self._wake:
                    while not self._queue:
                        self._wake.wait()
                    handed = self._queue.pop(0)
                while (index := handed.next_batch()) is not None:
                    handed.answered(index, self._ask(handed.batches[index]))
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self._lose(handed)

    def _ask(self, numbers: list[str]) -> list[bool | None]:
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None:
            raise EOFError
        _send(stdin, numbers)
        answer: list[bool | None] = _receive(stdout)
        return answer

    def _lose(self, current: Handed | None) -> None:
        """The worker is gone: nothing more is handed to it, waiting collectors are told
        (they judge what it did not answer)."""
        with Worker._lock:
            Worker._failed = True
            if Worker._shared is self:
                Worker._shared = None
        with self._wake:
            pending, self._queue = self._queue, []
        for handed in [*pending, *([current] if current is not None else [])]:
            with handed.done:
                handed.done.notify_all()


def _send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # only ever from our own worker, over its own pipe


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker: a batch of numbers in, their verdicts out, until the input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ended by its input, not by a terminal
    with suppress(OSError):
        os.nice(10)  # the parse and the rows come first; this takes what they leave
    while True:
        try:
            numbers = _receive(stdin)
        except EOFError:
            return
        _send(stdout, [verdict(number) for number in numbers])


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
