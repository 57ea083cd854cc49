"""records: statuses of invoices, work orders and returns; credit notes; due dates

Revision ID: 0015_records
Revises: 0014_catalogues

Invoices get a status (every existing one `open`), the payment term they were made
under and their due date, worked out from their order's terms with the terms orderbot
declares (`domain.records.terms.BUILT_IN`; an order without terms is due on receipt,
one whose terms are not in the table gets no due date), and the dates they were paid
or voided. Work orders get a status: `cancelled` when their order is, `done` when the
goods they hold have shipped (a per-shipment one: its shipment left), `open`
otherwise. Returns get theirs (`requested`: nothing recorded says more) and the dates
they were received and refunded. `credit_notes` holds the credit notes of voided
invoices and refunded returns, numbered from a new counter `CN`. Orders get an index
on their parent's code, to list the orders made from one. No amount changes.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

from domain.records.terms import PaymentTerms
from store.tables.types import Money, UtcDateTime

revision = "0015_records"
down_revision = "0014_catalogues"
branch_labels = None
depends_on = None

_orders = sa.table(
    "orders",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("payment_terms", sa.String),
)
_invoices = sa.table(
    "invoices",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("created_at", UtcDateTime()),
    sa.column("terms", sa.String),
    sa.column("due_date", sa.Date),
)
_work_orders = sa.table(
    "work_orders",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("scope", sa.String),
    sa.column("shipment_number", sa.Integer),
    sa.column("status", sa.String),
)
_work_order_lines = sa.table(
    "work_order_lines",
    sa.column("work_order_id", sa.Integer),
    sa.column("line_no", sa.Integer),
    sa.column("quantity", Money()),
)
_shipments = sa.table(
    "shipments",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("status", sa.String),
)
_shipment_lines = sa.table(
    "shipment_lines",
    sa.column("shipment_id", sa.Integer),
    sa.column("line_no", sa.Integer),
    sa.column("quantity", Money()),
)
_counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
LEFT = ("shipped", "delivered")


def upgrade() -> None:
    """Add the columns and the table, then write what existing rows mean."""
    ts = sa.DateTime(timezone=True)
    op.add_column(
        "invoices", sa.Column("status", sa.String(32), nullable=False, server_default="open")
    )
    op.add_column("invoices", sa.Column("terms", sa.String(120), nullable=False, server_default=""))
    op.add_column("invoices", sa.Column("due_date", sa.Date(), nullable=True))
    op.add_column("invoices", sa.Column("paid_on", sa.Date(), nullable=True))
    op.add_column("invoices", sa.Column("voided_at", ts, nullable=True))
    op.add_column(
        "work_orders", sa.Column("status", sa.String(32), nullable=False, server_default="open")
    )
    op.add_column("work_orders", sa.Column("closed_at", ts, nullable=True))
    op.add_column(
        "returns", sa.Column("status", sa.String(32), nullable=False, server_default="requested")
    )
    op.add_column("returns", sa.Column("received_at", ts, nullable=True))
    op.add_column("returns", sa.Column("refunded_at", ts, nullable=True))
    _credit_notes()
    op.create_index("ix_orders_parent_code_key", "orders", [sa.text("lower(parent_code)")])
    conn = op.get_bind()
    if conn.scalar(sa.select(sa.func.count()).where(_counters.c.name == "CN")) == 0:
        conn.execute(_counters.insert().values(name="CN", value=0))
    _due_dates(conn)
    _work_order_statuses(conn)


def _credit_notes() -> None:
    op.create_table(
        "credit_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("net", Money(), nullable=False),
        sa.Column("tax", Money(), nullable=False),
        sa.Column("gross", Money(), nullable=False),
        sa.Column("invoice_code", sa.String(length=32), nullable=False),
        sa.Column("return_code", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_credit_notes_order_id_orders"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_notes")),
        sa.UniqueConstraint("code", name=op.f("uq_credit_notes_code")),
    )  # fmt: skip
    op.create_index(op.f("ix_credit_notes_order_id"), "credit_notes", ["order_id"])


def _due_dates(conn: sa.Connection) -> None:
    """Each invoice's term and due date, from its order's terms and its own date."""
    table = PaymentTerms()
    rows = conn.execute(
        sa.select(_invoices.c.id, _invoices.c.created_at, _orders.c.payment_terms).join(
            _orders, _orders.c.id == _invoices.c.order_id
        )
    ).all()
    values = []
    for invoice_id, created_at, terms in rows:
        term, due = table.due(terms or "", created_at.date())
        values.append({"iid": invoice_id, "term": term[:120], "due": due})
    if values:
        conn.execute(
            sa.update(_invoices)
            .where(_invoices.c.id == sa.bindparam("iid"))
            .values(terms=sa.bindparam("term"), due_date=sa.bindparam("due")),
            values,
        )


def _work_order_statuses(conn: sa.Connection) -> None:
    """cancelled with their order; done when their goods left; open otherwise."""
    cancelled = set(conn.scalars(sa.select(_orders.c.id).where(_orders.c.status == "cancelled")))
    left_shipments: set[tuple[int, int]] = set()
    shipped: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    query = sa.select(
        _shipments.c.order_id,
        _shipments.c.number,
        _shipment_lines.c.line_no,
        _shipment_lines.c.quantity,
    ).join(_shipment_lines, _shipment_lines.c.shipment_id == _shipments.c.id, isouter=True)
    for order_id, number, line_no, quantity in conn.execute(
        query.where(_shipments.c.status.in_(LEFT))
    ):
        left_shipments.add((order_id, number))
        if line_no is not None:
            shipped[(order_id, line_no)] += quantity
    lines: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for wo_id, line_no, quantity in conn.execute(sa.select(_work_order_lines)):
        lines[wo_id].append((line_no, quantity))
    changes: list[dict[str, Any]] = []
    for wo_id, order_id, scope, number, _ in conn.execute(sa.select(_work_orders)):
        if scope == "per-shipment":
            gone = (order_id, number) in left_shipments
        else:
            gone = all(shipped[(order_id, n)] >= q for n, q in lines[wo_id])
        if order_id in cancelled:
            changes.append({"wid": wo_id, "new": "cancelled"})
        elif gone:
            changes.append({"wid": wo_id, "new": "done"})
    if changes:
        conn.execute(
            sa.update(_work_orders)
            .where(_work_orders.c.id == sa.bindparam("wid"))
            .values(status=sa.bindparam("new")),
            changes,
        )


def downgrade() -> None:
    """Drop what the upgrade added (credit notes are lost)."""
    op.drop_index("ix_orders_parent_code_key", table_name="orders")
    op.drop_index(op.f("ix_credit_notes_order_id"), table_name="credit_notes")
    op.drop_table("credit_notes")
    op.execute(_counters.delete().where(_counters.c.name == "CN"))
    for table, columns in (
        ("returns", ("refunded_at", "received_at", "status")),
        ("work_orders", ("closed_at", "status")),
        ("invoices", ("voided_at", "paid_on", "due_date", "terms", "status")),
    ):
        for column in columns:
            op.drop_column(table, column)  # SQLite 3.35 and later drop in place
