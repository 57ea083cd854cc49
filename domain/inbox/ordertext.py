"""The order a mail's words hold: the sender's own text, else the mail they forwarded.

Owns which text of a received mail is read as its order. The sender's own words come
first; when they hold no order line, the mail they forwarded (a colleague's order sent
on) is read instead, as the sender's order, and the answer says so. The sender's own
header lines (PO, delivery address, dates) win over the forwarded mail's, and the
subject's (the sender's, then the forwarded mail's) fill what the texts leave out. A
mail whose subject names one of our orders (`[SO-00042]`) is about that order, so what
it forwards is never read as a new one. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.inbox.mail import MailIn
from domain.orders.textparse import (
    ParsedOrder,
    find_status_request,
    parse_order_text,
    parse_subject,
)

_HEADERS = ("po", "ship_to", "requested_date", "due_date")


@dataclass(frozen=True, slots=True)
class MailOrder:
    """The order read from a mail's words, and whether it came from the forwarded mail."""

    parsed: ParsedOrder
    forwarded: bool = False


def _fill(first: ParsedOrder, then: ParsedOrder) -> ParsedOrder:
    """`first` with the header fields it lacks taken from `then`."""
    missing = {h: getattr(then, h) for h in _HEADERS if getattr(first, h) is None}
    return replace(first, **{h: v for h, v in missing.items() if v is not None})


def _reads_forward(mail: MailIn, own: ParsedOrder) -> bool:
    """Whether the forwarded mail is read: there is one, the sender's own words hold no
    line, and the subject names none of our orders."""
    if not mail.forwarded_body.strip() or own.lines:
        return False
    return find_status_request("", mail.subject) is None


def read_mail_order(mail: MailIn) -> MailOrder:
    """The order in `mail`'s words: its own text, else the forwarded mail; the subject's
    header fields fill what the text leaves out."""
    own = parse_order_text(mail.body)
    parsed, forwarded = own, False
    if _reads_forward(mail, own):
        inner = parse_order_text(mail.forwarded_body)
        if not inner.is_empty:
            merged = replace(own, lines=inner.lines, problems=own.problems + inner.problems)
            parsed, forwarded = _fill(merged, inner), True
    parsed = _fill(parsed, parse_subject(mail.subject))
    if forwarded:
        parsed = _fill(parsed, parse_subject(mail.forwarded_subject))
    return MailOrder(parsed, forwarded)
