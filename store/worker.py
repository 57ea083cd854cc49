"""One helper process per orderbot process, for work an import can hand off its core.

Python runs one thread at a time: work given to a thread waits for the GIL. Work an
import can hand elsewhere (a first look at part of a large sheet before calamine may
open it, the check digits of a file's VAT numbers while calamine parses it) goes to a
helper process instead: its own interpreter (running `serve` below), started when
first needed and kept, at a lower priority, in a session of its own, fed one job at a
time by a thread over a pipe. A job is a kind (`KINDS`) and its arguments; its answer
comes back on the `Job`. A job not yet given to the helper when its answer is wanted
can be cancelled and done by the asker, and a helper that cannot start or dies leaves
every job to the askers (`Job.result` says None), so the helper only ever saves time.
It is started by path and module, not forked (unsafe in a process with threads) nor
spawned by multiprocessing (which imports the main script again).
"""

from __future__ import annotations

import atexit
import importlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from enum import Enum
from pathlib import Path
from typing import IO, Any

KINDS = {
    "vat": "store.identity.vat_numbers:verdicts",
    "extent": "store.sheets.extent.xlsx:quick_extent",
}
"""Job kind -> the function the helper runs for it (module:name, imported when first
asked for, so that the helper starts in a tenth of a second)."""
_LENGTH = struct.Struct("!I")


class _State(Enum):
    QUEUED = "queued"
    SENT = "sent"
    DONE = "done"
    CANCELLED = "cancelled"
    LOST = "lost"


class Job:
    """A job for the helper: its answer, or None when the asker must do it."""

    def __init__(self, kind: str, args: tuple[Any, ...]) -> None:
        self.kind, self.args = kind, args
        self._state = _State.QUEUED
        self._answer: Any = None
        self._changed = threading.Condition()

    def result(
        self, timeout: float | None = None, withdraw: bool = True, grace: float = 0.0
    ) -> Any | None:
        """The helper's answer, waiting for it if the helper has the job; None when the
        asker must do the job: the helper had not been given it within `grace` seconds
        (it is withdrawn then, unless `withdraw` is False: then waited for too), lost it,
        failed at it, or did not answer within `timeout`."""
        with self._changed:
            if withdraw:
                self._changed.wait_for(lambda: self._state is not _State.QUEUED, grace)
                if self._state is _State.QUEUED:
                    self._state = _State.CANCELLED
            waiting = (_State.QUEUED, _State.SENT)
            self._changed.wait_for(lambda: self._state not in waiting, timeout)
            return self._answer if self._state is _State.DONE else None

    def _take(self) -> bool:
        with self._changed:
            if self._state is not _State.QUEUED:
                return False
            self._state = _State.SENT
            self._changed.notify_all()  # an asker may be waiting for the helper to take it
            return True

    def _end(self, state: _State, answer: Any = None) -> None:
        with self._changed:
            if self._state in (_State.QUEUED, _State.SENT):
                self._state, self._answer = state, answer
            self._changed.notify_all()


class Worker:
    """The helper process, and the thread that feeds it jobs one at a time."""

    _shared: Worker | None = None
    _failed = False
    _lock = threading.Lock()

    def __init__(self, command: list[str] | None = None) -> None:
        # A session of its own: Ctrl-C in orderbot's terminal is orderbot's to handle;
        # the helper ends when its input does (orderbot closing it, or ending).
        self.process = subprocess.Popen(
            command or _helper_command(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        self._jobs: deque[Job | None] = deque()
        self._wake = threading.Condition()
        self._lost = False
        self._thread = threading.Thread(target=self._feed, name="helper-process", daemon=True)
        self._thread.start()

    @staticmethod
    def shared(make: Callable[[], Worker] | None = None) -> Worker | None:
        """This process's helper, started on first use (by `make`, for a test); None
        when it cannot run."""
        with Worker._lock:
            if Worker._shared is None and not Worker._failed:
                try:
                    Worker._shared = (make or Worker)()
                    atexit.register(Worker._shared.close)
                except OSError:
                    Worker._failed = True
            return Worker._shared

    def submit(self, kind: str, *args: Any, first: bool = False) -> Job:
        """Queue a job (`first`: before those queued already); its answer comes on the
        returned `Job`."""
        job = Job(kind, args)
        with self._wake:
            if self._lost:
                job._end(_State.LOST)
            else:
                (self._jobs.appendleft if first else self._jobs.append)(job)
                self._wake.notify()
        return job

    def close(self) -> None:
        """End the helper (it stops at the end of its input)."""
        with self._wake:
            self._jobs.append(None)  # the feeder stops there
            self._wake.notify()
        self._thread.join(timeout=5)
        with suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def _feed(self) -> None:
        job: Job | None = None
        try:
            while True:
                with self._wake:
                    self._wake.wait_for(lambda: bool(self._jobs))
                    job = self._jobs.popleft()
                if job is None:
                    return
                if not job._take():
                    continue  # cancelled: the asker does it
                ok, answer = self._ask(job)
                job._end(_State.DONE if ok else _State.LOST, answer if ok else None)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self._lose(job)

    def _ask(self, job: Job) -> tuple[bool, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None:
            raise EOFError
        _send(stdin, (job.kind, job.args))
        reply: tuple[bool, Any] = _receive(stdout)
        return reply

    def _lose(self, current: Job | None) -> None:
        """The helper is gone: its jobs are the askers' now, and no more go to it."""
        with Worker._lock:
            if Worker._shared is self:  # this process's helper: not started again
                Worker._shared, Worker._failed = None, True
        with self._wake:
            self._lost = True
            pending, self._jobs = list(self._jobs), deque()
        for job in [*pending, current]:
            if job is not None:
                job._end(_State.LOST)


def _helper_command() -> list[str]:
    """This interpreter, importing `store` from the folder this process found it in
    (first on the helper's path, wherever it was started from) and serving jobs."""
    root = str(Path(__file__).resolve().parents[1])
    start = f"import sys; sys.path.insert(0, {root!r}); import store.worker as w; "
    return [sys.executable, "-c", start + "w.serve(sys.stdin.buffer, sys.stdout.buffer)"]


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
    return pickle.loads(data)  # only ever from our own helper, over its own pipe


def _function(kind: str) -> Callable[..., Any]:
    module, name = KINDS[kind].split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The helper: a job in, (done, answer) out, until the input ends. A job that fails
    answers (False, its error's text): the asker then does it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ended by its input, not by a terminal
    with suppress(OSError):
        os.nice(10)  # the import's own threads come first; this takes what they leave
    while True:
        try:
            kind, args = _receive(stdin)
        except EOFError:
            return
        try:
            reply: tuple[bool, Any] = (True, _function(kind)(*args))
        except Exception as exc:  # the asker does the job itself; nothing is lost
            reply = (False, repr(exc))
        _send(stdout, reply)
