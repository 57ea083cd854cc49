"""Drawing and posting the order threads' outbox rows (kinds `thread_card`, `thread_post`).

A card whose thread has no parent yet is posted and its `ts` stamped on the thread; once
stamped, a card updates the parent in place (`chat.update`). A post goes into the
thread (a file is uploaded into it); while the parent is not posted yet it waits
(RETRY), except in a customer's thread, whose first post posts the parent itself.
Rows hold data, never worded text: each is worded when it is sent, in the team's
language (the `LANGUAGE` setting, whatever request the relay runs beside) with
`l10n.translation.render`, its dates and amounts in that language's way
(`l10n.formats`) and the states it names in the team's words (`bot.views.states`).
"""

from __future__ import annotations

import asyncio
import base64
from decimal import Decimal
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.views.states import order_status_word, shipment_status_word, shipping_word
from domain.outbox.messages import OutboxMessage, Outcome, SendResult
from domain.texts import Text
from domain.threads.thread import ThreadStamps
from l10n.formats import Formats
from l10n.translation import gettext, render, speaking

THREAD_KINDS = frozenset({"thread_card", "thread_post", "thread_file"})
REPLY_ACTION = "thread_reply_open"  # the card's *Reply to customer* button


def sentence(
    data: dict[str, Any],
    dates: list[str],
    formats: Formats,
    numbers: list[str] | None = None,
    states: list[str] | None = None,
) -> str:
    """A sentence of a row's payload, in the current language."""
    params = dict(data.get("params") or {})
    for name in dates:
        if params.get(name):
            params[name] = formats.date(str(params[name]))
    for name in numbers or ():
        if params.get(name):
            params[name] = formats.number(Decimal(str(params[name])))
    for name in states or ():
        if params.get(name):
            # a post naming a shipment names its status; the others, the order's
            word = shipment_status_word if "shipment" in params else order_status_word
            params[name] = word(params[name])
    return render(Text(str(data["msgid"]), params, data.get("plural"), data.get("n")))


def card_blocks(card: dict[str, Any], formats: Formats) -> tuple[str, list[dict[str, Any]]]:
    """The parent card: the fallback text and its blocks."""
    money = Formats(str(card.get("currency") or formats.currency), formats.locale)
    head = gettext(
        "{order} for {customer} ({code}): {status}, {shipping}, {total}",
        order=card["order_code"],
        customer=card["customer_name"],
        code=card["customer_code"],
        status=order_status_word(card["status"]),
        shipping=shipping_word(card["shipping"]),
        total=money.money(str(card["gross"])),
    )
    facts = [gettext("Lines: {count}", count=formats.number(int(card.get("lines") or 0)))]
    if card.get("reference"):
        facts.append(gettext("PO: {po}", po=card["reference"]))
    if card.get("requested"):
        facts.append(gettext("Requested: {day}", day=formats.date(str(card["requested"]))))
    if card.get("planned"):
        facts.append(gettext("Planned: {day}", day=formats.date(str(card["planned"]))))
    button = {
        "type": "button",
        "action_id": REPLY_ACTION,
        "value": str(card["order_code"]),
        "text": {"type": "plain_text", "text": gettext("Reply to customer")},
    }
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{head}*"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(facts)}]},
        {"type": "actions", "elements": [button]},
    ]
    return head, blocks


def post_text(payload: dict[str, Any], formats: Formats) -> str:
    """A thread post's text: the mention, the sentence, and the quote."""
    dates, numbers = list(payload.get("dates") or []), list(payload.get("numbers") or [])
    text = sentence(payload["text"], dates, formats, numbers, list(payload.get("states") or []))
    if payload.get("mention"):
        text = f"<@{payload['mention']}> {text}"
    quote = str(payload.get("quote") or "").strip()
    if quote:
        text += "\n" + "\n".join(f"> {line}" for line in quote.splitlines())
    return text


def team_formats(formats: Formats, language: str) -> Formats:
    """The sender's formats in the team's language (its currency kept)."""
    return Formats(formats.currency, language)


async def send_thread_row(
    client: AsyncWebClient, stamps: ThreadStamps, message: OutboxMessage, formats: Formats
) -> SendResult:
    """Post or update one thread row, worded in the team's language; the Slack errors are
    the caller's to classify."""
    with speaking(None) as language:  # the LANGUAGE setting's, not a request's
        return await _send(client, stamps, message, team_formats(formats, language))


async def _send(
    client: AsyncWebClient, stamps: ThreadStamps, message: OutboxMessage, formats: Formats
) -> SendResult:
    mid, payload = message.id or 0, message.payload
    key = str(payload["thread"])
    parent = await asyncio.to_thread(stamps.ts_of, key)
    if message.kind == "thread_card":
        text, blocks = card_blocks(payload["card"], formats)
        if parent is None:
            posted = await client.chat_postMessage(
                channel=message.recipient, text=text, blocks=blocks
            )
            await asyncio.to_thread(
                stamps.stamp, key, str(posted["channel"] or message.recipient), str(posted["ts"])
            )
        else:
            await client.chat_update(channel=parent[0], ts=parent[1], text=text, blocks=blocks)
        return SendResult(mid, Outcome.SENT)
    if parent is None and payload.get("parent"):
        head = sentence(payload["parent"], [], formats)
        posted = await client.chat_postMessage(channel=message.recipient, text=head)
        parent = (str(posted["channel"] or message.recipient), str(posted["ts"]))
        await asyncio.to_thread(stamps.stamp, key, *parent)
    if parent is None:
        return SendResult(mid, Outcome.RETRY, "the thread's parent is not posted yet", 5.0)
    if message.kind == "thread_file":
        await client.files_upload_v2(
            channel=parent[0],
            thread_ts=parent[1],
            filename=str(payload["filename"]),
            content=base64.b64decode(str(payload["data"])),
        )
        return SendResult(mid, Outcome.SENT)
    await client.chat_postMessage(
        channel=parent[0], thread_ts=parent[1], text=post_text(payload, formats)
    )
    return SendResult(mid, Outcome.SENT)
