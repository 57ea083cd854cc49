"""customers: a search key; orders: indexes for lists and for codes and PO numbers

Revision ID: 0011_customer_search
Revises: 0010_cases

Each customer gets `search_key`, every word a search may find it by, folded
(`domain.customers.search.search_key`), filled here for the customers already there and
kept on every write since. On PostgreSQL the key's words are also kept as a tsvector
(a stored generated column, `search_words`) under a GIN index, which the search uses;
SQLite reads the keys. Orders get the indexes their lists walk (newest first, of
everyone or of one customer) and their codes and PO numbers in lower case (what a
search for either compares).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from domain.customers.search import search_key_of

revision = "0011_customer_search"
down_revision = "0010_cases"
branch_labels = None
depends_on = None

SEARCH_WORDS = (
    "ALTER TABLE customers ADD COLUMN search_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_key)) STORED"
)
"""PostgreSQL: the key's words as a tsvector, worked out once per write (a search that
reads them all then only compares), under a GIN index (see store.tables.core)."""
BATCH = 500

_customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("vat_number", sa.String),
    sa.column("search_key", sa.Text),
)
_addresses = sa.table(
    "addresses",
    sa.column("customer_id", sa.Integer),
    sa.column("street", sa.String),
    sa.column("postal_code", sa.String),
    sa.column("city", sa.String),
)
_contacts = sa.table(
    "contacts",
    sa.column("customer_id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("phone", sa.String),
)


def upgrade() -> None:
    """Add the key, fill it, index it; index the orders."""
    # Plain ALTER TABLE, no batch (as 0007): SQLite adds a column in place.
    op.add_column(
        "customers", sa.Column("search_key", sa.Text(), nullable=False, server_default="")
    )
    _fill_keys(op.get_bind())
    if op.get_bind().dialect.name == "postgresql":
        op.execute(SEARCH_WORDS)
        op.create_index(
            "ix_customers_search_words", "customers", ["search_words"], postgresql_using="gin"
        )
    op.create_index("ix_orders_created", "orders", ["created_at", "id"])
    op.create_index(
        "ix_orders_customer_created",
        "orders",
        [sa.text("lower(customer_code)"), "created_at", "id"],
    )
    op.create_index("ix_orders_code_key", "orders", [sa.text("lower(code)")])
    op.create_index("ix_orders_reference_key", "orders", [sa.text("lower(reference)")])


def _fill_keys(conn: sa.Connection) -> None:
    """The key of every customer, a batch of customers at a time."""
    last = 0
    while True:
        heads = conn.execute(
            sa.select(_customers.c.id, _customers.c.code, _customers.c.name,
                      _customers.c.vat_number)
            .where(_customers.c.id > last)
            .order_by(_customers.c.id)
            .limit(BATCH)
        ).all()  # fmt: skip
        if not heads:
            return
        ids = [row.id for row in heads]
        places: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for a in conn.execute(sa.select(_addresses).where(_addresses.c.customer_id.in_(ids))):
            places[a.customer_id].append((a.street, a.postal_code, a.city))
        contacts: dict[int, list[Any]] = defaultdict(list)
        for k in conn.execute(sa.select(_contacts).where(_contacts.c.customer_id.in_(ids))):
            contacts[k.customer_id].append(k)
        keys = [
            {
                "cid": row.id,
                "key": search_key_of(
                    row.code,
                    row.name,
                    row.vat_number,
                    [k.email for k in contacts[row.id] if k.email],
                    [k.phone for k in contacts[row.id] if k.phone],
                    places[row.id],
                ),
            }
            for row in heads
        ]
        conn.execute(
            sa.update(_customers)
            .where(_customers.c.id == sa.bindparam("cid"))
            .values(search_key=sa.bindparam("key")),
            keys,
        )
        last = ids[-1]


def downgrade() -> None:
    """Drop the indexes and the key."""
    op.drop_index("ix_orders_reference_key", table_name="orders")
    op.drop_index("ix_orders_code_key", table_name="orders")
    op.drop_index("ix_orders_customer_created", table_name="orders")
    op.drop_index("ix_orders_created", table_name="orders")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_customers_search_words", table_name="customers")
        op.drop_column("customers", "search_words")
    op.drop_column("customers", "search_key")  # SQLite 3.35 and later drop in place
