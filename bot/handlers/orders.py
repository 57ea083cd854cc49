"""`/order`: every order form through the grammar, and the `/order new` modal.

`/order new` without arguments (or the customer card's *New order* button) opens the
modal; its customer picker searches with FindCustomers; the submission becomes one
CreateOrder keyed on the view id, so submitting twice creates one order.
"""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import Request, run_line
from bot.slack.app import SlackDeps
from bot.slack.cards import message_for, text_message
from bot.slack.modal import (
    CALLBACK_ID,
    CUSTOMER_PICK,
    ModalErrors,
    channel_of,
    customer_options,
    order_modal,
    read_submission,
)
from domain import commands as c
from domain.customers.customer import Customer
from domain.errors import DomainError
from domain.services.views import CustomerMatch, CustomerView

PICKER_BUDGET = 2.5  # seconds: Slack drops an options answer after 3


async def order_line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """`/order ...`; a bare `new` (or `new CUSTOMER`) opens the modal instead."""
    words = text.split()
    if words and words[0].lower() == "new" and len(words) <= 2:
        customer = await _customer_choice(deps, words[1] if len(words) == 2 else None)
        view = order_modal(request.channel, customer)
        await request.client.views_open(trigger_id=request.trigger_id, view=view)
        return
    await run_line(deps, family, text, request.user, request.reply, request.key)


async def _customer_choice(deps: SlackDeps, code: str | None) -> tuple[str, str] | None:
    if code is None:
        return None
    try:
        view = await deps.run(c.ShowCustomer(code=code))
    except DomainError:
        return None
    return (view.customer.code, view.customer.name) if isinstance(view, CustomerView) else None


async def search_customers(deps: SlackDeps, text: str) -> list[tuple[str, str]]:
    """(code, name) of the best matches, or nothing when the search is too slow."""
    if not text.strip():
        return []
    try:
        found = await asyncio.wait_for(deps.run(c.FindCustomers(text=text)), PICKER_BUDGET)
    except (TimeoutError, DomainError):
        return []
    pairs = []
    for item in getattr(found, "items", ()):
        customer = item.customer if isinstance(item, CustomerMatch) else item
        if isinstance(customer, Customer):
            pairs.append((customer.code, customer.name))
    return pairs


async def submit_order(
    deps: SlackDeps, client: AsyncWebClient, user: str, channel: str, command: c.CreateOrder
) -> None:
    """Create the order of a submitted modal and show its card to the user."""
    try:
        result: Any = await deps.run(command)
        message = message_for(result, deps.cards)
    except DomainError as error:
        message = text_message(f"The order was not created: {error.message}")
    if channel:
        await client.chat_postEphemeral(channel=channel, user=user, **message)
    else:
        await client.chat_postMessage(channel=user, **message)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """The modal's picker and submission (the /order command is registered by family)."""

    async def on_options(ack: AsyncAck, body: dict[str, Any]) -> None:
        pairs = await search_customers(deps, str(body.get("value", "")))
        await ack(options=customer_options(pairs))

    async def on_submit(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        view = body.get("view", {})
        user = str(body.get("user", {}).get("id", ""))
        try:
            command = read_submission(view, deps.door(user))
        except ModalErrors as error:
            await ack(response_action="errors", errors=error.errors)
            return
        await ack()
        key = f"slack:{user}:view:{view.get('id', '')}"
        command = command.model_copy(update={"idempotency_key": key})
        deps.handoff.spawn(submit_order(deps, client, user, channel_of(view), command))

    app.options(CUSTOMER_PICK)(on_options)
    app.view(CALLBACK_ID)(on_submit)
