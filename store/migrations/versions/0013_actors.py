"""timeline: who did it (door, id, name)

Revision ID: 0013_actors
Revises: 0012_order_money

Every entry of an order's timeline records its actor (`domain.actors`): the door (slack,
console, cli, email, import, job), the id there and a name for people. Entries written
before have no actor: they get the door `unknown`, which the views show as such, and
the bus never signs them again (it signs only entries whose door is empty).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_actors"
down_revision = "0012_order_money"
branch_labels = None
depends_on = None

COLUMNS = ("actor_door", "actor_id", "actor_name")


def upgrade() -> None:
    """Add the actor columns; the rows already there are by an unknown actor."""
    # Plain ADD/DROP COLUMN (SQLite has both): a batch copy of the table would reflect
    # the orders table it refers to, whose expression index SQLite cannot reflect.
    for name, size in zip(COLUMNS, (16, 255, 255), strict=True):
        op.add_column(
            "timeline", sa.Column(name, sa.String(size), nullable=False, server_default="")
        )
    op.execute(sa.text("UPDATE timeline SET actor_door = 'unknown'"))


def downgrade() -> None:
    """Drop the actor columns."""
    for name in reversed(COLUMNS):
        op.drop_column("timeline", name)
