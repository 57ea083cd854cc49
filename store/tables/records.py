"""The tables of the records made from an order: invoices and their lines, credit notes,
work orders and their lines, returns (each a child of its order, deleted with it)."""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, String, Table, Text

from domain.orders.documents import WorkOrderScope
from domain.records.statuses import InvoiceStatus, ReturnStatus, WorkOrderStatus
from store.tables.core import TS, id_column, metadata, parent_column
from store.tables.types import Money, StrEnumType

invoices = Table(
    "invoices",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("code", String(32), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("net", Money(), nullable=False),
    Column("tax", Money(), nullable=False),
    Column("gross", Money(), nullable=False),
    Column("status", StrEnumType(InvoiceStatus), nullable=False, server_default="open"),
    Column("terms", String(120), nullable=False, default="", server_default=""),
    Column("due_date", Date),
    Column("paid_on", Date),
    Column("voided_at", TS),
)

invoice_lines = Table(
    "invoice_lines",
    metadata,
    id_column(),
    parent_column("invoices"),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Money(), nullable=False),
)

work_orders = Table(
    "work_orders",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("code", String(32), nullable=False, unique=True),
    Column("scope", StrEnumType(WorkOrderScope), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("shipment_number", Integer),
    Column("product_code", String(64), nullable=False, default=""),
    Column("status", StrEnumType(WorkOrderStatus), nullable=False, server_default="open"),
    Column("closed_at", TS),
)

work_order_lines = Table(
    "work_order_lines",
    metadata,
    id_column(),
    parent_column("work_orders"),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Money(), nullable=False),
)

returns = Table(
    "returns",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("code", String(32), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Money(), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("status", StrEnumType(ReturnStatus), nullable=False, server_default="requested"),
    Column("received_at", TS),
    Column("refunded_at", TS),
)

credit_notes = Table(
    "credit_notes",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("code", String(32), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("net", Money(), nullable=False),
    Column("tax", Money(), nullable=False),
    Column("gross", Money(), nullable=False),
    Column("invoice_code", String(32), nullable=False, default=""),
    Column("return_code", String(32), nullable=False, default=""),
    Column("reason", Text, nullable=False, default=""),
)
