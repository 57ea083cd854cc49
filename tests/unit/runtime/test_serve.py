"""The event loop of `orderbot run`: stop on a signal, a failing part stops the rest, a
part that does not stop within the grace period is cancelled."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from runtime.serve import serve


@dataclass(frozen=True)
class P:
    name: str
    run: Callable[[asyncio.Event], Coroutine[Any, Any, None]]


async def test_sigterm_stops_every_part_after_it_finishes_its_work() -> None:
    finished: list[str] = []

    async def worker(stop: asyncio.Event) -> None:
        await stop.wait()
        await asyncio.sleep(0.05)  # the work in flight
        finished.append("worker")

    async def signaller(stop: asyncio.Event) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        await stop.wait()
        finished.append("signaller")

    assert await serve([P("worker", worker), P("signaller", signaller)], grace=2) == 0
    assert sorted(finished) == ["signaller", "worker"]


async def test_a_failing_part_stops_the_others_and_a_stubborn_one_is_cancelled(
    capsys: Any,
) -> None:
    seen: list[str] = []

    async def fails(stop: asyncio.Event) -> None:
        raise RuntimeError("HTTP_PORT: cannot listen")

    async def stubborn(stop: asyncio.Event) -> None:
        await stop.wait()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            seen.append("cancelled")
            raise

    assert await serve([P("web", fails), P("inbox", stubborn)], grace=0.1) == 1
    assert seen == ["cancelled"]
    out = capsys.readouterr()
    assert out.err == "orderbot: web failed: HTTP_PORT: cannot listen\n"
    assert out.out.splitlines() == [
        "orderbot: stopping (in-flight work gets 0.1 s)",
        "orderbot: inbox did not stop in time: cancelled",
        "orderbot: stopped",
    ]


def test_run_service_arms_a_watchdog_once_stopping_and_disarms_it_after(
    monkeypatch: Any,
) -> None:
    import threading

    from runtime import serve as module

    armed: list[tuple[float, threading.Timer]] = []

    def fake_watchdog(seconds: float) -> threading.Timer:
        timer = threading.Timer(60, lambda: None)  # the real one would end the process
        timer.start()
        armed.append((seconds, timer))
        return timer

    async def fails(stop: asyncio.Event) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "_exit_at_the_latest", fake_watchdog)
    assert module.run_service([P("web", fails)], grace=0.1) == 1
    ((seconds, timer),) = armed
    assert (seconds, timer.finished.is_set()) == (0.1 + module.WATCHDOG_MARGIN, True)
