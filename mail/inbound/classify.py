"""What kind of mail this is: who must never get an answer, and what DMARC said.

Owns the flags the listener decides on: auto-replies (and out-of-office replies among
them), bounces, mailing lists, no-reply senders, our own mail coming back, and mail whose
`X-Loop` names one of our addresses (a loop with another robot: never answered); and the
DMARC verdict read from `Authentication-Results`, trusting only the headers written by
our own mail server (its authserv-id is an argument, since anyone can add such a header
before the mail reaches us). Works on already-decoded header values; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import getaddresses
from enum import StrEnum


class Dmarc(StrEnum):
    """The DMARC verdict of our own mail server for a message."""

    PASS = "pass"  # the From domain's DMARC check passed
    FAIL = "fail"  # it failed: the From address may be forged
    NONE = "none"  # no verdict from a trusted server (absent, none, temperror, ...)


@dataclass(frozen=True, slots=True)
class Classification:
    """Flags about a mail's nature; any of them means the bot must not answer it."""

    auto_reply: bool = False  # machine-sent (Auto-Submitted, Precedence bulk, ...)
    out_of_office: bool = False  # an automatic *reply* (vacation, absence): nothing to take
    bounce: bool = False  # a delivery failure report
    mailing_list: bool = False
    no_reply_sender: bool = False
    from_ourselves: bool = False
    x_loop: bool = False  # X-Loop names one of our addresses: it went round a loop

    @property
    def answerable(self) -> bool:
        """True when no flag forbids an answer."""
        return not self.reasons

    @property
    def reasons(self) -> tuple[str, ...]:
        """Names of the flags that are set, for logs and for reps."""
        names = ("auto_reply", "out_of_office", "bounce", "mailing_list", "no_reply_sender")
        return tuple(n for n in (*names, "from_ourselves", "x_loop") if getattr(self, n))


Headers = Mapping[str, Sequence[str]]  # lower-case name -> decoded values, top first

_OOO_SUBJECT = re.compile(
    r"^\s*(?:(?:re|tr|fw|fwd|aw)\s*:\s*)*(?:out\s+of\s+(?:the\s+)?office|automatic\s+reply|"
    r"auto(?:matic)?[\s-]?reply|autoreply|auto\s*:|absen(?:ce|t)\b|r[ée]ponse\s+automatique|"
    r"away\s+from\s+(?:the\s+)?office|abwesenheit)",
    re.IGNORECASE,
)
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply", re.IGNORECASE)
_DAEMONS = frozenset(("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"))


def _first(headers: Headers, name: str) -> str | None:
    """The topmost value of a header, stripped, or None when absent."""
    values = headers.get(name)
    return values[0].strip() if values else None


def _local_part(address: str | None) -> str:
    """The part of an address before the last @, lower-cased."""
    return (address or "").rpartition("@")[0].lower()


def is_auto_reply(headers: Headers, subject: str, content_type: str) -> tuple[bool, bool]:
    """(machine-sent, out-of-office reply) from RFC 3834 and the usual vendor headers."""
    submitted = (_first(headers, "auto-submitted") or "no").split(";")[0].strip().lower()
    precedence = (_first(headers, "precedence") or "").lower()
    vendor = "x-autoreply" in headers or "x-autorespond" in headers
    ooo = (
        submitted == "auto-replied"
        or vendor
        or precedence == "auto_reply"
        or bool(_OOO_SUBJECT.match(subject))
    )
    machine = ooo or submitted not in ("", "no") or precedence in ("bulk", "junk")
    return machine or content_type == "multipart/report", ooo


def is_bounce(headers: Headers, from_address: str | None, content_type: str, report: str) -> bool:
    """A delivery status report, a mail from MAILER-DAEMON/postmaster, or one with `<>` path."""
    if content_type == "multipart/report" and report == "delivery-status":
        return True
    if "x-failed-recipients" in headers or _local_part(from_address) in _DAEMONS:
        return True
    return_path = (_first(headers, "return-path") or "").strip("<> \t")
    return "return-path" in headers and (not return_path or _local_part(return_path) in _DAEMONS)


def is_mailing_list(headers: Headers) -> bool:
    """List-Id, List-Unsubscribe or Precedence: list."""
    precedence = (_first(headers, "precedence") or "").lower()
    return "list-id" in headers or "list-unsubscribe" in headers or precedence == "list"


def is_no_reply(address: str | None) -> bool:
    """A sender whose local part says not to answer (noreply, no-reply, donotreply...)."""
    return bool(_NO_REPLY.search(_local_part(address)))


@dataclass(frozen=True, slots=True)
class OwnIdentity:
    """How the bot recognises its own mail coming back to its inbox."""

    addresses: frozenset[str]  # lower-case
    message_id_domain: str | None = None  # the domain of the Message-IDs we generate
    marker_header: str | None = "X-Orderbot"  # a header every mail we send carries


def is_from_ourselves(
    headers: Headers, from_address: str | None, message_id: str | None, own: OwnIdentity
) -> bool:
    """From one of our addresses, with our Message-ID domain, or carrying our marker header."""
    if from_address and from_address.lower() in own.addresses:
        return True
    if own.marker_header and own.marker_header.lower() in headers:
        return True
    domain = (message_id or "").strip("<> ").rpartition("@")[2].lower()
    return bool(own.message_id_domain and domain == own.message_id_domain.lower())


def is_looping(headers: Headers, own: OwnIdentity) -> bool:
    """An `X-Loop` header (RFC 822-style address list, any number of them) naming one of
    our own addresses: the mail is our own coming back through another robot."""
    values = headers.get("x-loop", ())
    found = {address.lower() for _, address in getaddresses(list(values)) if address}
    return bool(found & own.addresses)


def classify(
    headers: Headers,
    *,
    sender: str | None,
    subject: str,
    message_id: str | None,
    content_type: str,
    report_type: str,
    own: OwnIdentity,
) -> Classification:
    """Every flag of a mail from its top-level headers, sender, subject and content type."""
    auto, ooo = is_auto_reply(headers, subject, content_type)
    return Classification(
        auto_reply=auto,
        out_of_office=ooo,
        bounce=is_bounce(headers, sender, content_type, report_type),
        mailing_list=is_mailing_list(headers),
        no_reply_sender=is_no_reply(sender),
        from_ourselves=is_from_ourselves(headers, sender, message_id, own),
        x_loop=is_looping(headers, own),
    )


def _strip_comments(value: str) -> str:
    """The header without (comments), which may nest and may hold ';' or '='."""
    out: list[str] = []
    depth, quoted, escaped = 0, False, False
    for ch in value:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "(" and not quoted:
            depth += 1
            continue
        elif ch == ")" and depth and not quoted:
            depth -= 1
            continue
        if depth == 0:
            out.append(ch)
    return "".join(out)


_DMARC = re.compile(r"\s*dmarc\s*=\s*([a-z]+)", re.IGNORECASE)


def dmarc_verdict(auth_results: Sequence[str], trusted_authserv_id: str | None) -> Dmarc:
    """DMARC from the topmost Authentication-Results header written by the trusted server."""
    if not trusted_authserv_id:
        return Dmarc.NONE
    for header in auth_results:  # top first: the one our server added last
        parts = _strip_comments(header).split(";")
        authserv_id = (parts[0].split() or [""])[0]
        if authserv_id.lower() != trusted_authserv_id.lower():
            continue
        for resinfo in parts[1:]:
            if m := _DMARC.match(resinfo):
                result = m[1].lower()
                return Dmarc(result) if result in ("pass", "fail") else Dmarc.NONE
    return Dmarc.NONE
