"""One leader at a time: the part runs only while its lock is held, and stops when lost."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from runtime.leader import Leadership, lead


class SharedLock:
    """One lock between contenders (as the database would hold it); `drop()` is a lost
    connection: the holder's `held()` turns False and anyone may take it."""

    def __init__(self) -> None:
        self.holder: object | None = None

    def handle(self) -> Handle:
        return Handle(self)


class Handle:
    def __init__(self, shared: SharedLock) -> None:
        self.shared = shared

    def acquire(self) -> bool:
        if self.shared.holder in (None, self):
            self.shared.holder = self
            return True
        return False

    def held(self) -> bool:
        return self.shared.holder is self

    def release(self) -> None:
        if self.shared.holder is self:
            self.shared.holder = None


class Work:
    """A part that records when it runs and finishes its current step before stopping."""

    def __init__(self) -> None:
        self.running = 0
        self.starts = 0
        self.finished_steps = 0

    async def run(self, stop: asyncio.Event) -> None:
        self.running += 1
        self.starts += 1
        try:
            while not stop.is_set():
                await asyncio.sleep(0.01)
                self.finished_steps += 1
        finally:
            self.running -= 1


async def _until(check: Callable[[], bool], seconds: float = 2.0) -> None:
    for _ in range(int(seconds / 0.005)):
        if check():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("timed out")


async def test_only_one_of_two_contenders_runs_and_the_other_takes_over() -> None:
    shared = SharedLock()
    works, states = [Work(), Work()], [Leadership("inbox"), Leadership("inbox")]
    stops = [asyncio.Event(), asyncio.Event()]
    tasks = [
        asyncio.create_task(lead(w.run, shared.handle(), s, 0.02, st))
        for w, s, st in zip(works, stops, states, strict=True)
    ]
    await _until(lambda: works[0].running + works[1].running == 1)
    await asyncio.sleep(0.1)
    assert works[0].running + works[1].running == 1
    first = 0 if works[0].running else 1
    other = 1 - first
    assert (states[first].leading, states[other].leading) == (True, False)
    stops[first].set()  # the leader stops: it lets go, the other leads
    await tasks[first]
    await _until(lambda: works[other].running == 1)
    assert (states[first].leading, states[other].leading, works[first].running) == (False, True, 0)
    stops[other].set()
    await tasks[other]
    assert shared.holder is None


async def test_a_lost_lock_stops_the_part_until_it_is_won_again() -> None:
    shared = SharedLock()
    work, stop, state = Work(), asyncio.Event(), Leadership("outbox")
    task = asyncio.create_task(lead(work.run, shared.handle(), stop, 0.02, state))
    await _until(lambda: work.running == 1)
    thief = shared.handle()
    shared.holder = thief  # the connection died and another process took the lock
    await _until(lambda: not state.leading)
    assert work.running == 0
    thief.release()
    await _until(lambda: work.running == 1)
    assert (work.starts, state.takeovers) == (2, 2)
    stop.set()
    await task


async def test_cancelling_the_leader_cancels_the_part() -> None:
    shared = SharedLock()
    work, stop = Work(), asyncio.Event()
    task = asyncio.create_task(lead(work.run, shared.handle(), stop, 0.02, Leadership("x")))
    await _until(lambda: work.running == 1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert (work.running, shared.holder) == (0, None)


async def test_a_failing_part_leads_again_after_a_pause() -> None:
    shared = SharedLock()
    calls: list[int] = []
    stop = asyncio.Event()

    async def flaky(inner: asyncio.Event) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        await inner.wait()

    task = asyncio.create_task(lead(flaky, shared.handle(), stop, 0.02, Leadership("x")))
    await _until(lambda: len(calls) == 2)
    stop.set()
    await task
    assert shared.holder is None
