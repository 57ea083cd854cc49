"""What makes two deliveries the same mail: a hash of its content, transit headers left out.

Owns `content_hash`. A mail delivered twice (two folders, a resend by a relay, a second
MX) is the same bytes except the headers servers add on the way: Received, Return-Path,
Delivered-To, Authentication-Results, ARC and DKIM signatures, and the X- headers of
filters and scanners. Those are dropped, line endings are made one form, and the rest
(the sender's headers and the body) is hashed. Two different mails that reuse one
Message-ID (broken mailers do) hash differently, so neither hides the other.
"""

from __future__ import annotations

import hashlib

# Headers written by servers and filters on the way, never by the sender.
TRANSIT_HEADERS = frozenset(
    {
        b"received",
        b"return-path",
        b"delivered-to",
        b"x-original-to",
        b"envelope-to",
        b"authentication-results",
        b"received-spf",
        b"dkim-signature",
    }
)
_TRANSIT_PREFIXES = (b"x-", b"arc-")


def _is_transit(field: bytes) -> bool:
    name = field.split(b":", 1)[0].strip().lower()
    return name in TRANSIT_HEADERS or name.startswith(_TRANSIT_PREFIXES)


def content_hash(raw: bytes) -> str:
    """SHA-256 (hex) of the mail without its transit headers, line endings as LF."""
    text = raw.replace(b"\r\n", b"\n")
    head, sep, body = text.partition(b"\n\n")
    if not sep:  # headers only (a mail fetched without its body, or no body at all)
        head, body = text, b""
    fields: list[list[bytes]] = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)  # a folded continuation of the field above
        else:
            fields.append([line])
    kept = b"\n".join(b"\n".join(f) for f in fields if not _is_transit(f[0]))
    return hashlib.sha256(kept + b"\n\n" + body).hexdigest()
