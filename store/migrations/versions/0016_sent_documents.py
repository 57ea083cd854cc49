"""documents mailed to customers, and quotes accepted by a reply

Revision ID: 0016_sent_documents
Revises: 0015_records

`sent_documents` keeps each document emailed to a customer (a quote, a confirmation, an
invoice): to whom, when, who sent it, and the key of its mail's Message-ID, by which a
reply in its thread is known; a quote keeps when a reply accepted it and that reply's
Message-ID. Nothing was sent before, so no row is written and no existing row changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.tables.types import UtcDateTime

revision = "0016_sent_documents"
down_revision = "0015_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "sent_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("document_code", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("message_key", sa.String(length=120), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("accepted_at", UtcDateTime(), nullable=True),
        sa.Column("accepted_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_documents")),
        sa.UniqueConstraint("message_key", name=op.f("uq_sent_documents_message_key")),
    )
    op.create_index("ix_sent_documents_order_code", "sent_documents", ["order_code", "id"])


def downgrade() -> None:
    """Drop the table."""
    op.drop_index("ix_sent_documents_order_code", table_name="sent_documents")
    op.drop_table("sent_documents")
