"""Answers to mailed orders: the threaded reply's outbox payload, in text and HTML.

Owns what a customer reads back: the order with its lines and totals (and tracking link
when one is known), or the problems line by line (red: not taken; yellow: taken with a
change), a duplicate PO, an order's status, "not registered", "too large". Every reply
is threaded (In-Reply-To, References, `[SO-00042]` in the subject) and marked
`Auto-Submitted: auto-replied` so that other robots do not answer it. Pure: the outbox
row carries everything the mail sender needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from html import escape
from typing import Any, Literal

from domain.inbox.mail import MailIn
from domain.orders.order import SalesOrder
from domain.outbox.messages import Channel, OutboxMessage

Severity = Literal["red", "yellow"]
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|tr|fw|fwd)\s*:\s*)+", re.IGNORECASE)
_SEVERITY_LABEL = {"red": "not taken", "yellow": "taken with a change"}
_SEVERITY_COLOUR = {"red": "#b42318", "yellow": "#b54708"}
SIGNATURE = "orderbot (automatic answer: replies to this mail reach the sales team's inbox)"


@dataclass(frozen=True)
class Problem:
    """One line of the answer's problem list."""

    severity: Severity
    text: str  # the line as the customer wrote it, or a file name
    reason: str
    line_no: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The payload form."""
        return {
            "severity": self.severity,
            "line_no": self.line_no,
            "text": self.text,
            "reason": self.reason,
        }


@dataclass
class Answer:
    """What to tell the sender: an intro, an order (optional) and problems."""

    kind: str  # order, problems, duplicate_po, status, not_registered, too_large, no_order
    intro: str
    order: SalesOrder | None = None
    problems: list[Problem] = field(default_factory=list)
    tracking_url: str | None = None
    extra: list[str] = field(default_factory=list)
    order_code: str | None = None  # the order named when `order` is not shown in full


def reply_subject(subject: str, order_code: str | None) -> str:
    """`Re: <subject> [SO-00042]`, without stacking prefixes or repeating the code."""
    base = _SUBJECT_PREFIX.sub("", subject).strip() or "your mail"
    tag = f" [{order_code}]" if order_code and f"[{order_code}]" not in base else ""
    return f"Re: {base}{tag}"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _order_lines(order: SalesOrder) -> list[dict[str, str]]:
    return [
        {
            "product": line.product_code,
            "description": line.description,
            "quantity": _qty(line.quantity),
            "unit_price": _money(line.unit_price),
            "amount": _money(line.net),
        }
        for line in order.lines
    ]


def _totals(order: SalesOrder, currency: str) -> dict[str, str]:
    totals = order.totals
    return {
        "net": _money(totals.net),
        "tax": _money(totals.tax),
        "gross": _money(totals.gross),
        "currency": currency,
    }


def _text(answer: Answer, greeting: str, currency: str) -> str:
    out = [greeting, "", answer.intro]
    if answer.order is not None:
        out.append("")
        for row in _order_lines(answer.order):
            out.append(
                f"  {row['quantity']} x {row['product']}  {row['description']}"
                f"  @ {row['unit_price']} = {row['amount']}"
            )
        t = _totals(answer.order, currency)
        out.append(f"Net {t['net']} {currency}, tax {t['tax']}, total {t['gross']} {currency}.")
    if answer.problems:
        out += ["", "Please check these lines:"]
        for p in answer.problems:
            where = f"line {p.line_no}: " if p.line_no else ""
            out.append(f'  [{_SEVERITY_LABEL[p.severity]}] {where}"{p.text}" - {p.reason}')
    if answer.extra:
        out += ["", *answer.extra]
    if answer.tracking_url:
        out += ["", f"Follow your order: {answer.tracking_url}"]
    out += ["", "-- ", SIGNATURE]
    return "\n".join(out) + "\n"


def _html(answer: Answer, greeting: str, currency: str) -> str:
    parts = [f"<p>{escape(greeting)}</p>", f"<p>{escape(answer.intro)}</p>"]
    if answer.order is not None:
        rows = "".join(
            f"<tr><td>{escape(r['quantity'])}</td><td>{escape(r['product'])}</td>"
            f'<td>{escape(r["description"])}</td><td align="right">{r["unit_price"]}</td>'
            f'<td align="right">{r["amount"]}</td></tr>'
            for r in _order_lines(answer.order)
        )
        t = _totals(answer.order, currency)
        parts.append(
            "<table><tr><th>Qty</th><th>Product</th><th></th><th>Price</th><th>Amount</th>"
            f"</tr>{rows}</table><p>Net {t['net']} {escape(currency)}, tax {t['tax']}, "
            f"<b>total {t['gross']} {escape(currency)}</b>.</p>"
        )
    if answer.problems:
        items = "".join(
            f'<li style="color:{_SEVERITY_COLOUR[p.severity]}">'
            f"<b>{_SEVERITY_LABEL[p.severity]}</b>: "
            f"{'line ' + str(p.line_no) + ': ' if p.line_no else ''}"
            f"<code>{escape(p.text)}</code> - {escape(p.reason)}</li>"
            for p in answer.problems
        )
        parts.append(f"<p>Please check these lines:</p><ul>{items}</ul>")
    parts += [f"<p>{escape(line)}</p>" for line in answer.extra]
    if answer.tracking_url:
        url = escape(answer.tracking_url, quote=True)
        parts.append(f'<p><a href="{url}">Follow your order</a></p>')
    parts.append(f'<p style="color:#667085">-- <br>{escape(SIGNATURE)}</p>')
    return "<html><body>" + "".join(parts) + "</body></html>"


def reply_message(
    mail: MailIn, answer: Answer, now: datetime, currency: str, name: str = ""
) -> OutboxMessage:
    """The outbox row of a threaded answer to `mail` (kind "mail_reply")."""
    assert mail.from_address is not None  # callers only answer a readable sender
    order = answer.order
    code = order.code if order is not None else answer.order_code
    real_id = None if mail.message_id.startswith("sha256:") else mail.message_id
    references = [*mail.thread_ids, *([real_id] if real_id else [])]
    greeting = f"Hello {name}," if name else "Hello,"
    payload: dict[str, Any] = {
        "to": mail.from_address,
        "subject": reply_subject(mail.subject, code),
        "in_reply_to": real_id,
        "references": references,
        "headers": {"Auto-Submitted": "auto-replied"},
        "reply_kind": answer.kind,
        "order_code": code,
        "status": str(order.status) if order is not None else None,
        "tracking_url": answer.tracking_url,
        "lines": _order_lines(order) if order is not None else [],
        "totals": _totals(order, currency) if order is not None else None,
        "problems": [p.as_dict() for p in answer.problems],
        "text": _text(answer, greeting, currency),
        "html": _html(answer, greeting, currency),
    }
    return OutboxMessage(
        channel=Channel.EMAIL,
        kind="mail_reply",
        recipient=mail.from_address,
        created_at=now,
        payload=payload,
        order_code=code,
        key=f"mail_reply:{mail.key}",
    )


def rep_alert(
    channel: str,
    mail: MailIn,
    now: datetime,
    reason: str,
    text: str,
    order_code: str | None = None,
) -> OutboxMessage:
    """The outbox row telling reps in Slack about a mail that needs a person."""
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="rep_alert",
        recipient=channel,
        created_at=now,
        payload={
            "reason": reason,
            "text": text,
            "from": mail.from_address,
            "from_name": mail.from_name,
            "subject": mail.subject,
            "message_id": mail.message_id,
            "order_code": order_code,
            "problems": list(mail.problems),
        },
        order_code=order_code,
        key=f"rep_alert:{reason}:{mail.key}"[:200],
    )
