"""orders: the money rules each order was made under; lines: an amount off the line

Revision ID: 0012_order_money
Revises: 0011_customer_search

Each order gets what the rules decided when it was made (domain.orders.money_rules):
`currency`, `shipping_tax` (none, prorata or a tax code) with `shipping_tax_rate`, and
`discount_after_tax`; and `absorbed`, the orders merged into it. Orders already there
keep exactly the totals they had: shipping untaxed (`none`), the discount before tax,
and the currency they were shown in, which is the CURRENCY setting of the process that
upgrades (`orderbot db upgrade` passes it; EUR, the setting's default, when none is
given). Order lines get `discount_amount`, 0 on the lines already there (their discount
was a percent). Every column is added with its backfill as the server default, so the
upgrade rewrites no row and is quick on any size.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

import store.tables.types

revision = "0012_order_money"
down_revision = "0011_customer_search"
branch_labels = None
depends_on = None

DEFAULT_CURRENCY = "EUR"
"""The currency of orders already there when the upgrade is given none."""


def upgrade() -> None:
    """Add the columns, each filled for the rows already there."""
    currency = str(context.config.attributes.get("currency") or DEFAULT_CURRENCY)
    money = store.tables.types.Money()
    # Plain ALTER TABLE, no batch (as 0007): SQLite adds a column in place.
    op.add_column(
        "orders", sa.Column("currency", sa.String(3), nullable=False, server_default=currency)
    )
    op.add_column(
        "orders", sa.Column("shipping_tax", sa.String(32), nullable=False, server_default="none")
    )
    op.add_column(
        "orders", sa.Column("shipping_tax_rate", money, nullable=False, server_default="0")
    )
    op.add_column(
        "orders",
        sa.Column("discount_after_tax", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("orders", sa.Column("absorbed", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "order_lines", sa.Column("discount_amount", money, nullable=False, server_default="0")
    )


def downgrade() -> None:
    """Drop the columns (orders keep their lines; an amount off a line is lost)."""
    # Plain DROP COLUMN (SQLite 3.35+), no batch: a batch would rebuild the tables and
    # lose their expression indexes.
    op.drop_column("order_lines", "discount_amount")
    for name in ("absorbed", "discount_after_tax", "shipping_tax_rate", "shipping_tax", "currency"):
        op.drop_column("orders", name)
