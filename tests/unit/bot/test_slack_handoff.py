"""Work handed off after an ack gives way to requests being acknowledged, but never starves."""

from __future__ import annotations

import asyncio

from bot.slack.handoff import HandOff


async def test_work_waits_for_the_request_in_flight_to_be_answered() -> None:
    handoff = HandOff(limit=2, patience=5.0)
    done: list[str] = []

    async def work() -> None:
        done.append("work")

    with handoff.request():
        handoff.spawn(work())
        await asyncio.sleep(0.05)
        assert done == []
        done.append("ack")
    await handoff.drain(within=1)
    assert done == ["ack", "work"]


async def test_work_coming_back_from_the_database_waits_too() -> None:
    handoff = HandOff(limit=1, patience=5.0)
    steps: list[str] = []
    back = asyncio.Event()

    async def work() -> None:
        async with handoff.outside():
            steps.append("database")
            await back.wait()
        steps.append("answer")

    handoff.spawn(work())
    await asyncio.sleep(0.01)
    with handoff.request():
        back.set()
        await asyncio.sleep(0.05)
        assert steps == ["database"]
    await handoff.drain(within=1)
    assert steps == ["database", "answer"]


async def test_steady_traffic_delays_work_by_patience_at_most() -> None:
    handoff = HandOff(limit=2, patience=0.1)
    loop = asyncio.get_running_loop()
    finished: list[float] = []

    async def work() -> None:
        finished.append(loop.time())

    with handoff.request():
        started = loop.time()
        handoff.spawn(work())
        await asyncio.sleep(0.5)
        assert len(finished) == 1
        assert 0.09 <= finished[0] - started < 0.4
    assert handoff.pending == 0


async def test_without_requests_work_starts_at_once() -> None:
    handoff = HandOff()
    ran = asyncio.Event()

    async def work() -> None:
        ran.set()

    handoff.spawn(work())
    await asyncio.wait_for(ran.wait(), 0.05)
    await handoff.drain()
