"""`/order`: every order form through the grammar, and the `/order new` modal.

`/order new` without arguments (or the customer card's *New order* button) opens the
modal; its customer picker searches with FindCustomers, and picking a customer updates
the modal with that customer's active alerts (typing lines, with the products' stock,
bot.handlers.stock); the submission is checked before the modal closes (its customer
and products looked up, bot.slack.modal_checks), then becomes one CreateOrder keyed on
the view id, so submitting twice creates one order.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import Request, run_line
from bot.handlers.exports import export_orders
from bot.handlers.stock import typed_stock
from bot.slack.app import SlackDeps
from bot.slack.cards import message_for, text_message
from bot.slack.modal import (
    CALLBACK_ID,
    CUSTOMER_PICK,
    ModalErrors,
    channel_of,
    customer_options,
    hint_for,
    order_modal,
    picked_option,
    read_submission,
)
from bot.slack.modal_checks import CHECK_BUDGET, check_of, field_errors
from domain import commands as c
from domain.cases.case import Case
from domain.customers.customer import Customer
from domain.errors import DomainError
from domain.services.order_checks import NewOrderCheck
from domain.services.views import CustomerMatch, CustomerView
from l10n.translation import gettext, speaking
from l10n.translation import render as render_text

PICKER_BUDGET = 2.5  # seconds: Slack drops an options answer after 3
log = logging.getLogger("orderbot.slack")


async def order_line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """`/order ...`; a bare `new` (or `new CUSTOMER`) opens the modal instead, and
    `export` uploads a file (bot.handlers.exports)."""
    words = text.split()
    if words and words[0].lower() == "new" and len(words) <= 2:
        view = await _customer_view(deps, words[1] if len(words) == 2 else None)
        customer = (view.customer.code, view.customer.name) if view is not None else None
        alerts = view.alerts if view is not None else ()
        modal = order_modal(request.channel, customer, alerts)
        await request.client.views_open(trigger_id=request.trigger_id, view=modal)
        return
    if words and words[0].lower() == "export":
        await export_orders(deps, request, family, text)
        return
    await run_line(deps, family, text, request.user, request.reply, request.key)


async def _customer_view(deps: SlackDeps, code: str | None) -> CustomerView | None:
    if code is None:
        return None
    try:
        view = await deps.run(c.ShowCustomer(code=code))
    except DomainError:
        return None
    return view if isinstance(view, CustomerView) else None


async def customer_alerts(deps: SlackDeps, code: str) -> tuple[Case, ...]:
    """The active alerts of the customer with this code (none when there is no such one)."""
    try:
        found = await deps.run(c.ListCases(customer=code))
    except DomainError:
        return ()
    cases = getattr(found, "items", ())
    return tuple(case for case in cases if isinstance(case, Case) and case.active_alert)


async def show_alerts(deps: SlackDeps, client: AsyncWebClient, body: dict[str, Any]) -> None:
    """A customer was picked, or lines were typed, in the modal: update it with that
    customer's active alerts and the stock of the products typed."""
    view = body.get("view") or {}
    action = (body.get("actions") or [{}])[0]
    picked = picked_option(body) if action.get("action_id") == CUSTOMER_PICK else None
    if action.get("action_id") != CUSTOMER_PICK:
        state = view.get("state", {}).get("values", {}).get("customer", {})
        picked = picked_option({"actions": [state.get(CUSTOMER_PICK) or {}]})
    alerts = await customer_alerts(deps, picked[0]) if picked is not None else ()
    modal = order_modal(channel_of(view), picked, alerts, await typed_stock(deps, view))
    try:
        await client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=modal)
    except SlackApiError as error:  # hash_conflict: the view changed since; nothing is lost
        log.info("the order modal was not updated: %s", error.response.get("error"))


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
        marks = "".join(f" ⚠ {t}" for t in item.alerts) if isinstance(item, CustomerMatch) else ""
        if isinstance(customer, Customer):
            pairs.append((customer.code, customer.name + marks))
    return pairs


async def submit_order(
    deps: SlackDeps, client: AsyncWebClient, user: str, channel: str, command: c.CreateOrder
) -> None:
    """Create the order of a submitted modal and show its card to the user."""
    try:
        result: Any = await deps.run(command)
        message = message_for(result, deps.cards)
    except DomainError as error:
        hint = hint_for(error.code)
        text = gettext("The order was not created: {reason}", reason=render_text(error.text))
        text += f"\n{hint}" if hint else ""
        message = text_message(text)
    if channel:
        await client.chat_postEphemeral(channel=channel, user=user, **message)
    else:
        await client.chat_postMessage(channel=user, **message)


async def checked(deps: SlackDeps, command: c.CreateOrder) -> dict[str, str]:
    """The modal's field errors of the quick check, in the current language; none when
    the check is too slow (the modal then closes and the factory decides)."""
    try:
        found = await asyncio.wait_for(deps.run(check_of(command)), CHECK_BUDGET)
    except (TimeoutError, DomainError):
        return {}
    return field_errors(found) if isinstance(found, NewOrderCheck) else {}


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """The modal's picker and submission (the /order command is registered by family)."""

    async def on_options(ack: AsyncAck, body: dict[str, Any]) -> None:
        pairs = await search_customers(deps, str(body.get("value", "")))
        await ack(options=customer_options(pairs))

    async def on_submit(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        view = body.get("view", {})
        user = str(body.get("user", {}).get("id", ""))
        who = body.get("user") or {}
        deps.remember(user, who.get("username") or who.get("name"))
        try:
            with speaking(deps.locales.known(user)):  # no Web API call before the ack
                command = read_submission(view, deps.door(user))
                if errors := await checked(deps, command):
                    raise ModalErrors(errors)
        except ModalErrors as error:
            await ack(response_action="errors", errors=error.errors)
            return
        await ack()
        key = f"slack:{user}:view:{view.get('id', '')}"
        command = command.model_copy(update={"idempotency_key": key})
        deps.spawn_for(client, user, submit_order(deps, client, user, channel_of(view), command))

    async def on_pick(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = str(body.get("user", {}).get("id", ""))
        deps.spawn_for(client, user, show_alerts(deps, client, body))

    app.options(CUSTOMER_PICK)(on_options)
    app.action(CUSTOMER_PICK)(on_pick)
    app.action({"block_id": "lines", "action_id": "value"})(on_pick)
    app.view(CALLBACK_ID)(on_submit)
