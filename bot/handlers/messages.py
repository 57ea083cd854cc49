"""Direct messages to the app: a command line typed without the slash (`order show SO-1`).

Slack retries an event it thinks was not received (X-Slack-Retry-Num); each event id is
claimed through the bus before acting, so a retried or repeated event does nothing twice.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.buttons import run_button
from bot.handlers.common import Request
from bot.handlers.imports import review_file
from bot.slack.app import SlackDeps
from bot.slack.cards import text_message
from domain import commands as c
from l10n.translation import gettext


async def handle_message(
    deps: SlackDeps, client: AsyncWebClient, event_id: str, event: dict[str, Any]
) -> None:
    """Claim the event, then run its text as a command line in the DM."""
    if not await deps.run(c.ClaimDelivery(key=f"slack-event:{event_id}")):
        return
    channel = str(event.get("channel", ""))
    user = str(event.get("user", ""))

    async def reply(message: dict[str, Any], share: bool) -> None:
        await client.chat_postMessage(channel=channel, **message)

    text = str(event.get("text") or "").strip().lstrip("/")
    family = text.split(" ", 1)[0].lower()
    if family not in deps.line_handlers:
        families = ", ".join(deps.line_handlers)
        hint = gettext(
            "Type a command without the slash, e.g. `order show SO-00001`, or `help`.\n"
            "The commands are: {families}.",
            families=families,
        )
        await reply(text_message(hint), False)
        return
    request = Request(user, channel, "", reply, f"slack:{user}:event:{event_id}", client)
    await run_button(deps, request, text)


async def handle_file(
    deps: SlackDeps, client: AsyncWebClient, event_id: str, event: dict[str, Any]
) -> None:
    """Claim the event, then review the spreadsheet it carries."""
    if await deps.run(c.ClaimDelivery(key=f"slack-event:{event_id}")):
        await review_file(deps, client, event_id, event)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """Direct messages: command lines, and spreadsheets (the import review)."""

    async def on_message(
        ack: AsyncAck, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        if event.get("channel_type") != "im" or event.get("bot_id"):
            return
        event_id = str(body.get("event_id", ""))
        user = str(event.get("user", ""))
        if event.get("subtype") == "file_share":
            deps.spawn_for(client, user, handle_file(deps, client, event_id, event))
        elif not event.get("subtype"):
            deps.spawn_for(client, user, handle_message(deps, client, event_id, event))

    app.event("message")(on_message)
