"""Tables of stock: levels per product and warehouse, the movement log, reservations of
order lines, supply on its way, and the warehouses made by hand.

Quantities are `Money` columns (exact decimals; text on SQLite), so sums are made in
Python on the few rows a command locks, never in SQL.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, Text, UniqueConstraint

from store.tables.core import TS, id_column, metadata
from store.tables.types import Money

stock_levels = Table(
    "stock_levels",
    metadata,
    id_column(),
    Column("product_code", String(64), nullable=False),
    Column("warehouse", String(120), nullable=False),
    Column("on_hand", Money(), nullable=False),
    Column("reserved", Money(), nullable=False),
    # the row locked (FOR UPDATE) by every command changing this product's stock there
    UniqueConstraint("product_code", "warehouse"),
)

stock_movements = Table(
    "stock_movements",
    metadata,
    id_column(),
    Column("product_code", String(64), nullable=False),
    Column("warehouse", String(120), nullable=False),
    Column("quantity", Money(), nullable=False),
    Column("on_hand_after", Money(), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", TS, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("reference", String(120), nullable=False, default=""),
    Column("order_code", String(32), nullable=False, default=""),
    Column("actor", String(120), nullable=False, default=""),
    Column("actor_name", String(200), nullable=False, default=""),
    Column("actor_door", String(16), nullable=False, default=""),
)
Index("ix_stock_movements_product_code", stock_movements.c.product_code, stock_movements.c.id)

stock_reservations = Table(
    "stock_reservations",
    metadata,
    id_column(),
    Column("order_code", String(32), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("warehouse", String(120), nullable=False),
    Column("wanted", Money(), nullable=False),
    Column("reserved", Money(), nullable=False),
    Column("since", TS, nullable=False),
    Column("available_at", TS, nullable=True),
    UniqueConstraint("order_code", "line_no"),
)
# the lines waiting for (or holding) a product there, oldest first
Index(
    "ix_stock_reservations_product_code",
    stock_reservations.c.product_code,
    stock_reservations.c.warehouse,
    stock_reservations.c.since,
    stock_reservations.c.id,
)
Index("ix_stock_reservations_available_at", stock_reservations.c.available_at)

stock_incoming = Table(
    "stock_incoming",
    metadata,
    id_column(),
    Column("product_code", String(64), nullable=False, index=True),
    Column("warehouse", String(120), nullable=False),
    Column("quantity", Money(), nullable=False),
    Column("expected", Date, nullable=False),
    Column("reference", String(120), nullable=False, default=""),
)

warehouses = Table(
    "warehouses",
    metadata,
    id_column(),
    Column("code", String(120), nullable=False, unique=True),
    Column("name", String(200), nullable=False, default=""),
)
