"""Slack: the Bolt app with what its handlers share, its part (Socket Mode, or draining
handed-off work on stop in HTTP mode), its HTTP route, and the outbox's Slack sender.

Slack's modules are imported when Slack is configured, not before: they take a third
of a second to import, and most commands of the command line never need them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web

from bootstrap.app import App, Part, local_today, utc_now
from domain.services.messagebus import AsyncBus
from runtime.health import Probe
from runtime.leader import PartRun

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.slack.app import SlackDeps
    from bot.slack.sender import SlackSender


@dataclass(frozen=True)
class SlackEdge:
    """The Bolt app and what its handlers share; one per `parts()` (or per test rig)."""

    bolt: AsyncApp
    deps: SlackDeps


def slack_edge(app: App) -> SlackEdge | None:
    """A new Bolt app on the app's bus; None when no SLACK_BOT_TOKEN is set."""
    settings = app.settings
    if settings.slack_bot_token is None:
        return None
    from bootstrap.documents import lazy_pdf
    from bot.language.grammar import build_grammar
    from bot.slack.app import SlackDeps, build_app
    from bot.slack.cards import CardOptions

    grammar = build_grammar()
    deps = SlackDeps(
        # Its own few threads: under the SQLite pool's size (no connection churn), and
        # few enough that acknowledgements on the loop win the GIL quickly (at 500
        # requests/s on 2 cores, p99 ack ~11 ms with 2 threads, ~25-45 ms with 4).
        bus=AsyncBus(app.bus, concurrency=settings.slack_workers),
        grammar=grammar,
        today=local_today(settings),
        managers=settings.managers(),
        # *View as customer* runs `/order track CODE` when that form exists.
        cards=CardOptions(settings.currency, ("order", "track") in grammar.forms),
        pdf=lazy_pdf(app),
    )
    secret = settings.slack_signing_secret
    bolt = build_app(
        deps,
        settings.slack_bot_token.get_secret_value(),
        secret.get_secret_value() if secret else None,
        settings.slack_api_url,
    )
    return SlackEdge(bolt, deps)


def add_slack_route(app: App, server: web.Application, edge: SlackEdge | None) -> None:
    """Serve Slack's HTTP mode on `server`, unless Slack is off or in Socket Mode."""
    settings = app.settings
    if edge is None or settings.slack_app_token is not None:
        return
    if settings.slack_signing_secret is None:
        raise ValueError(
            "SLACK_SIGNING_SECRET is needed for Slack's HTTP mode (or set SLACK_APP_TOKEN)"
        )
    from bot.slack.http import add_events_route

    secret = settings.slack_signing_secret.get_secret_value()
    add_events_route(server, edge.bolt, secret, handoff=edge.deps.handoff)


def slack_part(app: App, edge: SlackEdge | None) -> Part | None:
    """The Slack part of `edge`: connected in Socket Mode, or in HTTP mode (the web part
    serves the route) waiting to drain handed-off work on stop; None without Slack."""
    if edge is None:
        return None
    settings = app.settings
    app_token = settings.slack_app_token
    watch, probe = _slack_health(app)

    async def run(stop: asyncio.Event) -> None:
        watching = asyncio.create_task(watch(stop))
        if app_token is not None:
            from bot.slack.socket import run_socket_mode

            await run_socket_mode(edge.bolt, app_token.get_secret_value(), edge.deps, stop)
        else:
            await stop.wait()
            await edge.deps.close()
        await watching

    where = "Socket Mode" if app_token else f"HTTP POST /slack/events on port {settings.http_port}"
    return Part("slack", where, run, probe)


def _slack_health(app: App) -> tuple[PartRun, Probe]:
    """Slack is connected while `auth.test` answers (checked a third of the threshold apart)."""
    from runtime.health import Beat
    from runtime.probes import beat_probe, watch_slack

    s = app.settings
    beat = Beat(utc_now)
    stale = s.health_slack_stale_seconds

    async def watch(stop: asyncio.Event) -> None:
        from bot.slack.app import make_client

        assert s.slack_bot_token is not None
        client = make_client(s.slack_bot_token.get_secret_value(), s.slack_api_url, False)
        await watch_slack(client.auth_test, beat, stale / 3, stop)

    return watch, beat_probe(beat, stale, None, "last_ok")


def slack_sender(app: App) -> SlackSender | None:
    """The outbox's sender of channel "slack", or None when Slack is not configured."""
    token = app.settings.slack_bot_token
    if token is None:
        return None
    from bot.slack.app import make_client
    from bot.slack.sender import SlackSender
    from store.repositories.threads import ThreadStamps

    # The relay schedules retries itself: the sender's client does not sleep on 429.
    client = make_client(token.get_secret_value(), app.settings.slack_api_url, False)
    return SlackSender(client, stamps=ThreadStamps(app.engine))
