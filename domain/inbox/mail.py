"""The order inbox as the domain sees it: a received mail, what became of it, the ports.

Owns the values the mail edge hands to the intake service (`MailIn`: who wrote, what,
the mail it forwards, in which thread, what kind of mail, the DMARC verdict), the rules
the settings choose (`IntakeRules`), the outcome of each mail (`MailOutcome`), the
once-and-only-once key of a mail (`MailKey`: sender, Message-ID and a hash of the
content, so that a mail read twice is one while two different mails that reuse a
Message-ID are two), the record kept per handled mail (`InboundRecord`, unique by that
key), and the ports: the repository of handled messages and the listener's own state
(UIDVALIDITY, the highest UID handled, attempts of failing messages, quarantined raw
bytes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from domain.customers.customer import Customer
from domain.orders.tracking import TrackingToken
from domain.outbox.messages import OutboxMessage

# Flags (mail/classify reasons) after which a mail is neither taken nor answered; x_loop:
# its X-Loop header names our own address, so answering it would feed a loop.
IGNORED_FLAGS = frozenset({"bounce", "out_of_office", "mailing_list", "from_ourselves", "x_loop"})
# Flags after which an order is still taken (another system's automatic mail) but the
# sender never gets an answer.
SILENT_FLAGS = frozenset({"auto_reply", "no_reply_sender"})
MAX_KEY_LENGTH = 250
MAX_FILES = 5  # other files of a mail kept for the thread
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ADDRESS_LENGTH = 254  # the longest path RFC 5321 lets a mail be sent to
# The reason of a mail whose key was handled before: a re-read, or a byte-identical copy.
ALREADY_HANDLED = "the same mail was handled before (a re-read or a copy): nothing done again"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def message_key(message_id: str) -> str:
    """The Message-ID part of a mail's key: the Message-ID, or a hash of one too long."""
    if len(message_id) <= MAX_KEY_LENGTH:
        return message_id
    return "sha256:" + _sha256(message_id)


def sender_key(address: str | None) -> str:
    """The sender part of a mail's key: the address lower-cased ("" when unreadable, a
    hash when longer than any address can be)."""
    lowered = (address or "").strip().lower()
    return lowered if len(lowered) <= MAX_ADDRESS_LENGTH else "sha256:" + _sha256(lowered)


@dataclass(frozen=True)
class MailKey:
    """The once-and-only-once key of a received mail.

    `content` is the hash of the mail without the headers added in transit; it is ""
    on records kept before contents were hashed, and on mails built without one.
    """

    message_id: str
    sender: str
    content: str

    @property
    def digest(self) -> str:
        """The key as one short string (outbox keys, logs)."""
        return "mail:" + _sha256("\x00".join((self.message_id, self.sender, self.content)))[:40]


class Seen(StrEnum):
    """What the records say about a mail's key."""

    NEW = "new"
    SAME = "same"  # this very mail was handled before: nothing to do again
    REUSED = "reused"  # a different mail with this Message-ID was: a person looks at it


def seen_before(key: MailKey, recorded: Iterable[MailKey]) -> Seen:
    """Whether `key` is new, was handled, or reuses the Message-ID of another mail.

    A record without a content hash (kept before contents were hashed) is the same mail
    when the sender is the same: a re-read of an old mail stays a no-op.
    """
    found = Seen.NEW
    for other in recorded:
        if other.message_id != key.message_id:
            continue
        unhashed = not other.content or not key.content
        if other == key or (unhashed and other.sender == key.sender):
            return Seen.SAME
        found = Seen.REUSED
    return found


def thread_ids(references: Sequence[str], in_reply_to: str | None) -> tuple[str, ...]:
    """The Message-IDs a mail answers: its References, then In-Reply-To if not among them."""
    ids = list(references)
    if in_reply_to and in_reply_to not in ids:
        ids.append(in_reply_to)
    return tuple(ids)


class MailAttachment(BaseModel):
    """An order file attached to a mail: its name, kind (xlsx, csv... or pdf, xml for an
    Order-X PDF or an order XML, read by the import engine from their XML only) and bytes."""

    model_config = ConfigDict(frozen=True)
    filename: str
    kind: str
    data: bytes
    path: str = ""  # where the mail edge saved it for the import engine to read


class ForwardedMail(BaseModel):
    """A mail forwarded inside a received one: what its author wrote, its From and Subject
    as written, and its Message-ID when known."""

    model_config = ConfigDict(frozen=True)
    body: str
    sender: str = ""
    subject: str = ""
    message_id: str = ""  # known when it came attached (message/rfc822)


class MailIn(BaseModel):
    """One received mail, as the mail edge read it; `uid` and `folder` say where it lies."""

    model_config = ConfigDict(frozen=True)
    message_id: str
    from_address: str | None
    from_name: str = ""
    subject: str = ""
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    body: str = ""
    # the mails this one forwards, outermost first (a forward of a forward...)
    forwarded: tuple[ForwardedMail, ...] = ()
    attachments: tuple[MailAttachment, ...] = ()
    # the other files attached (a PDF, a photo), for a person: uploaded into the thread
    # of a mail handed over to one (`MAX_FILES`, at most `MAX_FILE_BYTES` each)
    files: tuple[MailAttachment, ...] = ()
    flags: tuple[str, ...] = ()  # classification reasons: bounce, auto_reply, ...
    dmarc: str = "none"  # pass, fail or none (no verdict from the trusted server)
    problems: tuple[str, ...] = ()  # what could not be read, for reps
    size: int = 0
    too_large: bool = False  # over MAX_ATTACHMENT_MB: only the header was fetched
    folder: str = ""
    uid: int = 0
    content_hash: str = ""  # of the mail without its transit headers
    unread_attachments: tuple[str, ...] = ()  # names of the spreadsheets beyond the cap

    def within(self, max_attachments: int) -> MailIn:
        """The mail with only its first `max_attachments` spreadsheets left to read; the
        names of the others are kept in `unread_attachments`."""
        if len(self.attachments) <= max_attachments:
            return self
        kept, rest = self.attachments[:max_attachments], self.attachments[max_attachments:]
        unread = (*(a.filename for a in rest), *self.unread_attachments)
        return self.model_copy(update={"attachments": kept, "unread_attachments": unread})

    @property
    def identity(self) -> MailKey:
        """The once-and-only-once key of this mail: sender, Message-ID, content."""
        return MailKey(
            message_key(self.message_id), sender_key(self.from_address), self.content_hash
        )

    @property
    def key(self) -> str:
        """The key as one short string (outbox keys, logs)."""
        return self.identity.digest

    @property
    def ignored_because(self) -> str | None:
        """The flag that makes this mail nothing to take (bounce, out of office...)."""
        return next((f for f in self.flags if f in IGNORED_FLAGS), None)

    @property
    def silent_because(self) -> str | None:
        """The flag that forbids answering while the order is still taken."""
        return next((f for f in self.flags if f in SILENT_FLAGS), None)

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """The Message-IDs this mail answers: References, then In-Reply-To."""
        return thread_ids(self.references, self.in_reply_to)


class IntakeRules(BaseModel):
    """What the settings decide about mail orders."""

    model_config = ConfigDict(frozen=True)
    confirm_orders: bool = False  # ORDER_CONFIRM_EMAIL=confirmed
    answers_per_hour: int = 5  # at most this many answers to one sender per hour
    rep_channel: str = "reps"  # Slack channel where reps are told (SLACK_DIGEST_CHANNEL)
    max_mb: int = 10  # MAX_ATTACHMENT_MB, quoted in the "too large" answer
    max_attachments: int = 10  # MAIL_MAX_ATTACHMENTS: spreadsheets read per mail
    # MAIL_STRANGER_ANSWERS_PER_HOUR: "not registered" answers per hour, all strangers
    # together, so that forged senders cannot turn the inbox into a source of backscatter
    stranger_answers_per_hour: int = 20


class Outcome(StrEnum):
    """What became of one mail."""

    ORDERED = "ordered"  # an order was created (confirmation sent unless silent)
    HELD = "held"  # DMARC failed or Message-ID reused: a draft waits for a rep, sender not told
    ANSWERED = "answered"  # no order; the sender got an answer, or the reason says why not
    IGNORED = "ignored"  # an automatic mail, bounce or our own: nothing taken, no answer
    DUPLICATE = "duplicate"  # this very mail was handled before: nothing done again
    QUARANTINED = "quarantined"  # it kept failing; moved aside, reps told


@dataclass(frozen=True)
class MailOutcome:
    """The outcome of one mail, with the order it made and why."""

    message_id: str
    uid: int
    outcome: Outcome
    reason: str = ""
    order_code: str | None = None
    answered: bool = False


@dataclass(frozen=True)
class IntakeReport:
    """The outcomes of a batch of mails, in the order given."""

    outcomes: tuple[MailOutcome, ...]

    def ref(self) -> str:
        """A short summary, for idempotent replays and logs."""
        return f"intake:{len(self.outcomes)}"


@dataclass
class InboundRecord:
    """A handled message: the row whose unique key makes a re-read a no-op."""

    key: MailKey
    received_at: datetime
    sender: str | None
    subject: str
    outcome: Outcome
    reason: str = ""
    customer_code: str | None = None
    order_code: str | None = None
    answered: bool = False
    folder: str = ""
    uid: int = 0


class InboundRepository(Protocol):
    """Handled messages, keyed by `MailKey`, and the intake's bulk writes."""

    def add_messages(self, messages: Sequence[OutboxMessage]) -> None:
        """Queue outbox messages (answers, rep alerts) in bulk."""
        ...

    def add_links(self, tokens: Sequence[TrackingToken]) -> None:
        """Store new orders' tracking links in bulk."""
        ...

    def recorded(self, message_ids: Iterable[str]) -> list[MailKey]:
        """The keys of every handled mail with one of these Message-IDs (`message_key`)."""
        ...

    def add_many(self, records: Sequence[InboundRecord]) -> None:
        """Record handled messages (the unique key refuses a second one)."""
        ...

    def answers_since(self, senders: Iterable[str], since: datetime) -> dict[str, int]:
        """How many answers went to each of these senders since `since` (absent: none)."""
        ...

    def stranger_answers_since(self, since: datetime) -> int:
        """How many answers went to senders no customer has (recorded without a customer)
        since `since`, all of them together."""
        ...

    def order_of(self, message_ids: Iterable[str]) -> str | None:
        """The order made by one of these messages (a reply on its thread), if any."""
        ...

    def senders(self, addresses: Iterable[str]) -> dict[str, Customer]:
        """The customer a contact of which has each address, by `identity.email_key`: an
        address no customer has, or several share (a database made before addresses were
        unique), is left out, so a mail resolves to exactly one customer or none."""
        ...

    def deferred(self) -> AbstractContextManager[None]:
        """Within it, the batch's writes reach the database only at commit.

        Reads then see the database as it was before the batch: the intake keeps what
        the batch itself made (orders, POs, records) and checks that first.
        """
        ...


@dataclass(frozen=True)
class FolderState:
    """The listener's position in a folder: UIDVALIDITY and the highest UID handled."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class Failure:
    """A message that failed and is not quarantined yet: attempts so far, and when the
    last one failed."""

    attempts: int
    failed_at: datetime


class InboxState(Protocol):
    """The listener's memory across restarts, kept in the database."""

    def load(self, folder: str) -> FolderState | None:
        """The saved position in `folder`, or None the first time."""
        ...

    def save(self, folder: str, state: FolderState) -> None:
        """Remember the position in `folder`."""
        ...

    def record_failure(
        self, folder: str, uidvalidity: int, uid: int, error: str, at: datetime
    ) -> int:
        """Count one more failed attempt at a message; returns the attempts so far."""
        ...

    def failures(self, folder: str, uidvalidity: int) -> dict[int, Failure]:
        """The messages of `folder` that failed and are not quarantined, by UID."""
        ...

    def keep_quarantined(
        self, folder: str, uidvalidity: int, uid: int, raw: bytes, reason: str, at: datetime
    ) -> None:
        """Keep the raw bytes of a quarantined message."""
        ...
