"""Raw inbound mail bytes -> an `InboundMail` value the listener can decide on.

Owns reading one message as received (stdlib `email`, `policy.default`): its identity
(Message-ID, or a hash of the bytes when it has none, and the hash of its content that
tells two mails with one Message-ID apart), sender (the From header only;
Reply-To is kept apart and never decides who is ordering), subject, date, thread headers,
the text the sender wrote (quotes and signature removed, HTML read as text), the mail it
forwards (`mail.inbound.forwards`), attachments
(spreadsheets recognised), classification flags and the DMARC verdict. `parse_message`
never raises: whatever it cannot read becomes a `MailProblem`, so the listener can
answer or quarantine with a reason instead of getting stuck on a message.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from mail.inbound.body import body_text
from mail.inbound.classify import Dmarc, OwnIdentity, classify, dmarc_verdict
from mail.inbound.fingerprint import content_hash
from mail.inbound.forwards import find_forward
from mail.inbound.headers import (
    MAIL_POLICY,
    address_words,
    header_map,
    mailboxes,
    message_ids,
    normalize_message_id,
    read_date,
    read_subject,
)
from mail.inbound.mail import (
    SYNTHETIC_ID_PREFIX,
    Attachment,
    Forwarded,
    InboundMail,
    MailProblem,
)
from mail.inbound.parts import collect_attachments
from mail.inbound.quotes import strip_quoted

__all__ = [
    "Attachment",
    "Dmarc",
    "InboundMail",
    "MailProblem",
    "parse_message",
    "synthetic_message_id",
]


def parse_message(
    raw: bytes,
    own_addresses: Collection[str],
    trusted_authserv_id: str | None,
    *,
    own_message_id_domain: str | None = None,
    own_marker_header: str | None = "X-Orderbot",
) -> InboundMail:
    """Read raw message bytes into an `InboundMail`; never raises, problems are listed."""
    try:
        # MAIL_FROM may carry a display name (`Orders <orders@shop.test>`): its address counts
        addresses = frozenset((parseaddr(a)[1] or a).lower() for a in own_addresses)
        own = OwnIdentity(addresses, own_message_id_domain, own_marker_header)
        return _parse(raw, trusted_authserv_id, own)
    except Exception as exc:  # a value with a reason, never a stuck inbox
        problem = MailProblem("mail.unreadable", f"{type(exc).__name__}: {exc}"[:300])
        return InboundMail(
            message_id=synthetic_message_id(raw),
            message_id_synthetic=True,
            from_address=None,
            size=len(raw),
            problems=(problem,),
            content_hash=content_hash(raw),
        )


def synthetic_message_id(raw: bytes) -> str:
    """A stable id for a message without Message-ID: the SHA-256 of its bytes, prefixed."""
    return SYNTHETIC_ID_PREFIX + hashlib.sha256(raw).hexdigest()


def _parse(raw: bytes, trusted_authserv_id: str | None, own: OwnIdentity) -> InboundMail:
    """The parse proper; exceptions escaping it are caught by `parse_message`."""
    msg = _read_mime(raw)
    problems: list[MailProblem] = []
    headers = header_map(msg)
    real_id = normalize_message_id(headers.get("message-id", [""])[0])
    sender, from_name = _sender(headers, problems)
    subject = read_subject(headers)
    full_text, was_html = body_text(msg, problems)
    flags = classify(
        headers,
        sender=sender,
        subject=subject,
        message_id=real_id,
        content_type=msg.get_content_type(),
        report_type=str(msg.get_param("report-type", "") or "").lower(),
        own=own,
    )
    in_reply_to = message_ids(headers.get("in-reply-to", ()))
    return InboundMail(
        message_id=real_id or synthetic_message_id(raw),
        message_id_synthetic=real_id is None,
        from_address=sender,
        from_name=from_name,
        reply_to=tuple(a for a, _ in mailboxes(headers.get("reply-to", ()))),
        recipients=tuple(a for a, _ in mailboxes(headers.get("to", []) + headers.get("cc", []))),
        subject=subject,
        date=read_date(headers, problems),
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=message_ids(headers.get("references", ())),
        body=strip_quoted(full_text),
        full_text=full_text,
        body_was_html=was_html,
        forwarded=_forward(msg, full_text, subject, own, problems),
        attachments=_attachments(msg, problems),
        classification=flags,
        dmarc=dmarc_verdict(headers.get("authentication-results", ()), trusted_authserv_id),
        size=len(raw),
        problems=tuple(problems),
        content_hash=content_hash(raw),
    )


_UNQUOTED_BOUNDARY = re.compile(rb"(boundary\s*=\s*)([^\"\s;][^\s;]*)", re.IGNORECASE)


def _read_mime(raw: bytes) -> EmailMessage:
    """The MIME tree; an unquoted boundary holding `=` (old Outlook) is quoted and re-read."""
    msg = BytesParser(policy=MAIL_POLICY).parsebytes(raw)
    assert isinstance(msg, EmailMessage)  # a policy.default clone always builds EmailMessage
    if msg.get_content_maintype() != "multipart" or msg.is_multipart():
        return msg
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep or b"\n\n" in head:
        head, sep, body = raw.partition(b"\n\n")
    fixed = _UNQUOTED_BOUNDARY.sub(rb'\1"\2"', head, count=1)
    if fixed == head:
        return msg
    repaired = BytesParser(policy=MAIL_POLICY).parsebytes(fixed + sep + body)
    assert isinstance(repaired, EmailMessage)
    return repaired if repaired.is_multipart() else msg


def _sender(headers: dict[str, list[str]], problems: list[MailProblem]) -> tuple[str | None, str]:
    """The single From mailbox; several or none leave the sender unknown, with a problem."""
    values = headers.get("from", [])
    found = mailboxes(values)
    # the strict parser keeps `a@x` of `From: a@x b@x` and drops the rest: count words too
    words = set().union(*(address_words(v) for v in values)) if values else set()
    if len(values) == 1 and len(found) == 1 and words <= {found[0][0]}:
        return found[0]
    if not values:
        problems.append(MailProblem("from.missing", "the mail has no From header"))
    elif not found:
        problems.append(MailProblem("from.unreadable", f"cannot read From: {values[0][:200]}"))
    else:
        listed = ", ".join(sorted({a for a, _ in found} | words))[:200]
        problems.append(MailProblem("from.ambiguous", f"several senders in From: {listed}"))
    return None, ""


def _forward(
    msg: EmailMessage, text: str, subject: str, own: OwnIdentity, problems: list[MailProblem]
) -> tuple[Forwarded, ...]:
    """The mails forwarded in this one; a failure to find them is a problem, not an error."""
    try:
        return find_forward(msg, text, subject, own.addresses)
    except Exception as exc:  # the sender's own text may still be the order
        problems.append(MailProblem("forward.unreadable", f"{type(exc).__name__}"))
        return ()


def _attachments(msg: EmailMessage, problems: list[MailProblem]) -> tuple[Attachment, ...]:
    """The attached files; a failure to walk the parts is a problem, not an exception."""
    try:
        return tuple(collect_attachments(msg, problems))
    except Exception as exc:  # the body alone may still be an order
        problems.append(MailProblem("attachments.unreadable", f"{type(exc).__name__}"))
        return ()
