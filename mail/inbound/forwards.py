"""A forwarded mail inside a received mail: inline under its marker line, or attached.

Owns finding the mail a customer forwarded, so an order a colleague wrote can be read as
the forwarder's: the first `message/rfc822` part (mutt, Apple Mail, Outlook's "forward
as attachment"; its own spreadsheets come with it), else the text under an inline marker
line (Gmail's and Thunderbird's "---------- Forwarded message ---------", mutt's "-----
Forwarded message from ... -----", Apple Mail's "Begin forwarded message:", their French
and Danish wordings) and the header block that follows it. Outlook writes the same
marker ("-----Original Message-----", or a bare `From:`/`Sent:` block) above the mail it
quotes in a reply and in a forward, so those count only under a forward's subject
(`FW:`, `TR:`, `VS:`...). A reply is never read as a forward: not when its subject
starts with a reply prefix, and not for a marker inside what it quotes (after a `>` line
or an "On ... wrote:"). A forward of a forward is followed, outermost first; a forward of one
of our own mails is no order of the customer's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from email.message import EmailMessage, Message

from mail.inbound.body import body_text
from mail.inbound.headers import address_words, decode_text, normalize_message_id
from mail.inbound.mail import Forwarded
from mail.inbound.parts import collect_attachments
from mail.inbound.quotes import (
    FORWARD_MARKER,
    ORIGINAL_MARKER,
    is_quoted_header_block,
    starts_reply_quote,
    strip_quoted,
)

_MAX_DEPTH = 10  # a forward lies near the top of the MIME tree
_MAX_CHAIN = 5  # forwards of forwards followed, outermost first
_REPLY_PREFIX = re.compile(r"\s*(?:re|aw|sv|antw|r)\s*:", re.IGNORECASE)
_FORWARD_PREFIX = re.compile(
    r"\s*(?:(?:fwd?|tr|wg|vs|vb|rv|enc)\s*:|\[[^\]]*:[^\]]*\]\s*$)", re.IGNORECASE
)
_HEADER = re.compile(
    r"\*?(?P<name>from|de|fra|von|subject|objet|emne|betreff|date|dato|datum|sent|envoy[ée]|"
    r"sendt|gesendet|to|[àa]|til|an|cc|bcc|reply-to)\s*\*?\s*:\s*\*?\s*(?P<value>.*)",
    re.IGNORECASE,
)
# the header names of the forwarded block in other languages, as the English one
_NAMES = {
    **dict.fromkeys(("de", "fra", "von"), "from"),
    **dict.fromkeys(("objet", "emne", "betreff"), "subject"),
}
_END = re.compile(r"-{2,}\s*end\s+(?:of\s+)?forwarded\s+message\s*-{2,}", re.IGNORECASE)


def find_forward(
    msg: EmailMessage, text: str, subject: str, own: Collection[str]
) -> tuple[Forwarded, ...]:
    """The mails forwarded in `msg`, outermost first: the attached one, else the one inline
    in its body `text`, then those forwarded inside it. None for a reply or a bounce; the
    chain stops before a mail of ours (`own` addresses)."""
    if _REPLY_PREFIX.match(subject) or msg.get_content_type() == "multipart/report":
        return ()
    ours = {a.lower() for a in own}
    chain: list[Forwarded] = []
    found = attached_forward(msg) or _inline(text, subject)
    while found is not None and len(chain) < _MAX_CHAIN:
        forwarded, rest = found
        if address_words(forwarded.sender) & ours:
            break
        chain.append(forwarded)
        found = _inline(rest, forwarded.subject)
    return tuple(chain)


def _sub_parts(part: Message, depth: int = 0) -> Iterator[Message]:
    """The parts of a multipart, depth first, without entering attached messages."""
    if depth > _MAX_DEPTH or not part.is_multipart():
        return
    for sub in part.get_payload():
        if isinstance(sub, Message):
            yield sub
            if sub.get_content_maintype() == "multipart":
                yield from _sub_parts(sub, depth + 1)


def attached_forward(msg: EmailMessage) -> tuple[Forwarded, str] | None:
    """The first attached message/rfc822 read as a forward, and its whole text body."""
    for part in _sub_parts(msg):
        if part.get_content_type() != "message/rfc822":
            continue
        inner = part.get_payload(0) if part.is_multipart() else None
        if not isinstance(inner, EmailMessage):
            continue
        text, _ = body_text(inner, [])
        sender = decode_text(str(inner.get("from", "")))
        subject = " ".join(decode_text(str(inner.get("subject", ""))).split())
        sheets = tuple(a for a in collect_attachments(inner, []) if a.order_file_kind)
        message_id = normalize_message_id(str(inner.get("message-id", ""))) or ""
        forwarded = Forwarded(
            strip_quoted(text).strip(), sender[:300], subject[:300], True, sheets, message_id
        )
        return forwarded, text
    return None


def _marker_at(lines: list[str], i: int, forward_subject: bool) -> int | None:
    """Where the forwarded header block starts when line `i` marks a forward, else None."""
    line = lines[i].strip()
    if FORWARD_MARKER.fullmatch(line):
        return i + 1
    if not forward_subject:
        return None
    if ORIGINAL_MARKER.fullmatch(line):
        return i + 1
    if is_quoted_header_block(lines, i):
        return i + 1 if line.startswith("_") else i
    return None


def inline_forward(text: str, subject: str) -> Forwarded | None:
    """The mail under the first forward marker of `text`, before any quote of a reply."""
    found = _inline(text, subject)
    return found[0] if found is not None else None


def _inline(text: str, subject: str) -> tuple[Forwarded, str] | None:
    """The inline forwarded mail of `text`, and the whole text below its header block."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    forward_subject = bool(_FORWARD_PREFIX.match(subject))
    for i in range(len(lines)):
        if starts_reply_quote(lines, i):
            return None
        start = _marker_at(lines, i, forward_subject)
        if start is not None:
            return _read_forward(lines[start:])
    return None


def _read_forward(lines: list[str]) -> tuple[Forwarded, str]:
    """A forwarded mail from its header block (From:, Subject:...) and the text below it;
    and that text whole (what it forwards in turn included)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fields: dict[str, str] = {}
    last = ""
    while i < len(lines):
        line = lines[i]
        if m := _HEADER.fullmatch(line.strip()):
            last = m["name"].lower()
            fields.setdefault(_NAMES.get(last, last), m["value"].strip().strip("*").strip())
        elif not (last and line.strip() and line[:1] in " \t"):  # a folded header goes on
            break
        i += 1
    body: list[str] = []
    for line in lines[i:]:
        if _END.fullmatch(line.strip()):
            break
        body.append(line)
    whole = "\n".join(body)
    sender, subject = fields.get("from", "")[:300], fields.get("subject", "")[:300]
    return Forwarded(strip_quoted(whole).strip(), sender, subject), whole
