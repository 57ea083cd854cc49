"""customer sentences: a customer's history entries kept as sentences

Revision ID: 0022_customer_sentences
Revises: 0021_sentences

A customer's history (what each command changed on a customer, its addresses and
contacts) was kept as English text only, so a French or Danish rep read it in English.
Each entry now also keeps what it says as a sentence (`domain.text_data`: message id and
values, JSON text), said in each reader's language. The column is nullable and added
empty: rows written before keep their English text, unchanged, and are shown as stored.
No row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_customer_sentences"
down_revision = "0021_sentences"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """A nullable `sentence` column on the customer's history."""
    op.add_column("customer_history", sa.Column("sentence", sa.Text(), nullable=True))


def downgrade() -> None:
    """The column dropped (the English texts stay)."""
    op.drop_column("customer_history", "sentence")
