"""Tables of the customer desk beside the core ones: the case priorities, the cases' logs
of notes and changes, and the customers' history. The cases and customers tables
themselves are core tables."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text, func

from domain.cases.case import EntryKind
from store.tables.core import TS, metadata
from store.tables.types import SentenceJson, StrEnumType

case_priorities = Table(
    "case_priorities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(32), nullable=False),
    Column("alert", Boolean, nullable=False, default=False),
    Column("rank", Integer, nullable=False),
)
Index("uq_case_priorities_name", func.lower(case_priorities.c.name), unique=True)

case_notes = Table(
    "case_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("at", TS, nullable=False),
    Column("author", String(120), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", StrEnumType(EntryKind), nullable=False),
    # a change as a sentence with its values, said in each reader's language; NULL on
    # notes (the author's own words) and on changes written before sentences were kept
    Column("sentence", SentenceJson()),
)

customer_history = Table(
    "customer_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_code", String(64), nullable=False),
    Column("at", TS, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("text", Text, nullable=False),
    # the entry as a sentence, said in the reader's language; NULL on rows written before
    Column("sentence", SentenceJson()),
)
# The desk reads a customer's latest entries: by code, newest first.
Index("ix_customer_history_customer_code", customer_history.c.customer_code, customer_history.c.id)
