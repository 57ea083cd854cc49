"""MIME parts of a received mail: the text of a body part and the attached files.

Owns walking the MIME tree tolerantly: decoding a text part whatever its declared charset
(unknown or wrong charsets become a problem and UTF-8 with replacement characters; an
undeclared one is guessed by `mail.inbound.charsets`), and
collecting attachments as (file name, content type, bytes) without descending into
attached or bounced messages, whose own parts are not files the sender sent us.
"""

from __future__ import annotations

import re
from email.message import Message, MIMEPart

from mail.inbound.charsets import decode_guessed, undeclared
from mail.inbound.headers import MAIL_POLICY, decode_text, desurrogate
from mail.inbound.mail import Attachment, MailProblem

_MAX_DEPTH = 30  # deeper nesting is an attack or a broken mail, not an order
_BODY_TYPES = frozenset(("text/plain", "text/html", "text/enriched", "text/rfc822-headers"))


def _payload_bytes(part: Message) -> bytes:
    """The decoded payload of a leaf part (base64, quoted-printable, uuencode...), or b""."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def part_text(part: MIMEPart, problems: list[MailProblem]) -> str:
    """The text of a text part; an unknown or broken charset is read as UTF-8, with a problem.

    A part that declares no charset (or us-ascii, yet holds 8-bit bytes) is decoded by
    the fallback of `mail.inbound.charsets`: its HTML meta charset, UTF-8, Windows-1252.
    """
    declared = part.get_content_charset()
    data = _payload_bytes(part)
    if undeclared(declared, data):
        return decode_guessed(data, part.get_content_subtype() == "html")[0]
    charset = declared or "us-ascii"
    try:
        content = part.get_content()
    except LookupError:
        problems.append(MailProblem("charset.unknown", f"unknown charset {charset!r}"))
        content = _payload_bytes(part).decode("utf-8", "replace")
    except Exception as exc:  # a content manager failure must not lose the mail
        problems.append(MailProblem("body.unreadable", f"{type(exc).__name__}: {exc}"[:200]))
        content = _payload_bytes(part).decode("utf-8", "replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    text = desurrogate(str(content))
    if "\ufffd" in text:
        detail = f"some characters of the body could not be decoded as {charset!r}"
        problems.append(MailProblem("charset.undecodable", detail))
    return text


_RAW_NAME = re.compile(r"""\b(?:file)?name\s*=\s*(?:"([^"]*)"|([^";]+))""", re.IGNORECASE)


def _raw_filename(part: Message) -> str:
    """The name parameter as written, for values the strict parser cuts or drops.

    `filename==?utf-8?B?...?=` (an encoded word where RFC 2231 was due) comes back empty,
    and an unquoted `name=Order list.xlsx` comes back as "Order".
    """
    for header in ("content-disposition", "content-type"):
        for raw in _raw_values(part, header):
            if m := _RAW_NAME.search(raw):
                return (m[1] if m[1] is not None else m[2]).strip()
    return ""


def _raw_values(part: Message, name: str) -> list[str]:
    """The raw, unparsed values of a header of a part."""
    return [str(v) for k, v in part.raw_items() if k.lower() == name]


def _filename(part: Message) -> str:
    """The attachment's file name, decoded, without any directory part; "" when none."""
    try:
        name = part.get_filename() or ""
    except Exception:  # a broken parameter means no usable name
        name = ""
    raw = _raw_filename(part)
    if not name or (raw.startswith(name) and len(raw) > len(name) and "=?" not in name):
        name = raw
    name = decode_text(name) if "=?" in name else desurrogate(name)
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()


def _attached_message(part: Message, problems: list[MailProblem]) -> Attachment:
    """An attached message/rfc822 as one .eml file."""
    name = _filename(part) or "attached-message.eml"
    try:
        inner = part.get_payload(0)
        data = inner.as_bytes(policy=MAIL_POLICY) if isinstance(inner, Message) else b""
    except Exception as exc:  # regenerating a broken inner mail can fail
        problems.append(MailProblem("attachment.unreadable", f"{name}: {type(exc).__name__}"))
        data = b""
    return Attachment(name, "message/rfc822", data)


def collect_attachments(msg: Message, problems: list[MailProblem]) -> list[Attachment]:
    """Every attached file, in order; body text parts and report parts are not files."""
    found: list[Attachment] = []
    _visit(msg, found, problems, 0)
    return found


def _visit(part: Message, found: list[Attachment], problems: list[MailProblem], depth: int) -> None:
    """Add `part`'s files to `found`, descending into multiparts."""
    ctype = part.get_content_type()
    if depth > _MAX_DEPTH:
        problems.append(MailProblem("mime.too_deep", f"parts nested deeper than {_MAX_DEPTH}"))
        return
    if ctype == "message/rfc822":
        found.append(_attached_message(part, problems))
        return
    if ctype.startswith("message/"):
        return  # delivery-status and the like describe a mail; they are not files
    if part.is_multipart():
        for sub in part.get_payload():
            if isinstance(sub, Message):
                _visit(sub, found, problems, depth + 1)
        return
    if ctype.startswith("multipart/"):
        problems.append(MailProblem("mime.broken_multipart", f"{ctype} without readable parts"))
        return
    filename = _filename(part)
    if not filename and part.get_content_disposition() != "attachment" and ctype in _BODY_TYPES:
        return
    found.append(
        Attachment(filename or f"attachment-{len(found) + 1}", ctype, _payload_bytes(part))
    )
