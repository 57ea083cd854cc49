"""What goes into an order's thread, as outbox rows of channel slack the sender draws.

Kinds:
- `thread_card`: the parent message, the order's card; the first one posts it and the
  sender stamps its `ts` on the thread, the later ones update it in place (`chat.update`).
- `thread_file`: a file a customer's mail carried, uploaded into the thread (its bytes in
  base64), one row a file so that a retried upload repeats nothing else.
- `thread_post`: one message in the thread: a sentence (`text`: a message id and its
  values, worded by the Slack edge in the team's language), an optional quote (a mail's
  text, a rep's answer), a rep to mention, and for a customer's thread the parent to
  post first when the thread has none yet.
Dates among a sentence's values are ISO strings named in `dates`, quantities plain
decimals named in `numbers`, states (an order's `confirmed`) their codes named in
`states`; the edge words them in the reader's language when it sends the row.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.outbox.messages import Channel, OutboxMessage
from domain.texts import Text
from domain.threads.thread import Thread

MAX_QUOTE = 3000  # characters of a mail or an answer shown in the thread


def owner_of(order: SalesOrder) -> str:
    """The Slack user who last handled the order (its newest timeline entry signed from
    Slack), or "" when no rep did."""
    for entry in reversed(order.timeline):
        if entry.actor_door == "slack" and entry.actor_id:
            return str(entry.actor_id)
    return ""


def card_data(order: SalesOrder, customer: Customer | str | None) -> dict[str, Any]:
    """The facts the parent card shows (amounts as strings, dates ISO); `customer`, or
    its name alone. An order read for new lines (`unread_lines`) gives the same facts:
    its totals, shipping state and line count are the whole order's."""
    name = customer.name if isinstance(customer, Customer) else customer
    totals = order.totals
    planned = [s.planned_date for s in order.shipments if s.planned_date is not None]
    return {
        "order_code": order.code,
        "customer_code": order.customer_code,
        "customer_name": name if name is not None else order.customer_code,
        "status": str(order.status),
        "shipping": str(order.shipping_state),
        "reference": order.reference or "",
        "gross": str(totals.gross),
        "currency": order.currency,
        "lines": order.line_count,
        "source": str(order.source or ""),
        "requested": order.requested_date.isoformat() if order.requested_date else None,
        "planned": min(planned).isoformat() if planned else None,
    }


def card_message(thread: Thread, data: dict[str, Any], now: datetime) -> OutboxMessage:
    """The row posting (or updating) an order's parent card."""
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="thread_card",
        recipient=thread.channel,
        created_at=now,
        payload={"thread": thread.key, "card": data},
        order_code=thread.order_code,
    )


def thread_post(
    thread: Thread,
    text: Text,
    now: datetime,
    quote: str = "",
    mention: str = "",
    key: str | None = None,
    parent: Text | None = None,
    states: tuple[str, ...] = (),
) -> OutboxMessage:
    """The row posting one message into a thread; `states` names the values that are
    state codes."""
    params: dict[str, Any] = {}
    dates: list[str] = []
    numbers: list[str] = []
    for name, value in text.params.items():
        if isinstance(value, date | datetime):
            params[name] = value.isoformat()
            dates.append(name)
        elif isinstance(value, Decimal):
            params[name] = format(value.normalize(), "f")
            numbers.append(name)
        else:
            params[name] = value if isinstance(value, int) else str(value)
    payload: dict[str, Any] = {
        "thread": thread.key,
        "text": {"msgid": text.msgid, "plural": text.plural, "n": text.n, "params": params},
        "dates": dates,
        "numbers": numbers,
        "states": [name for name in states if name in params],
        "quote": quote[:MAX_QUOTE],
        "mention": mention,
    }
    if parent is not None:
        payload["parent"] = {"msgid": parent.msgid, "params": dict(parent.params)}
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="thread_post",
        recipient=thread.channel,
        created_at=now,
        payload=payload,
        order_code=thread.order_code,
        key=key[:200] if key else None,
    )


def thread_file(
    thread: Thread, filename: str, data: bytes, now: datetime, key: str
) -> OutboxMessage:
    """The row uploading one file into a thread."""
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="thread_file",
        recipient=thread.channel,
        created_at=now,
        payload={
            "thread": thread.key,
            "filename": filename[:200],
            "data": base64.b64encode(data).decode("ascii"),
        },
        order_code=thread.order_code,
        key=key[:200],
    )
