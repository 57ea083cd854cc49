"""Tables of the scheduler and the digest: what each digest already reported.

`digest_items` holds one row per job run, dead outbox message and ended subscription a
digest reported, so each appears in exactly one digest; it is written in the digest's
own transaction, with the outbox row whose unique key names the schedule slot. Leader
and job locks need no table: PostgreSQL advisory locks, or file locks beside SQLite.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from store.tables.core import metadata

digest_items = Table(
    "digest_items",
    metadata,
    Column("kind", String(16), primary_key=True),  # run, outbox, subscription
    Column("ref_id", Integer, primary_key=True),
    Column("digest_key", String(200), nullable=False, index=True),
)
