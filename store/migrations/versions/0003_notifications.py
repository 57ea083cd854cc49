"""outbox relay state and tracking tokens (issue 6)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: the tables of this feature are added here when it is built."""


def downgrade() -> None:
    """Nothing to undo yet."""
