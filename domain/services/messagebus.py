"""The message bus: runs a command's service in a unit of work, with retries and replays.

- A lost race (`ConcurrencyConflict`) is retried with a short, jittered pause.
- A command with an idempotency key that already ran returns the first result again,
  the key being written in the same transaction as the change (unless the result's
  `ref()` is None: an answer that wrote nothing and may be asked for again).
- Events recorded during the command are handed to the event handlers inside the same
  transaction, so outbox rows commit with the change or not at all.
- Every timeline entry the command (or its event handlers) wrote is signed with the
  command's actor before the commit (`domain.actors`).
`AsyncBus` runs the sync bus in worker threads so an event loop never blocks.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain import commands as c
from domain.actors import UNKNOWN, Actor, sign_timeline
from domain.errors import ConcurrencyConflict, DomainError, Forbidden, NotFound
from domain.ports import UnitOfWork
from domain.services.context import Adapters, Policy, ServiceContext
from domain.services.near_misses import with_suggestion
from domain.services.registry import EVENT_HANDLERS, HANDLERS, EventHandler, Handler
from domain.texts import _

UowFactory = Callable[[bool], UnitOfWork]


class MessageBus:
    """Synchronous bus; one unit of work per command."""

    def __init__(
        self,
        uow_factory: UowFactory,
        clock: Callable[[], datetime],
        policy: Policy,
        handlers: dict[type[c.Command], Handler] | None = None,
        event_handlers: list[EventHandler] | None = None,
        retries: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        adapters: Adapters | None = None,
    ) -> None:
        self.adapters = adapters or Adapters()
        self.uow_factory = uow_factory
        self.clock = clock
        self.policy = policy
        self.handlers = dict(HANDLERS if handlers is None else handlers)
        self.event_handlers = list(EVENT_HANDLERS if event_handlers is None else event_handlers)
        self.retries = retries
        self.sleep = sleep

    def handle(self, cmd: c.Command) -> Any:
        """Run `cmd`; DomainError subclasses tell the caller what was wrong."""
        handler = self.handlers.get(type(cmd))
        if handler is None:
            raise DomainError(
                "command.unknown", _("No service handles {command}.", command=type(cmd).__name__)
            )
        if cmd.manager_only and not cmd.manager:
            raise Forbidden(
                "command.managers_only",
                _("Sorry, only managers may do that. Ask one of your managers."),
            )
        for attempt in range(self.retries + 1):
            try:
                return self._run(cmd, handler)
            except ConcurrencyConflict:
                if attempt == self.retries:
                    raise
                self.sleep(random.uniform(0.005, 0.02) * (attempt + 1))
            except NotFound as missing:
                raise with_suggestion(missing, self.uow_factory) from None
        raise AssertionError("unreachable")

    def _run(self, cmd: c.Command, handler: Handler) -> Any:
        with self.uow_factory(not cmd.writes) as uow:
            key = cmd.idempotency_key if cmd.writes else None
            if key is not None:
                prior = uow.idempotency.get(key)
                if prior is not None:
                    return self.replay(prior, uow)
            ctx = self.context(cmd.actor, Actor.of(cmd.actor_door, cmd.actor, cmd.actor_name))
            result = handler(cmd, uow, ctx)
            if cmd.writes:
                self._dispatch_events(uow, ctx)
                sign(uow, ctx.by)
                ref = getattr(result, "ref", None)
                kept = ref() if callable(ref) else "done"
                if key is not None and kept is not None:  # None: an answer not to replay
                    uow.idempotency.put(key, kept)
                uow.commit()
            return result

    def context(self, actor: str = "", by: Actor = UNKNOWN) -> ServiceContext:
        """A service context for a command of `actor` (in full: `by`) starting now."""
        return ServiceContext(
            now=self.clock(), policy=self.policy, adapters=self.adapters, actor=actor, by=by
        )

    def _dispatch_events(self, uow: UnitOfWork, ctx: ServiceContext) -> None:
        # Handlers may record further events (notifications sent...); run until quiet.
        for _attempt in range(10):
            events = uow.collect_events()
            if not events:
                return
            for event in events:
                for event_handler in self.event_handlers:
                    event_handler(event, uow, ctx)

    def replay(self, ref: str, uow: UnitOfWork) -> Any:
        """The result of a command that already ran, found again from its reference."""
        kind, _colon, key = ref.partition(":")
        ctx = self.context()
        if kind == "order":
            return self.handlers[c.ShowOrder](c.ShowOrder(code=key), uow, ctx)
        if kind == "customer":
            return self.handlers[c.ShowCustomer](c.ShowCustomer(code=key), uow, ctx)
        if kind == "import":
            return self.handlers[c.ShowImport](c.ShowImport(session_id=key), uow, ctx)
        if kind == "product":
            return self.handlers[c.ShowProduct](c.ShowProduct(code=key), uow, ctx)
        if kind == "case":
            return self.handlers[c.ShowCase](c.ShowCase(case_id=int(key)), uow, ctx)
        if kind == "priorities":
            return self.handlers[c.ListCasePriorities](c.ListCasePriorities(), uow, ctx)
        shows: dict[str, type[c.ShowInvoice | c.ShowWorkOrder | c.ShowReturn]] = {
            "invoice": c.ShowInvoice, "workorder": c.ShowWorkOrder, "return": c.ShowReturn
        }  # fmt: skip
        if kind in shows:
            return self.handlers[shows[kind]](shows[kind](code=key), uow, ctx)
        return ref


def sign(uow: UnitOfWork, actor: Actor) -> None:
    """Write `actor` on the timeline entries the orders of this unit of work gained."""
    for order in uow.orders.touched():
        sign_timeline(order.timeline, actor)


class AsyncBus:
    """The bus for an event loop: each command runs in a worker thread, a few at a time."""

    def __init__(self, bus: MessageBus, concurrency: int = 8) -> None:
        self.bus = bus
        self._semaphore = asyncio.Semaphore(concurrency)

    async def handle(self, cmd: c.Command) -> Any:
        """Run `cmd` in a thread."""
        async with self._semaphore:
            return await asyncio.to_thread(self.bus.handle, cmd)
