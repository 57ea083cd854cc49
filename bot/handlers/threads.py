"""Slack → customer from an order's thread: the *Send to customer* message shortcut, the
card's *Reply to customer* button (a modal), each running `ReplyToCustomer`.

Only these send: a plain message in the thread stays with the team (the `message`
events of channels are not read as commands, `bot.handlers.messages`). The shortcut
sends a rep's own message of the thread; its idempotency key is the message itself
(`client_msg_id`, else its channel and ts), the modal's its view id, so a retried
delivery or a double click sends one mail.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.app import SlackDeps
from bot.slack.threads import REPLY_ACTION
from domain import commands as c
from domain.errors import DomainError
from l10n.translation import gettext, render

SEND_SHORTCUT = "send_to_customer"  # the message shortcut's callback id (manifest)
REPLY_VIEW = "thread_reply"
REPLY_INPUT = "reply_text"


async def _tell(client: AsyncWebClient, channel: str, user: str, text: str) -> None:
    await client.chat_postEphemeral(channel=channel, user=user, text=text)


async def send_message(deps: SlackDeps, client: AsyncWebClient, body: dict[str, Any]) -> None:
    """Mail the rep's thread message to the customer of the thread."""
    user = body.get("user") or {}
    user_id = str(user.get("id", ""))
    deps.remember(user_id, user.get("username") or user.get("name"))
    channel = str((body.get("channel") or {}).get("id", ""))
    message = body.get("message") or {}
    ts, parent = str(message.get("ts", "")), str(message.get("thread_ts", ""))
    if message.get("user") != user_id:
        await _tell(client, channel, user_id, gettext("Only your own messages can be sent."))
        return
    if not parent or parent == ts:
        text = gettext("Send a message written in an order's thread.")
        await _tell(client, channel, user_id, text)
        return
    key = str(message.get("client_msg_id") or f"{channel}:{ts}")
    cmd = c.ReplyToCustomer(
        text=str(message.get("text") or ""),
        channel=channel,
        ts=parent,
        actor=user_id,
        actor_name=deps.names.get(user_id, ""),
        actor_door="slack",
        idempotency_key=f"slack:send:{key}",
    )
    try:
        await deps.run(cmd)
    except DomainError as refused:
        await _tell(client, channel, user_id, render(refused.text))


def reply_view(code: str) -> dict[str, Any]:
    """The modal a rep writes an answer to the customer of order `code` in."""
    return {
        "type": "modal",
        "callback_id": REPLY_VIEW,
        "private_metadata": code,
        "title": {"type": "plain_text", "text": gettext("Reply to customer")},
        "submit": {"type": "plain_text", "text": gettext("Send")},
        "blocks": [
            {
                "type": "input",
                "block_id": REPLY_INPUT,
                "label": {"type": "plain_text", "text": gettext("Answer to {order}", order=code)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": REPLY_INPUT,
                    "multiline": True,
                },
            }
        ],
    }


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """The shortcut, the card's button and its modal."""

    async def on_shortcut(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.handoff.spawn(send_message(deps, client, body))

    async def on_button(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        action = (body.get("actions") or [{}])[0]
        view = reply_view(str(action.get("value", "")))

        async def open_view() -> None:
            await client.views_open(trigger_id=body.get("trigger_id"), view=view)

        deps.handoff.spawn(open_view())

    async def on_submit(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        user = body.get("user") or {}
        user_id = str(user.get("id", ""))
        deps.remember(user_id, user.get("username") or user.get("name"))
        view = body.get("view") or {}
        values = (view.get("state") or {}).get("values") or {}
        text = str(((values.get(REPLY_INPUT) or {}).get(REPLY_INPUT) or {}).get("value") or "")
        cmd = c.ReplyToCustomer(
            text=text,
            code=str(view.get("private_metadata", "")),
            actor=user_id,
            actor_name=deps.names.get(user_id, ""),
            actor_door="slack",
            idempotency_key=f"slack:view:{view.get('id', '')}",
        )

        async def send() -> None:
            await deps.run(cmd)

        deps.handoff.spawn(send())

    app.shortcut(SEND_SHORTCUT)(on_shortcut)
    app.action(REPLY_ACTION)(on_button)
    app.view(REPLY_VIEW)(on_submit)
