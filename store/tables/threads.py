"""The order conversations' threads: where each order's (or customer's) Slack thread is,
who owns it, and the customer's last mail in it (`domain.threads.thread.Thread`)."""

from __future__ import annotations

from sqlalchemy import Column, Index, String, Table

from store.tables.core import TS, id_column, metadata
from store.tables.types import JsonList

order_threads = Table(
    "order_threads",
    metadata,
    id_column(),
    Column("key", String(80), nullable=False, unique=True),  # order:CODE, customer:CODE
    Column("channel", String(80), nullable=False),
    Column("customer_code", String(64), nullable=False),
    Column("ts", String(32)),  # the parent message's, once Slack posted it
    Column("owner", String(32), nullable=False, default=""),
    Column("last_message_id", String(250), nullable=False, default=""),
    Column("references", JsonList(), nullable=False, default=list),
    Column("subject", String(300), nullable=False, default=""),
    Column("created_at", TS, nullable=False),
)
Index("ix_order_threads_ts", order_threads.c.channel, order_threads.c.ts)
