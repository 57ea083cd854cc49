"""slack request keys and import reviews

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: the tables of this feature are added here when it is built."""


def downgrade() -> None:
    """Nothing to undo yet."""
