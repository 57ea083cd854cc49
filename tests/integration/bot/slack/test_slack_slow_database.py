"""Acknowledgements never wait for the database: 50 commands against a 5-second database."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.slack.app import CommandBus
from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig

DELAY = 5.0


class SlowBus:
    """The real bus behind a database that takes 5 seconds to answer each call."""

    def __init__(self, bus: CommandBus) -> None:
        self.bus = bus
        self.calls = 0

    async def handle(self, cmd: c.Command) -> Any:
        """Wait DELAY, then run the command."""
        self.calls += 1
        await asyncio.sleep(DELAY)
        return await self.bus.handle(cmd)


@pytest.mark.slow
async def test_fifty_commands_acknowledged_in_time_and_each_done_once(rig: SlackRig) -> None:
    slow = SlowBus(rig.deps.bus)
    rig.deps.bus = slow

    async def send(i: int) -> float:
        started = time.monotonic()
        status, _ = await rig.client.command("/customer", f'new C{i:02d} "Customer {i}"')
        assert status == 200
        return time.monotonic() - started

    acks = await asyncio.gather(*(send(i) for i in range(50)))
    assert max(acks) < 3.0
    assert rig.api.responses() == []  # nothing answered yet: the work waits on the database
    await rig.drain()
    answers = rig.api.responses()
    assert len(answers) == 50
    assert sorted(a["text"].split("\n")[0] for a in answers) == sorted(
        f"Created customer C{i:02d}." for i in range(50)
    )
    assert slow.calls == 50
    found = rig.app.bus.handle(c.FindCustomers(text="Customer", limit=100)).items
    assert len(found) == 50
