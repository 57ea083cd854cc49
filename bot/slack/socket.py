"""Socket Mode: the app connects out to Slack over a WebSocket (no public URL needed)."""

from __future__ import annotations

import asyncio

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.slack.app import SlackDeps


async def run_socket_mode(
    app: AsyncApp, app_token: str, deps: SlackDeps, stop: asyncio.Event
) -> None:
    """Stay connected until `stop`, then let in-flight work finish (8 s at most)."""
    handler = AsyncSocketModeHandler(app, app_token)
    await handler.connect_async()
    try:
        await stop.wait()
    finally:
        await handler.close_async()
        await deps.close()
