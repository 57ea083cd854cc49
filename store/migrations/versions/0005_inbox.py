"""inbox state and handled messages (issue 5)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: the tables of this feature are added here when it is built."""


def downgrade() -> None:
    """Nothing to undo yet."""
