"""order threads: each order's (and customer's) Slack thread and mail thread

Revision ID: 0017_order_threads
Revises: 0016_sent_documents

`order_threads` keeps, per order (key `order:CODE`) or per customer (`customer:CODE`),
the Slack channel and the parent message's ts, the rep who owns the conversation and
the customer's last mail (Message-ID, References, subject). Orders made before have no
thread and keep none: only orders made once SLACK_ORDERS_CHANNEL is set get one. No
existing row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_order_threads"
down_revision = "0016_sent_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `order_threads`."""
    op.create_table(
        "order_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("channel", sa.String(length=80), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=True),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("last_message_id", sa.String(length=250), nullable=False),
        sa.Column("references", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_threads")),
        sa.UniqueConstraint("key", name=op.f("uq_order_threads_key")),
    )
    op.create_index("ix_order_threads_ts", "order_threads", ["channel", "ts"])


def downgrade() -> None:
    """Drop `order_threads`."""
    op.drop_index("ix_order_threads_ts", table_name="order_threads")
    op.drop_table("order_threads")
