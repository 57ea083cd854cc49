"""The composition root: builds the engine, units of work, bus and doors from settings.

`orderbot run` starts every `Part` that `parts(app)` returns: each feature adds a
factory to `PART_FACTORIES` (in its own section below) that returns its part, or None
when the settings do not enable it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy import Engine

from domain.messagebus import AsyncBus, MessageBus
from domain.orders import AutoClose
from domain.services.context import Policy
from settings import Settings
from store.engine import make_engine
from store.migrate import upgrade
from store.uow import SqlUnitOfWork, uow_factory


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def local_today(settings: Settings) -> Callable[[], date]:
    """Today in the configured TIMEZONE (what `today`, `tomorrow` and `+7d` count from)."""
    zone = ZoneInfo(settings.timezone)
    return lambda: datetime.now(zone).date()


@dataclass
class App:
    """What the doors need: settings, engine, units of work and the bus."""

    settings: Settings
    engine: Engine
    uow: Callable[[bool], SqlUnitOfWork]
    bus: MessageBus
    async_bus: AsyncBus


def policy_from(settings: Settings) -> Policy:
    """The business rules the settings choose."""
    return Policy(
        auto_close=AutoClose(settings.auto_close),
        notify_auto=settings.notify_auto,
        currency=settings.currency,
        public_url=settings.public_url.rstrip("/"),
        subscriptions_enabled=settings.subscriptions_enabled,
    )


def build(settings: Settings, clock: Callable[[], datetime] = utc_now, migrate: bool = True) -> App:
    """Wire everything; `migrate` brings the database to the newest schema first."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    uow = uow_factory(engine)
    bus = MessageBus(uow, clock, policy_from(settings))
    return App(settings, engine, uow, bus, AsyncBus(bus))


@dataclass(frozen=True)
class Part:
    """Something `orderbot run` keeps running: `run(stop)` returns once `stop` is set."""

    name: str
    where: str
    run: Callable[[asyncio.Event], Coroutine[Any, Any, None]]


PartFactory = Callable[[App], Part | None]
PART_FACTORIES: list[PartFactory] = []


def parts(app: App) -> list[Part]:
    """The parts the settings enable, in start order."""
    found = []
    for factory in PART_FACTORIES:
        part = factory(app)
        if part is not None:
            found.append(part)
    return found


# --- the web server: tracking page, health, Slack HTTP mode ---------------------------
# Features add their routes with a function in WEB_ROUTES; the server runs when any
# route is registered (health is always there).

WebRoutes = Callable[[App, "web.Application"], None]
WEB_ROUTES: list[WebRoutes] = []


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def web_application(app: App) -> web.Application:
    """The aiohttp application with every feature's routes."""
    server = web.Application()
    server.router.add_get("/healthz", _health)
    for add_routes in WEB_ROUTES:
        add_routes(app, server)
    return server


def _web_part(app: App) -> Part:
    settings = app.settings

    async def run(stop: asyncio.Event) -> None:
        runner = web.AppRunner(web_application(app), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, settings.http_host, settings.http_port)
        await site.start()
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    return Part("web", f"http://{settings.http_host}:{settings.http_port}", run)


PART_FACTORIES.append(_web_part)


# --- feature parts: each feature registers its factory in its own section ------------
