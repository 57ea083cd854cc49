"""Answers to mailed orders: what the threaded reply says, as its outbox row's data.

Owns what a customer is told back: the order with its lines and totals (and tracking
link when one is known, and whether it was read from a mail the sender forwarded), or
the problems line by line (red: not taken; yellow: taken with a change), a duplicate
PO, an order's status, "not registered", "too large", the attachments left unread, and
which help to add. Every reply is threaded (In-Reply-To, References, `[SO-00042]` in
the subject) and marked `Auto-Submitted: auto-replied` so that other robots do not
answer it. A stranger's answer never repeats their words (a fixed subject, no display
name): anyone can write anything there, in our name. Pure: the outbox row carries every
fact; the words, in the customer's language, and the text and HTML are the mail edge's
(`mail.outbound`), drawn at send time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from domain.inbox.mail import MailIn
from domain.orders.order import SalesOrder
from domain.outbox.messages import Channel, OutboxMessage
from domain.stock.rules import LineAvailability
from domain.text_data import sentence_data
from domain.texts import Text

Severity = Literal["red", "yellow"]
AnswerKind = Literal[
    "order",
    "problems",
    "duplicate_po",
    "status",
    "not_registered",
    "too_large",
    "no_order",
    "quarantined",
    "handed_over",
]
HelpTopic = Literal["order_lines", "status_request"]
UNREAD_NAMED = 50  # unread attachments named in an answer's facts (the rest are counted)
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|tr|fw|fwd)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One line of the answer's problem list."""

    severity: Severity  # red: not taken; yellow: taken with a change
    text: str | Text  # the line as the customer wrote it, or which file and row
    reason: str | Text
    line_no: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The payload form: `text` and `reason` in English (for whoever reads the row),
        and each sentence as data (`text_said`, `reason_said`), worded at send time in
        the customer's language."""
        data: dict[str, Any] = {
            "severity": self.severity,
            "line_no": self.line_no,
            "text": str(self.text),
            "reason": str(self.reason),
        }
        for name, value in (("text_said", self.text), ("reason_said", self.reason)):
            if isinstance(value, Text):
                data[name] = sentence_data(value)
        return data


@dataclass
class Answer:
    """What to tell the sender: a kind of answer and its facts, never its words.

    `order`: the order taken, or whose status is asked (a status answer without it
    found no such order for the sender); `order_code`: the order named when it is not
    shown in full (a duplicate PO's earlier order, an unknown order asked about).
    """

    kind: AnswerKind
    order: SalesOrder | None = None
    problems: list[Problem] = field(default_factory=list)
    tracking_url: str | None = None
    order_code: str | None = None
    po: str | None = None  # the customer's PO number the answer speaks of
    also: tuple[str, ...] = ()  # further orders made from the same mail
    customer_code: str | None = None  # whose PO a duplicate PO's earlier order holds
    max_mb: int | None = None  # the size limit a too-large mail broke
    help: tuple[HelpTopic, ...] = ()  # how to write an order, how to ask for a status
    unread: tuple[str, ...] = ()  # the attached spreadsheets left unread (over the cap)
    max_attachments: int | None = None  # the cap they were over
    forwarded: bool = False  # the order was read from the mail the sender forwarded
    forwarded_from: str = ""  # that mail's From as written ("" when unknown)
    # what each line of a tracked product can ship now, and when the rest is expected
    availability: tuple[LineAvailability, ...] = ()

    def facts(self) -> dict[str, Any]:
        """The facts the answer's sentences are made of, for the payload."""
        return {
            "po": self.po,
            "also": list(self.also),
            "customer": self.customer_code,
            "max_mb": self.max_mb,
            "unread": [name[:200] for name in self.unread[:UNREAD_NAMED]],
            "unread_count": len(self.unread),
            "max_attachments": self.max_attachments,
            "forwarded": self.forwarded,
            "forwarded_from": self.forwarded_from[:200],
        }


def reply_subject(subject: str, order_code: str | None) -> str:
    """`Re: <subject> [SO-00042]`, without stacking prefixes or repeating the code; a
    stranger's answer is given an empty subject, hence `Re: your mail`."""
    base = _SUBJECT_PREFIX.sub("", subject).strip() or "your mail"
    tag = f" [{order_code}]" if order_code and f"[{order_code}]" not in base else ""
    return f"Re: {base}{tag}"


def _decimal(value: Decimal) -> str:
    """A decimal as plain text, every stored decimal kept and no exponent (`12.5`, `100`)."""
    return format(value.normalize(), "f")


def _order_lines(
    order: SalesOrder, availability: tuple[LineAvailability, ...] = ()
) -> list[dict[str, str]]:
    stock = {a.line_no: a for a in availability}
    return [
        {
            "product": line.product_code,
            "description": line.description,
            "quantity": _decimal(line.quantity),
            "unit_price": _decimal(line.unit_price),
            "amount": f"{line.net:.2f}",
            **(_stock(stock[line.line_no]) if line.line_no in stock else {}),
        }
        for line in order.lines
    ]


def _stock(line: LineAvailability) -> dict[str, str]:
    """What of a line can ship now (`available`), the rest and when it is expected."""
    return {
        "availability": str(line.state),
        "available": _decimal(line.reserved),
        "wanted": _decimal(line.wanted),
        "missing": _decimal(line.missing),
        "expected": line.expected.isoformat() if line.expected else "",
    }


def _totals(order: SalesOrder) -> dict[str, str]:
    totals = order.totals
    return {
        "net": f"{totals.net:.2f}",
        "tax": f"{totals.tax:.2f}",
        "gross": f"{totals.gross:.2f}",
        "currency": order.currency,
    }


def reply_message(
    mail: MailIn,
    answer: Answer,
    now: datetime,
    name: str = "",
    language: str | None = None,
    stranger: bool = False,
) -> OutboxMessage:
    """The outbox row of a threaded answer to `mail` (kind "mail_reply"): its data only.

    The mail edge words and draws it at send time, in `language` (the customer's). To a
    `stranger` (no customer has the address) the subject is fixed and no name is said.
    """
    assert mail.from_address is not None  # callers only answer a readable sender
    order = answer.order
    code = order.code if order is not None else answer.order_code
    real_id = None if mail.message_id.startswith("sha256:") else mail.message_id
    references = [*mail.thread_ids, *([real_id] if real_id else [])]
    payload: dict[str, Any] = {
        "to": mail.from_address,
        "subject": reply_subject("" if stranger else mail.subject, code),
        "in_reply_to": real_id,
        "references": references,
        "headers": {"Auto-Submitted": "auto-replied"},
        "reply_kind": answer.kind,
        "name": "" if stranger else name,
        "language": language,  # None: the default language
        "order_code": code,
        "status": str(order.status) if order is not None else None,
        "shipping_state": str(order.shipping_state) if order is not None else None,
        "invoicing_state": str(order.invoicing_state) if order is not None else None,
        "tracking_url": answer.tracking_url,
        "lines": _order_lines(order, answer.availability) if order is not None else [],
        "totals": _totals(order) if order is not None else None,
        "problems": [p.as_dict() for p in answer.problems],
        "facts": answer.facts(),
        "help": list(answer.help),
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
    text: Text | str,
    order_code: str | None = None,
) -> OutboxMessage:
    """The outbox row telling reps in Slack about a mail that needs a person; a sentence
    is kept as data beside its English, said in the team's language when posted."""
    said = {"sentence": sentence_data(text)} if isinstance(text, Text) else {}
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="rep_alert",
        recipient=channel,
        created_at=now,
        payload={
            "reason": reason,
            "text": str(text),  # the English, for readers of earlier versions
            **said,
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
