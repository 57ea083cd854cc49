"""Reading header values of received mail without ever failing on them.

Owns the tolerant reading of headers: raw values as received (unfolded, 8-bit bytes read
as UTF-8 or else Windows-1252), subjects with RFC 2047 encoded words decoded, mailbox
lists, Message-ID lists and dates. Broken values give empty results or a problem, never
an exception, because a mail with one bad header can still be an order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from mail.inbound.mail import MailProblem


class _CachedHeaderRegistry(HeaderRegistry):
    """The standard header classes, with parsed values memoised.

    `policy.default` re-parses a header on every access, and the MIME walk reads
    Content-Type of each part a dozen times; most values repeat across mails too.
    Parsed headers are read-only, so sharing them is safe.
    """

    def __call__(self, name: str, value: str) -> BaseHeader:
        """The parsed header for `name: value`, from the cache when seen before."""
        return _parse_header(self, name, value)


@lru_cache(maxsize=4096)
def _parse_header(registry: HeaderRegistry, name: str, value: str) -> BaseHeader:
    """Parse one header with the standard registry (memoised by `_CachedHeaderRegistry`)."""
    return HeaderRegistry.__call__(registry, name, value)


# policy.default with memoised header parsing; everything else is the standard policy
MAIL_POLICY = policy.default.clone(header_factory=_CachedHeaderRegistry())

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MSG_ID = re.compile(r"<([^<>\s]+)>")
_SURROGATE = re.compile("[\udc80-\udcff]")  # bytes the parser could not decode
_SPACE = re.compile(r"\s")  # the characters str.isspace() names


def desurrogate(text: str) -> str:
    """Turn bytes the parser kept as surrogates back into text (UTF-8, else Windows-1252)."""
    if not _SURROGATE.search(text):  # a regex: this runs on every header of every mail
        return text
    data = text.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def header_map(msg: EmailMessage) -> dict[str, list[str]]:
    """Every header as lower-case name -> raw values (unfolded, as text), top first."""
    found: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        text = desurrogate(re.sub(r"\r?\n(?=[ \t])", "", str(value)))
        found.setdefault(name.strip().lower(), []).append(text.strip())
    return found


def decode_text(value: str) -> str:
    """An unstructured header value with encoded words decoded; the raw text if they fail."""
    try:
        decoded = str(MAIL_POLICY.header_factory("x-text", value))
    except Exception:  # any failure of the decoder means: keep the raw text
        decoded = value
    return _CONTROL.sub("", desurrogate(decoded))


def read_subject(headers: dict[str, list[str]]) -> str:
    """The decoded subject on one line, or an empty string."""
    values = headers.get("subject")
    return " ".join(decode_text(values[0]).split()) if values else ""


def _valid_address(spec: str) -> bool:
    """An addr-spec with a local part and a domain, and no spaces."""
    local, at, domain = spec.rpartition("@")
    return bool(at and local and domain) and not _SPACE.search(spec)


_ADDRESS_TOKEN = re.compile(r"[^\s<>\"(),;:@]+@[^\s<>\"(),;:@]+")


def _pairs(value: str) -> list[tuple[str, str]]:
    """(addr-spec, display name) pairs of one address header value, as read."""
    try:
        header = MAIL_POLICY.header_factory("to", value)
        pairs = [(a.addr_spec, a.display_name) for a in getattr(header, "addresses", ())]
    except Exception:  # the strict parser failed; the lenient one may not
        pairs = [(addr, name) for name, addr in getaddresses([value])]
    if not any(_valid_address(spec) for spec, _ in pairs):
        # `From: Big Bug bb@bug.com`: no brackets, but exactly one address-like word
        tokens = _ADDRESS_TOKEN.findall(value)
        pairs = [(tokens[0], "")] if len(tokens) == 1 else pairs
    return pairs


def address_words(value: str) -> set[str]:
    """Every address-like word of a header value outside quoted display names, lower-case."""
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', " ", desurrogate(value))
    return {word.lower() for word in _ADDRESS_TOKEN.findall(unquoted)}


def mailboxes(values: Iterable[str]) -> list[tuple[str, str]]:
    """(lower-case address, display name) of every readable mailbox in address headers."""
    found: list[tuple[str, str]] = []
    for value in values:
        for spec, name in _pairs(value):
            address = desurrogate(spec).strip().lower()
            if _valid_address(address):
                found.append((address, _CONTROL.sub("", desurrogate(name)).strip()))
    return found


def normalize_message_id(value: str) -> str | None:
    """A Message-ID as `<id>`; a bare `id@host` gets its brackets; junk or empty is None."""
    if m := _MSG_ID.search(value):
        return f"<{m[1]}>"
    bare = value.strip()
    return f"<{bare}>" if "@" in bare and not any(ch.isspace() for ch in bare) else None


def message_ids(values: Iterable[str]) -> tuple[str, ...]:
    """Every Message-ID in In-Reply-To/References values, in order, without repeats."""
    found: list[str] = []
    for value in values:
        ids = [f"<{m}>" for m in _MSG_ID.findall(value)]
        single = normalize_message_id(value)
        for msg_id in ids or ([single] if single else []):
            if msg_id not in found:
                found.append(msg_id)
    return tuple(found)


def read_date(headers: dict[str, list[str]], problems: list[MailProblem]) -> datetime | None:
    """The Date header as an aware datetime (UTC when no zone is given), or None."""
    values = headers.get("date")
    if not values or not values[0].strip():
        return None
    try:
        parsed = parsedate_to_datetime(values[0])
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(MailProblem("date.unreadable", f"cannot read Date: {values[0][:100]}"))
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
