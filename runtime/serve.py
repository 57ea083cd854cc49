"""The one event loop of `orderbot run`: start the parts, wait for a signal, stop cleanly.

Every part gets the same `stop` event, set by SIGTERM/SIGINT, by the end of the console,
or by a part that fails (the process then exits 1). On stop the parts finish what they
are doing within the grace period; a part still running then is cancelled, and a
watchdog ends the process shortly after in any case: what is unfinished then is a
transaction the database rolls back, as if the process had been killed, so nothing is
ever half-written.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Protocol

WATCHDOG_MARGIN = 1.5  # seconds after the grace period before the process leaves anyway


class RunningPart(Protocol):
    """What `serve` runs (bootstrap.Part)."""

    @property
    def name(self) -> str: ...

    @property
    def run(self) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]: ...


def run_service(
    parts: Sequence[RunningPart], grace: float, console: Callable[[], None] | None = None
) -> int:
    """Run `parts` on a new event loop until stopped; the exit status (0, or 1 when a part
    failed). The watchdog covers the loop's own shutdown too (threads still running)."""
    watchdogs: list[threading.Timer] = []

    def arm(seconds: float) -> None:
        watchdogs.append(_exit_at_the_latest(seconds))

    try:
        return asyncio.run(serve(parts, grace, console, arm))
    finally:
        for timer in watchdogs:
            timer.cancel()


async def serve(
    parts: Sequence[RunningPart],
    grace: float,
    console: Callable[[], None] | None = None,
    watchdog: Callable[[float], None] | None = None,
) -> int:
    """Run `parts` until stopped; the exit status (0, or 1 when a part failed).

    `watchdog(seconds)`, when given, is called as stopping begins (`run_service` arms
    a timer ending the process then; tests running `serve` in their own process do not).
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    freeze_startup_heap()
    tasks = [asyncio.create_task(part.run(stop), name=part.name) for part in parts]
    if console is not None:
        _console_thread(console, lambda: loop.call_soon_threadsafe(stop.set))
    failed = await _until_stopped(stop, tasks)
    print(f"orderbot: stopping (in-flight work gets {grace:g} s)", flush=True)
    if watchdog is not None:
        watchdog(grace + WATCHDOG_MARGIN)
    if tasks:
        _, late = await asyncio.wait(tasks, timeout=grace)
        for task in late:
            print(f"orderbot: {task.get_name()} did not stop in time: cancelled", flush=True)
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
    print("orderbot: stopped", flush=True)
    return 1 if failed else 0


def freeze_startup_heap() -> None:
    """Leave what start-up built out of later full garbage collections."""
    # Modules, mappers and the Bolt app live as long as the process; full collections
    # otherwise walk them all and stalled the loop (hence every Slack acknowledgement)
    # for 100-200 ms.
    gc.collect()
    gc.freeze()


async def _until_stopped(stop: asyncio.Event, tasks: list[asyncio.Task[None]]) -> bool:
    """Wait for `stop`; a part that fails stops the process (True then)."""
    running: set[asyncio.Task[Any]] = set(tasks)
    stopper = asyncio.create_task(stop.wait())
    failed = False
    while not stop.is_set():
        done, running = await asyncio.wait(running | {stopper}, return_when=asyncio.FIRST_COMPLETED)
        running.discard(stopper)
        for task in done - {stopper}:
            error = task.exception()
            if error is not None:
                print(f"orderbot: {task.get_name()} failed: {error}", file=sys.stderr, flush=True)
                failed = True
                stop.set()
    stopper.cancel()
    return failed


def _exit_at_the_latest(seconds: float) -> threading.Timer:
    """Leave after `seconds` even if something will not stop (e.g. a peer that never
    answers a logout)."""

    def leave() -> None:
        print(f"orderbot: still stopping after {seconds:g} s: exiting now", flush=True)
        os._exit(1)

    timer = threading.Timer(seconds, leave)
    timer.daemon = True
    timer.start()
    return timer


def _console_thread(console: Callable[[], None], on_end: Callable[[], object]) -> None:
    """The console reads the terminal in a daemon thread: a SIGTERM need not wait for a
    line to be typed (the default executor would wait for its thread at exit)."""

    def read() -> None:
        try:
            console()
        finally:
            on_end()

    threading.Thread(target=read, name="console", daemon=True).start()
