"""Two reps click Notify at the same moment: one mail, and the second rep is told why.

On PostgreSQL both commands read the order before either writes (a barrier after the
load), so the race is real: one commits, the other loses on the order's version, is
retried by the bus and then sees the first one's notification. SQLite serialises
writers (BEGIN IMMEDIATE), so there the second simply runs after the first.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from domain import commands as c
from domain.services.messagebus import MessageBus
from domain.services.views import NotifyView
from store.engine import is_sqlite
from tests.integration.notify_world import World, make_world


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    w = make_world(database_url, tmp_path)
    w.seed()
    yield w
    w.app.engine.dispose()


class LoadGate:
    """A unit-of-work factory whose first `parties` writers wait for each other after
    loading their order, so that none writes before all have read."""

    def __init__(self, make: Callable[[bool], Any], parties: int) -> None:
        self.make = make
        self.barrier = threading.Barrier(parties, timeout=30) if parties else None
        self.left = parties
        self.writers = 0
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def __call__(self, readonly: bool = False) -> Iterator[Any]:
        with self.make(readonly) as uow:
            if not readonly:
                with self.lock:
                    self.writers += 1
                    gated, self.left = self.left > 0, self.left - 1
                if gated:
                    uow.orders.get = self._waiting(uow.orders.get)
            yield uow

    def _waiting(self, load: Callable[[str], Any]) -> Callable[[str], Any]:
        def get(code: str) -> Any:
            order = load(code)
            assert self.barrier is not None
            self.barrier.wait()
            return order

        return get


def notify_twice_at_once(w: World, factory: Callable[[bool], Any]) -> list[NotifyView]:
    bus = w.app.bus
    racing = MessageBus(factory, bus.clock, bus.policy, adapters=bus.adapters)
    start = threading.Barrier(2, timeout=30)
    views: list[NotifyView] = []

    def click() -> None:
        start.wait()
        views.append(racing.handle(c.NotifyOrder(code="SO-00001")))

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return views


@pytest.mark.parametrize("pending", [True, False], ids=["pending", "resend"])
def test_two_notify_clicks_at_once_send_one_mail(world: World, pending: bool) -> None:
    if not pending:
        world.handle(c.NotifyOrder(code="SO-00001"))
        world.clock.advance(minutes=5)
    before = len(world.email_rows())
    race = not is_sqlite(world.app.engine)
    gate = LoadGate(world.app.uow, 2 if race else 0)
    views = notify_twice_at_once(world, gate)
    assert sorted(v.sent for v in views) == [0, 1]
    assert len(world.email_rows()) == before + 1
    (quiet,) = [v for v in views if v.sent == 0]
    assert str(quiet.note).startswith("SO-00001: the customer was told 0 s ago; nothing sent")
    if race:
        assert gate.writers == 3  # both read first; the loser ran again
