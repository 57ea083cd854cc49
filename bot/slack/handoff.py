"""Work handed off after an acknowledgement: kept alive until done, a few on the CPU at once.

Slack wants an answer within 3 seconds; the listener acks at once and spawns the real
work here. At most `limit` pieces of work use the event loop at once (parsing,
rendering cards, posting answers); a piece waiting on the database steps aside with
`async with handoff.outside():`, so a slow database never holds the gate and a burst of
work never crowds the loop. Acknowledgements come first: while requests are being read
and answered (`with handoff.request():` around each), work waits to start or to come
back from the database, for `patience` seconds at most so that steady traffic cannot
starve it. `drain()` waits for everything spawned so far (tests, shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import AsyncIterator, Coroutine, Iterator
from typing import Any

log = logging.getLogger("orderbot.slack")

Work = Coroutine[Any, Any, None]
_gated: contextvars.ContextVar[bool] = contextvars.ContextVar("orderbot_slack_gated", default=False)


class HandOff:
    """Runs coroutines in the background, at most `limit` at a time on the loop."""

    def __init__(self, limit: int = 2, patience: float = 0.25) -> None:
        self.limit = limit
        self.patience = patience
        self._tasks: set[asyncio.Task[None]] = set()
        self._gate: asyncio.Semaphore | None = None
        self._requests = 0
        self._quiet: asyncio.Event | None = None

    def _quiet_event(self) -> asyncio.Event:
        if self._quiet is None:
            self._quiet = asyncio.Event()
            if self._requests == 0:
                self._quiet.set()
        return self._quiet

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        """Mark an incoming request being read and acknowledged: work gives way meanwhile."""
        self._requests += 1
        self._quiet_event().clear()
        try:
            yield
        finally:
            self._requests -= 1
            if self._requests == 0:
                self._quiet_event().set()

    async def _give_way(self) -> None:
        """Wait until no request is in flight (at most `patience` seconds)."""
        quiet = self._quiet_event()
        if quiet.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(quiet.wait(), self.patience)

    def _semaphore(self) -> asyncio.Semaphore:
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.limit)
        return self._gate

    def spawn(self, work: Work) -> None:
        """Start `work` as soon as the gate lets it; errors are logged, never lost."""
        task = asyncio.get_running_loop().create_task(self._run(work))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    async def _run(self, work: Work) -> None:
        async with self._semaphore():
            _gated.set(True)
            await self._give_way()
            await work

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("slack work failed", exc_info=task.exception())

    @contextlib.asynccontextmanager
    async def outside(self) -> AsyncIterator[None]:
        """Step out of the gate while waiting on something slow (the database)."""
        if not _gated.get():
            yield
            return
        gate = self._semaphore()
        gate.release()
        try:
            yield
        finally:
            await gate.acquire()
            await self._give_way()

    @property
    def pending(self) -> int:
        """How many pieces of work are running or waiting."""
        return len(self._tasks)

    async def drain(self, within: float | None = None) -> None:
        """Wait until every spawned piece of work (and what it spawned) has finished;
        after `within` seconds what is left is cancelled."""
        loop = asyncio.get_running_loop()
        deadline = None if within is None else loop.time() + within
        while self._tasks:
            left = None if deadline is None else max(0.0, deadline - loop.time())
            await asyncio.wait(set(self._tasks), timeout=left)
            if deadline is not None and loop.time() >= deadline and self._tasks:
                for task in list(self._tasks):
                    task.cancel()
                await asyncio.gather(*self._tasks, return_exceptions=True)
                return
