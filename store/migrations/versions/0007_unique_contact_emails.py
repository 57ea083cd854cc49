"""contacts: an email address belongs to one customer at most

Revision ID: 0007
Revises: 0006

Each contact gets `email_key`, its address as the identity rule compares addresses
(normalised, in lower case), under a unique index. A database made before may hold an
address on several contacts: those are not merged, nor is any of them picked. They keep
their address, are flagged `email_shared` and left out of the unique index, and
`orderbot db upgrade` lists them (`store.migrate.shared_emails`) until someone keeps each
address on one contact; meanwhile a mail from such an address is matched to no customer,
and no other contact can be given it.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from domain.customers.identity import email_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_contacts = sa.table(
    "contacts",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("email_key", sa.String),
    sa.column("email_shared", sa.Boolean),
)
NOT_SHARED = "NOT email_shared"
"""The unique index's condition (the same text in store.tables.core)."""


def upgrade() -> None:
    """Add the key and the flag, fill them, then index the key."""
    # Plain ALTER TABLE, no batch: SQLite adds columns in place, and a batch would
    # reflect the tables, whose expression indexes it cannot read.
    op.drop_index("ix_contacts_email", table_name="contacts")
    op.add_column("contacts", sa.Column("email_key", sa.String(length=254), nullable=True))
    op.add_column(
        "contacts",
        sa.Column("email_shared", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    _fill_keys(op.get_bind())
    op.create_index("ix_contacts_email_key", "contacts", ["email_key"])
    op.create_index(
        "uq_contacts_email_key",
        "contacts",
        ["email_key"],
        unique=True,
        sqlite_where=sa.text(NOT_SHARED),
        postgresql_where=sa.text(NOT_SHARED),
    )


def _fill_keys(conn: sa.Connection) -> None:
    """Every contact's key; the contacts sharing one are flagged, none is preferred."""
    k = _contacts.c
    found = conn.execute(sa.select(k.id, k.email).where(k.email != ""))
    holders: dict[str, list[int]] = defaultdict(list)
    for contact_id, email in found:
        holders[email_key(email)].append(contact_id)
    rows = [
        {"cid": cid, "key": key, "shared": len(ids) > 1}
        for key, ids in holders.items()
        for cid in ids
    ]
    if rows:
        conn.execute(
            sa.update(_contacts)
            .where(_contacts.c.id == sa.bindparam("cid"))
            .values(email_key=sa.bindparam("key"), email_shared=sa.bindparam("shared")),
            rows,
        )
    shared = sum(1 for ids in holders.values() if len(ids) > 1)
    if shared:
        logging.getLogger(__name__).warning(
            "%d email addresses are on several contacts: flagged, not merged", shared
        )


def downgrade() -> None:
    """Drop the key and the flag; the plain index on lower(email) comes back."""
    op.drop_index("uq_contacts_email_key", table_name="contacts")
    op.drop_index("ix_contacts_email_key", table_name="contacts")
    op.drop_column("contacts", "email_shared")  # SQLite 3.35 and later drop in place
    op.drop_column("contacts", "email_key")
    op.create_index("ix_contacts_email", "contacts", [sa.text("lower(email)")])
