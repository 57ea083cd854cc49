"""cases: priorities as data, notes and changes on cases; the customers' history

Revision ID: 0010_cases
Revises: 0009

`case_priorities` holds the priorities cases may have and which raise an alert, filled
with the ones orderbot had built in (low, medium, high, critical; high and critical
alert), and with any other name an existing case has, marked as its open cases are.
Existing cases keep their priority and their alert as they are. `case_notes` is each
case's log of notes and changes; `customer_history` what commands changed on each
customer, and who asked. Nothing is rewritten, so the upgrade is quick on any size.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_cases"
down_revision = "0009"
branch_labels = None
depends_on = None

BUILT_IN = (("low", False), ("medium", False), ("high", True), ("critical", True))
"""The priorities and alert marks orderbot had in its code before they were data."""

_priorities = sa.table(
    "case_priorities",
    sa.column("name", sa.String),
    sa.column("alert", sa.Boolean),
    sa.column("rank", sa.Integer),
)
_cases = sa.table(
    "cases",
    sa.column("priority", sa.String),
    sa.column("status", sa.String),
    sa.column("alert", sa.Boolean),
)


def upgrade() -> None:
    """Create the three tables, then write the priorities."""
    op.create_table(
        "case_priorities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("alert", sa.Boolean(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_priorities")),
    )
    op.create_index(
        "uq_case_priorities_name", "case_priorities", [sa.text("lower(name)")], unique=True
    )
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_notes_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"])
    op.create_table(
        "customer_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_history")),
    )
    op.create_index(
        "ix_customer_history_customer_code", "customer_history", ["customer_code", "id"]
    )
    _write_priorities(op.get_bind())


def _write_priorities(conn: sa.Connection) -> None:
    """The built-in priorities, then any other name cases have (an alert when one of its
    open cases is), ranked after them in alphabetical order."""
    rows = [
        {"name": name, "alert": alert, "rank": n} for n, (name, alert) in enumerate(BUILT_IN, 1)
    ]
    known = {name for name, _ in BUILT_IN}
    found = conn.execute(
        sa.select(_cases.c.priority, _cases.c.status, _cases.c.alert).distinct()
    ).all()
    others: dict[str, bool] = {}
    for priority, status, alert in found:
        name = str(priority).strip().lower()
        if name not in known:
            others[name] = others.get(name, False) or (status == "open" and bool(alert))
    for name in sorted(others):
        rows.append({"name": name, "alert": others[name], "rank": len(rows) + 1})
    conn.execute(sa.insert(_priorities), rows)


def downgrade() -> None:
    """Drop the three tables (cases keep their priority names and alerts)."""
    op.drop_index("ix_customer_history_customer_code", table_name="customer_history")
    op.drop_table("customer_history")
    op.drop_index(op.f("ix_case_notes_case_id"), table_name="case_notes")
    op.drop_table("case_notes")
    op.drop_index("uq_case_priorities_name", table_name="case_priorities")
    op.drop_table("case_priorities")
