"""spreadsheet import sessions (issue 3)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: the tables of this feature are added here when it is built."""


def downgrade() -> None:
    """Nothing to undo yet."""
