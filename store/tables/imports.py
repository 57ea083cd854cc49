"""Tables of the spreadsheet import: sessions between check and confirm, and their parts.

A session row holds what a person sees (file name, kind, status, skipped rows, the
result once confirmed); `import_chunks` holds its parts (see `store.imports.parts`): the
file as received (part "file"), its data rows' numbers ("numbers") and the latest
verdicts of the rows that are not plainly green ("verdicts"). The rows are read again
from the file when a process does not hold them in memory."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, Table

from store.tables.core import TS, metadata
from store.tables.types import JsonText

import_sessions = Table(
    "import_sessions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("customer_code", String(64)),
    Column("actor", String(120), nullable=False),
    Column("created_at", TS, nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("confirmed_at", TS),
    Column("header_row", Integer, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("meta", JsonText(), nullable=False),
)

import_chunks = Table(
    "import_chunks",
    metadata,
    Column(
        "session_id",
        String(32),
        ForeignKey("import_sessions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("part", String(16), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)
