"""lookup keys: indexes that the reads by a customer's or an order's code can use

Revision ID: 0020_lookup_keys
Revises: 0019_customer_language

The desk and the search read a customer's cases, catalogue sends and subscriptions with
`lower(customer_code) = ...` (codes are case-insensitive), which the plain indexes on
`customer_code` cannot serve: each read scanned the whole table. These indexes are on
the lower-cased code and the id (the reads go newest or oldest first).

The orders made from an order (`order show`) are found by `lower(parent_code)`; most
orders have no parent, and SQLite's statistics of an index holding every order's NULL
say a code matches all of them, so it walked every order by date instead. The index now
holds only the orders that have a parent (a partial index; the read names the same
condition), on SQLite and PostgreSQL. Indexes only: no row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_lookup_keys"
down_revision = "0019_customer_language"
branch_labels = None
depends_on = None

CUSTOMER_KEYS = (
    ("ix_cases_customer_key", "cases"),
    ("ix_catalogue_sends_customer_key", "catalogue_sends"),
    ("ix_subscriptions_customer_key", "subscriptions"),
)
HAS_PARENT = sa.text("parent_code IS NOT NULL")


def upgrade() -> None:
    """Index each table on (lower(customer_code), id); the parent key, partial."""
    for name, table in CUSTOMER_KEYS:
        op.create_index(name, table, [sa.text("lower(customer_code)"), "id"])
    op.drop_index("ix_orders_parent_code_key", table_name="orders")
    op.create_index(
        "ix_orders_parent_key",
        "orders",
        [sa.text("lower(parent_code)")],
        sqlite_where=HAS_PARENT,
        postgresql_where=HAS_PARENT,
    )


def downgrade() -> None:
    """The indexes as they were."""
    op.drop_index("ix_orders_parent_key", table_name="orders")
    op.create_index("ix_orders_parent_code_key", "orders", [sa.text("lower(parent_code)")])
    for name, table in CUSTOMER_KEYS:
        op.drop_index(name, table_name=table)
