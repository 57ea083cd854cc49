"""The web server: /healthz, the customers' tracking page and Slack's HTTP mode, as a part."""

from __future__ import annotations

import asyncio
import os
from zoneinfo import ZoneInfo

from aiohttp import web, web_response

from bootstrap.app import App, Part
from bootstrap.slack import SlackEdge, add_slack_route
from mail.forwarded import ClientAddress, parse_networks
from mail.outbound.carriers import CarrierLinks
from mail.tracking import TrackingPage
from store.repositories.notifications import SqlTrackingView


def web_application(app: App, slack: SlackEdge | None) -> web.Application:
    """The aiohttp application: health, the tracking page, and `slack`'s events route."""

    async def health(request: web.Request) -> web.Response:
        status, body = await app.health.report()
        return web.json_response(body, status=status)

    server = web.Application()
    server.on_response_prepare.append(_server_header)
    server.router.add_get("/healthz", health)
    add_slack_route(app, server, slack)
    view = SqlTrackingView(app.uow)
    # Misses are limited per visitor as named by our reverse proxies (TRUSTED_PROXIES).
    clients = ClientAddress(parse_networks(app.settings.trusted_proxies))
    carriers = CarrierLinks(app.settings.carrier_urls)
    zone = ZoneInfo(app.settings.timezone)
    TrackingPage(view, app.bus.clock, clients=clients, carriers=carriers, zone=zone).add_routes(
        server
    )
    return server


SERVER_HEADER = "orderbot"


async def _server_header(request: web.Request, response: web.StreamResponse) -> None:
    # aiohttp would send "Python/3.x aiohttp/3.x": versions tell an attacker what to try.
    response.headers["Server"] = SERVER_HEADER


# Answers to requests that never reach the application (a request line aiohttp cannot
# parse gets its 400 straight from the protocol) take aiohttp's default; there is no hook
# for them, so the default itself is replaced.
web_response.SERVER_SOFTWARE = SERVER_HEADER  # type: ignore[attr-defined]


def web_part(app: App, slack: SlackEdge | None) -> Part:
    """The web server on HTTP_HOST:HTTP_PORT (always: /healthz is always there)."""
    settings = app.settings

    async def run(stop: asyncio.Event) -> None:
        # In-flight requests get SHUTDOWN_SECONDS to finish when the process stops.
        runner = web.AppRunner(
            web_application(app, slack),
            access_log=None,
            shutdown_timeout=settings.shutdown_seconds,
        )
        await runner.setup()
        site = web.TCPSite(runner, settings.http_host, settings.http_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            where = f"{settings.http_host}:{settings.http_port}"
            why = os.strerror(error.errno) if error.errno else str(error)
            raise RuntimeError(f"HTTP_PORT: cannot listen on {where}: {why}") from None
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    return Part("web", f"http://{settings.http_host}:{settings.http_port}", run)
