"""stock: levels per product and warehouse, movements, reservations, incoming supply,
warehouses

Revision ID: 0018_stock
Revises: 0017_order_threads

Only new tables: no existing row is rewritten, and no product is tracked until stock is
received, adjusted or imported for it, so past orders (confirmed before) reserve nothing
and ship as they did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.tables.types

revision = "0018_stock"
down_revision = "0017_order_threads"
branch_labels = None
depends_on = None


def _quantity() -> store.tables.types.Money:
    return store.tables.types.Money()


def upgrade() -> None:
    """Make the stock tables."""
    op.create_table(
        "stock_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("warehouse", sa.String(length=120), nullable=False),
        sa.Column("on_hand", _quantity(), nullable=False),
        sa.Column("reserved", _quantity(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_levels")),
        sa.UniqueConstraint(
            "product_code", "warehouse", name=op.f("uq_stock_levels_product_code_warehouse")
        ),
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("warehouse", sa.String(length=120), nullable=False),
        sa.Column("quantity", _quantity(), nullable=False),
        sa.Column("on_hand_after", _quantity(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("order_code", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("actor_door", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movements")),
    )
    op.create_index("ix_stock_movements_product_code", "stock_movements", ["product_code", "id"])
    op.create_table(
        "stock_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_code", sa.String(length=32), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("warehouse", sa.String(length=120), nullable=False),
        sa.Column("wanted", _quantity(), nullable=False),
        sa.Column("reserved", _quantity(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_reservations")),
        sa.UniqueConstraint(
            "order_code", "line_no", name=op.f("uq_stock_reservations_order_code_line_no")
        ),
    )
    op.create_index(
        "ix_stock_reservations_product_code",
        "stock_reservations",
        ["product_code", "warehouse", "since", "id"],
    )
    op.create_index("ix_stock_reservations_available_at", "stock_reservations", ["available_at"])
    op.create_table(
        "stock_incoming",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("warehouse", sa.String(length=120), nullable=False),
        sa.Column("quantity", _quantity(), nullable=False),
        sa.Column("expected", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_incoming")),
    )
    op.create_index(op.f("ix_stock_incoming_product_code"), "stock_incoming", ["product_code"])
    op.create_table(
        "warehouses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouses")),
        sa.UniqueConstraint("code", name=op.f("uq_warehouses_code")),
    )


def downgrade() -> None:
    """Drop the stock tables (stock, its log and reservations are lost)."""
    op.drop_table("warehouses")
    op.drop_index(op.f("ix_stock_incoming_product_code"), table_name="stock_incoming")
    op.drop_table("stock_incoming")
    op.drop_index("ix_stock_reservations_available_at", table_name="stock_reservations")
    op.drop_index("ix_stock_reservations_product_code", table_name="stock_reservations")
    op.drop_table("stock_reservations")
    op.drop_index("ix_stock_movements_product_code", table_name="stock_movements")
    op.drop_table("stock_movements")
    op.drop_table("stock_levels")
