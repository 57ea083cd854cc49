"""One leader at a time: a part that must run in one process only runs while it holds a lock.

`lead()` polls the lock every `retry_seconds`; while held, the part runs with a stop
event of its own, which is set when the process stops or when the lock is lost (on
PostgreSQL a session advisory lock goes with its connection: a leader whose database
connection died stops leading, and the server hands the lock to the next process that
asks). The part is always given time to finish what it was doing before the lock is
released, so two processes never do the same part's work at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from domain.jobs.ports import Lock

log = logging.getLogger("orderbot.leader")

PartRun = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


class Leadership:
    """Whether this process leads one part (read by the health report)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.leading = False
        self.takeovers = 0

    def set(self, leading: bool) -> None:
        """Record and log a change of lead."""
        if leading != self.leading:
            self.leading = leading
            self.takeovers += leading
            log.info("%s: %s", self.name, "leading" if leading else "not leading")


async def lead(
    run: PartRun, lock: Lock, stop: asyncio.Event, retry_seconds: float, state: Leadership
) -> None:
    """Run `run` whenever this process holds `lock`, until `stop` is set."""
    while not stop.is_set():
        try:
            got = await asyncio.to_thread(lock.acquire)
        except Exception as error:  # the database is away: try again later
            log.warning("%s: cannot ask for the lead: %s", state.name, error)
            got = False
        if got:
            try:
                await _while_held(run, lock, stop, retry_seconds, state)
            except Exception:  # a crashed part leads again after a pause, not never
                log.exception("%s: the part failed while leading", state.name)
            finally:
                state.set(False)
                await asyncio.to_thread(lock.release)
        await _wait(stop, retry_seconds)


async def _while_held(
    run: PartRun, lock: Lock, stop: asyncio.Event, retry_seconds: float, state: Leadership
) -> None:
    state.set(True)
    inner = asyncio.Event()
    work = asyncio.create_task(run(inner), name=state.name)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        while not work.done():
            await asyncio.wait(
                {work, stopper}, timeout=retry_seconds, return_when=asyncio.FIRST_COMPLETED
            )
            if work.done():
                break
            if not stop.is_set() and not await asyncio.to_thread(lock.held):
                log.warning("%s: lost the leader lock; stopping until it is ours again", state.name)
            elif not stop.is_set():
                continue
            inner.set()  # stopping or lost: let the part finish what it is doing
            await asyncio.wait({work})
    except asyncio.CancelledError:
        work.cancel()  # given up on (the process is out of time): the part goes too
        with contextlib.suppress(asyncio.CancelledError):
            await work
        raise
    finally:
        stopper.cancel()
    work.result()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
