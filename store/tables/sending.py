"""The table of documents mailed to customers (`domain.sending.sent`): which document, to
whom, the key of its mail's Message-ID, and a quote's acceptance by a reply."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table

from store.tables.core import TS, metadata

sent_documents = Table(
    "sent_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_code", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("document_code", String(32), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("message_key", String(120), nullable=False, unique=True),
    Column("sent_at", TS, nullable=False),
    Column("actor", String(120), nullable=False, default=""),
    Column("accepted_at", TS),
    Column("accepted_by", String(255)),
    Index("ix_sent_documents_order_code", "order_code", "id"),
)
