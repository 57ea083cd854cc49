"""Tables of the order inbox: handled messages, the listener's position, failing messages.

`inbound_messages` is unique by (message_id, sender_key, content_hash), the mail's
`MailKey`: it is written in the same transaction as the order (or answer) a mail caused,
so a re-read mail can never make a second one, while another mail reusing the Message-ID
gets a row of its own. Rows kept before contents were hashed have content_hash "".
`inbox_folders` keeps UIDVALIDITY and the highest UID handled per folder;
`inbox_failures` counts failed attempts per message and keeps a quarantined mail's bytes.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from domain.inbox.mail import Outcome
from store.tables.core import TS, metadata
from store.tables.types import StrEnumType

inbound_messages = Table(
    "inbound_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", String(255), nullable=False),
    Column("sender_key", String(254), nullable=False, default=""),
    Column("content_hash", String(64), nullable=False, default=""),
    Column("received_at", TS, nullable=False),
    Column("sender", String(254)),
    Column("subject", String(300), nullable=False, default=""),
    Column("outcome", StrEnumType(Outcome), nullable=False),
    Column("reason", String(300), nullable=False, default=""),
    Column("customer_code", String(64)),
    Column("order_code", String(32), index=True),
    Column("answered", Boolean, nullable=False, default=False),
    Column("folder", String(200), nullable=False, default=""),
    Column("uid", BigInteger, nullable=False, default=0),
    # led by message_id: it also serves the look-ups by Message-ID (threads, reuse)
    UniqueConstraint("message_id", "sender_key", "content_hash", name="uq_inbound_messages_key"),
)
# The hourly answer limit counts a sender's recent answers.
Index("ix_inbound_messages_sender", inbound_messages.c.sender, inbound_messages.c.received_at)
# The hourly cap on answers to strangers counts the last hour's answers to every sender.
Index("ix_inbound_messages_received_at", inbound_messages.c.received_at)

inbox_folders = Table(
    "inbox_folders",
    metadata,
    Column("folder", String(200), primary_key=True),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("last_uid", BigInteger, nullable=False),
    Column("updated_at", TS, nullable=False),
)

inbox_failures = Table(
    "inbox_failures",
    metadata,
    Column("folder", String(200), primary_key=True),
    Column("uidvalidity", BigInteger, primary_key=True),
    Column("uid", BigInteger, primary_key=True),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("failed_at", TS, nullable=False),
    Column("quarantined_at", TS),
    Column("raw", LargeBinary),
)
