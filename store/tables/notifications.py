"""Tables of notifications and the tracking page: the tracking links of orders.

Only a link's salt and the SHA-256 of its token are stored; the token itself is rebuilt
with SECRET_KEY (see domain/orders/tracking.py). The outbox table itself is a core table.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from store.tables.core import TS, metadata

tracking_tokens = Table(
    "tracking_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_code", String(32), nullable=False, index=True),
    Column("salt", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("revoked_at", TS),
)
