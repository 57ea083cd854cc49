"""Card buttons: each carries a command line, run with the clicker's rights.

A double-click sends two actions with different action timestamps but the same message
and value, so the idempotency key is (user, message, value): the second click replays
the first result and changes nothing. Digests posted by earlier versions carry a *Run
again* button whose value is only the job's name (`jobs_run_again`); it runs the same
`jobs run JOB` line.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import Request, respond_reply, usage_message
from bot.language.words import UsageError
from bot.slack.app import SlackDeps
from bot.slack.cards import RUN_ACTION
from l10n.translation import gettext

EARLIER_RUN_AGAIN = "jobs_run_again"


def click_key(body: dict[str, Any], user: str, value: str) -> str:
    """The same for every click of one button on one message by one user."""
    container = body.get("container", {})
    where = container.get("message_ts") or container.get("view_id") or body.get("trigger_id")
    return f"slack:{user}:{where}:{value}"


async def run_button(deps: SlackDeps, request: Request, value: str) -> None:
    """Run the line a button carries through its family's handler."""
    family, _, text = value.strip().partition(" ")
    handle = deps.line_handlers.get(family)
    if handle is None:
        await request.reply(
            usage_message(UsageError(gettext("no command /{family}", family=family))), False
        )
        return
    await handle(deps, request, family, text)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """Every `run:N` button of every card, and the earlier digests' *Run again*."""

    async def on_click(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        action = (body.get("actions") or [{}])[0]
        value = str(action.get("value", ""))
        if action.get("action_id") == EARLIER_RUN_AGAIN:
            value = f"jobs run {value}"
        user = str(body.get("user", {}).get("id", ""))
        who = body.get("user") or {}
        deps.remember(user, who.get("username") or who.get("name"))
        request = Request(
            user=user,
            channel=str((body.get("channel") or {}).get("id", "")),
            trigger_id=str(body.get("trigger_id", "")),
            reply=respond_reply(deps, str(body.get("response_url", "")), replace=False),
            key=click_key(body, user, value),
            client=client,
        )
        deps.spawn_for(client, user, run_button(deps, request, value))

    app.action(re.compile(f"^{RUN_ACTION}:"))(on_click)
    app.action(EARLIER_RUN_AGAIN)(on_click)
