"""catalogues as records, what each customer was sent; products' history; job-run notes

Revision ID: 0014_catalogues
Revises: 0013_actors

`catalogues` and `catalogue_products` make catalogues records (a name, a source code, a
valid-from day, the products); the one catalogue there was before (every active
product) becomes the default catalogue, `default`, valid from the day of the upgrade,
so `/catalog send CUSTOMER` sends what it sent before. `catalogue_sends` keeps, per
customer, which catalogue each send mailed. `product_history` keeps what commands
changed on each product and who asked. `job_runs.notes` keeps what a run decided that
is not an error (periods skipped and why); the runs there were get none. No existing row
is rewritten, so the upgrade is quick on any size.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0014_catalogues"
down_revision = "0013_actors"
branch_labels = None
depends_on = None

DEFAULT_CATALOGUE = "default"
"""The name of the catalogue made of the one there was (domain.catalog.catalogues)."""

_catalogues = sa.table(
    "catalogues",
    sa.column("name", sa.String),
    sa.column("source_code", sa.String),
    sa.column("valid_from", sa.Date),
    sa.column("every_product", sa.Boolean),
    sa.column("is_default", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("created_by", sa.String),
)


def upgrade() -> None:
    """Create the tables, the default catalogue and the notes column."""
    _catalogue_tables()
    op.create_table(
        "product_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_history")),
    )
    op.create_index("ix_product_history_product_code", "product_history", ["product_code", "id"])
    # Plain ALTER TABLE, no batch (as 0007): SQLite adds a column in place.
    op.add_column("job_runs", sa.Column("notes", sa.Text(), nullable=False, server_default="[]"))
    now = datetime.now(UTC)
    op.get_bind().execute(
        sa.insert(_catalogues).values(
            name=DEFAULT_CATALOGUE,
            source_code=DEFAULT_CATALOGUE.upper(),
            valid_from=now.date(),
            every_product=True,
            is_default=True,
            created_at=now,
            created_by="db upgrade",
        )
    )


def _catalogue_tables() -> None:
    op.create_table(
        "catalogues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("source_code", sa.String(length=32), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("every_product", sa.Boolean(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogues")),
    )
    op.create_index("uq_catalogues_name", "catalogues", [sa.text("lower(name)")], unique=True)
    op.create_table(
        "catalogue_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalogue_id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_id"],
            ["catalogues.id"],
            name=op.f("fk_catalogue_products_catalogue_id_catalogues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_products")),
    )
    op.create_index(
        op.f("ix_catalogue_products_catalogue_id"), "catalogue_products", ["catalogue_id"]
    )
    op.create_table(
        "catalogue_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("catalogue_name", sa.String(length=64), nullable=False),
        sa.Column("source_code", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_sends")),
    )
    op.create_index("ix_catalogue_sends_customer_code", "catalogue_sends", ["customer_code", "id"])


def downgrade() -> None:
    """Drop what the upgrade made (sends, history and notes are lost)."""
    op.drop_column("job_runs", "notes")
    op.drop_index("ix_product_history_product_code", table_name="product_history")
    op.drop_table("product_history")
    op.drop_index("ix_catalogue_sends_customer_code", table_name="catalogue_sends")
    op.drop_table("catalogue_sends")
    op.drop_index(op.f("ix_catalogue_products_catalogue_id"), table_name="catalogue_products")
    op.drop_table("catalogue_products")
    op.drop_index("uq_catalogues_name", table_name="catalogues")
    op.drop_table("catalogues")
