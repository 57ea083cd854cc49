"""handled mails indexed by the time they were received

Revision ID: 0009
Revises: 0008

The hourly cap on answers to strangers counts, across every sender, the answers recorded
in the last hour: an index on received_at keeps that count to the last hour's rows
instead of a scan of every mail ever handled.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Index inbound_messages.received_at."""
    op.create_index(
        "ix_inbound_messages_received_at", "inbound_messages", ["received_at"], unique=False
    )


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_inbound_messages_received_at", table_name="inbound_messages")
