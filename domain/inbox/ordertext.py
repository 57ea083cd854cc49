"""The order a mail's words hold: the sender's own text, else the mail they forwarded.

Owns which text of a received mail is read as its order. The sender's own words come
first; when they hold no order line, the mail they forwarded (a colleague's order sent
on; in a forward of a forward, the outermost one with order lines) is read instead, as
the sender's order, and the answer says so. The sender's own
header lines (PO, delivery address, dates) win over the forwarded mail's, and the
subject's (the sender's, then the forwarded mail's) fill what the texts leave out. A
mail whose subject names one of our orders (`[SO-00042]`) is about that order, so what
it forwards is never read as a new one. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.inbox.mail import ForwardedMail, MailIn
from domain.orders.status_requests import ORDER_PREFIXES, find_status_request
from domain.orders.textparse import ParsedOrder, parse_order_text, parse_subject

_HEADERS = ("po", "ship_to", "requested_date", "due_date")


@dataclass(frozen=True, slots=True)
class MailOrder:
    """The order read from a mail's words, and the forwarded mail it was read from."""

    parsed: ParsedOrder
    forwarded: ForwardedMail | None = None


def _fill(first: ParsedOrder, then: ParsedOrder) -> ParsedOrder:
    """`first` with the header fields it lacks taken from `then`."""
    missing = {h: getattr(then, h) for h in _HEADERS if getattr(first, h) is None}
    return replace(first, **{h: v for h, v in missing.items() if v is not None})


@dataclass(frozen=True, slots=True)
class Reader:
    """How this business's texts are read: its order codes' prefixes and its products."""

    prefixes: tuple[str, ...] = ORDER_PREFIXES
    catalogue: frozenset[str] = frozenset()

    def parse(self, text: str) -> ParsedOrder:
        return parse_order_text(text, self.prefixes, self.catalogue)


def _forwarded_order(mail: MailIn, reader: Reader) -> tuple[ForwardedMail, ParsedOrder] | None:
    """The forwarded mail the order is read from (outermost first: the first with order
    lines, else the first with anything order-like), its header fields completed by the
    other forwarded mails'; none for a mail whose subject names one of our orders."""
    if find_status_request("", mail.subject, reader.prefixes) is not None:
        return None
    read = [(f, reader.parse(f.body)) for f in mail.forwarded]
    with_lines = [(f, p) for f, p in read if p.lines]
    chosen = next(iter(with_lines or [(f, p) for f, p in read if not p.is_empty]), None)
    if chosen is None:
        return None
    forwarded, parsed = chosen
    for _, other in read:
        parsed = _fill(parsed, other)
    return forwarded, parsed


def read_mail_order(mail: MailIn, reader: Reader | None = None) -> MailOrder:
    """The order in `mail`'s words: its own text, else a forwarded mail's; the subject's
    header fields fill what the text leaves out."""
    reader = reader or Reader()
    own = reader.parse(mail.body)
    found = None if own.lines else _forwarded_order(mail, reader)
    if found is None:
        return MailOrder(_fill(own, parse_subject(mail.subject, reader.prefixes)))
    forwarded, inner = found
    merged = replace(own, lines=inner.lines, problems=own.problems + inner.problems)
    parsed = _fill(_fill(merged, inner), parse_subject(mail.subject, reader.prefixes))
    return MailOrder(_fill(parsed, parse_subject(forwarded.subject, reader.prefixes)), forwarded)
