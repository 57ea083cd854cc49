"""outbox relay state and tracking tokens

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The tracking links of orders (the outbox table is in 0001)."""
    op.create_table(
        "tracking_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_code", sa.String(length=32), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_tracking_tokens_token_hash")),
    )
    with op.batch_alter_table("tracking_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracking_tokens_order_code"), ["order_code"], unique=False
        )


def downgrade() -> None:
    """Drop the tracking links."""
    with op.batch_alter_table("tracking_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracking_tokens_order_code"))
    op.drop_table("tracking_tokens")
