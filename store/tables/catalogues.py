"""Tables of the catalogue beside the products and taxes (core tables): each product's
history, the catalogues with their products, and which catalogue each customer was sent.

A catalogue either lists its products (`catalogue_products`) or holds every active
product (`every_product`: the default catalogue made by migration 0012 from the one
catalogue there was before). `catalogue_sends` keeps, per customer, what each
`/catalog send` mailed: the catalogue's name and source code then, when, by whom.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Index, Integer, String, Table, func
from sqlalchemy.ext.mutable import MutableList

from store.tables.core import TS, id_column, metadata, parent_column
from store.tables.types import JsonList

product_history = Table(
    "product_history",
    metadata,
    id_column(),
    Column("product_code", String(64), nullable=False),
    Column("at", TS, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("kind", String(16), nullable=False),  # created, changed
    # [{"field": ..., "old": ..., "new": ...}]: the values as text, as they were then
    Column("changes", MutableList.as_mutable(JsonList()), nullable=False),
)
# `product show` reads a product's latest entries: by code, newest first.
Index("ix_product_history_product_code", product_history.c.product_code, product_history.c.id)

catalogues = Table(
    "catalogues",
    metadata,
    id_column(),
    Column("name", String(64), nullable=False),
    Column("source_code", String(32), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("every_product", Boolean, nullable=False, default=False),
    Column("is_default", Boolean, nullable=False, default=False),
    Column("created_at", TS, nullable=False),
    Column("created_by", String(120), nullable=False, default=""),
)
Index("uq_catalogues_name", func.lower(catalogues.c.name), unique=True)

catalogue_products = Table(
    "catalogue_products",
    metadata,
    id_column(),
    parent_column("catalogues"),
    Column("product_code", String(64), nullable=False),
)

catalogue_sends = Table(
    "catalogue_sends",
    metadata,
    id_column(),
    Column("customer_code", String(64), nullable=False),
    Column("catalogue_name", String(64), nullable=False),
    Column("source_code", String(32), nullable=False),
    Column("sent_at", TS, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("products", Integer, nullable=False),
    Column("recipient", String(254), nullable=False),
)
# The customer desk reads a customer's latest sends: by code, newest first; the code is
# compared lower-cased (codes are case-insensitive), which only the second index serves.
Index("ix_catalogue_sends_customer_code", catalogue_sends.c.customer_code, catalogue_sends.c.id)
Index(
    "ix_catalogue_sends_customer_key",
    func.lower(catalogue_sends.c.customer_code),
    catalogue_sends.c.id,
)
