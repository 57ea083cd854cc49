"""handled mails keyed by sender, Message-ID and content hash

Revision ID: 0008
Revises: 0007

A mail was keyed by its Message-ID alone, so a different mail reusing one was taken for
a duplicate and dropped. The key becomes (message_id, sender_key, content_hash). Rows
from before keep their Message-ID, get their sender's address as sender_key and an
empty content_hash, which the intake reads as "the same sender's mail with this
Message-ID was handled": re-reading an old mail stays a no-op.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """message_key -> message_id; add sender_key and content_hash; the new unique key."""
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender_key", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
    rows = sa.table(
        "inbound_messages",
        sa.column("sender", sa.String),
        sa.column("sender_key", sa.String),
        sa.column("content_hash", sa.String),
    )
    op.execute(
        rows.update().values(
            sender_key=sa.func.lower(sa.func.coalesce(rows.c.sender, "")), content_hash=""
        )
    )
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_constraint("uq_inbound_messages_message_key", type_="unique")
        batch_op.alter_column(
            "message_key",
            new_column_name="message_id",
            existing_type=sa.String(length=255),
            existing_nullable=False,
        )
        batch_op.alter_column("sender_key", existing_type=sa.String(length=254), nullable=False)
        batch_op.alter_column("content_hash", existing_type=sa.String(length=64), nullable=False)
    # a batch of its own: SQLite's table copy leaves out a constraint made with the rename
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_inbound_messages_key", ["message_id", "sender_key", "content_hash"]
        )


def downgrade() -> None:
    """Back to one row per Message-ID: later rows reusing one are dropped first."""
    t = sa.table("inbound_messages", sa.column("id", sa.Integer), sa.column("message_id"))
    first = sa.select(sa.func.min(t.c.id)).group_by(t.c.message_id)
    op.execute(t.delete().where(t.c.id.not_in(first)))
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_constraint("uq_inbound_messages_key", type_="unique")
        batch_op.alter_column(
            "message_id",
            new_column_name="message_key",
            existing_type=sa.String(length=255),
            existing_nullable=False,
        )
        batch_op.drop_column("content_hash")
        batch_op.drop_column("sender_key")
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_inbound_messages_message_key", ["message_key"])
