"""scheduler leases and subscription job keys

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """What each digest reported (the subscription key is the orders' unique constraint)."""
    op.create_table(
        "digest_items",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("digest_key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("kind", "ref_id", name=op.f("pk_digest_items")),
    )
    with op.batch_alter_table("digest_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digest_items_digest_key"), ["digest_key"])


def downgrade() -> None:
    """Drop the digest's reported items."""
    with op.batch_alter_table("digest_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_items_digest_key"))
    op.drop_table("digest_items")
