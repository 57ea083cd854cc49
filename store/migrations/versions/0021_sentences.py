"""sentences: timeline entries and case changes kept as sentences with their values

Revision ID: 0021_sentences
Revises: 0020_lookup_keys

An order's timeline entry and a case's change were kept as English text only, so a
French rep or customer read them in English. Each now also keeps what it says as a
sentence (`domain.text_data`: message id and values, JSON text), said in each reader's
language. The column is nullable and added empty: rows written before keep their
English text, unchanged, and are shown as they were (the customer's history reads them
through the wording of `mail/outbound/history.py`). No row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_sentences"
down_revision = "0020_lookup_keys"
branch_labels = None
depends_on = None

TABLES = ("timeline", "case_notes")


def upgrade() -> None:
    """A nullable `sentence` column on each table."""
    for table in TABLES:
        op.add_column(table, sa.Column("sentence", sa.Text(), nullable=True))


def downgrade() -> None:
    """The columns dropped (the English texts stay)."""
    for table in TABLES:
        op.drop_column(table, "sentence")
