"""customer keys: the customer desk's cases, catalogue sends and subscriptions found by
the customer's code as it is compared, lower-cased

Revision ID: 0018_customer_keys
Revises: 0017_order_threads

The desk and the search read a customer's cases, catalogue sends and subscriptions with
`lower(customer_code) = ...` (codes are case-insensitive), which the plain indexes on
`customer_code` cannot serve: each read scanned the whole table. These indexes are on
the lower-cased code and the id (the reads go newest or oldest first), on SQLite and
PostgreSQL. Indexes only: no row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_customer_keys"
down_revision = "0017_order_threads"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_cases_customer_key", "cases"),
    ("ix_catalogue_sends_customer_key", "catalogue_sends"),
    ("ix_subscriptions_customer_key", "subscriptions"),
)


def upgrade() -> None:
    """Index each table on (lower(customer_code), id)."""
    for name, table in INDEXES:
        op.create_index(name, table, [sa.text("lower(customer_code)"), "id"])


def downgrade() -> None:
    """Drop the indexes."""
    for name, table in INDEXES:
        op.drop_index(name, table_name=table)
