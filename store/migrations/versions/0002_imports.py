"""spreadsheet import sessions

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.tables.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Import sessions, and their rows and verdicts in compressed chunks."""
    op.create_table(
        "import_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("header_row", sa.Integer(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("meta", store.tables.types.JsonText(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_sessions")),
    )
    with op.batch_alter_table("import_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_sessions_created_at"), ["created_at"], unique=False
        )
    op.create_table(
        "import_chunks",
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["import_sessions.id"],
            name=op.f("fk_import_chunks_session_id_import_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "part", "seq", name=op.f("pk_import_chunks")),
    )


def downgrade() -> None:
    """Drop the import tables."""
    op.drop_table("import_chunks")
    with op.batch_alter_table("import_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_sessions_created_at"))
    op.drop_table("import_sessions")
