"""customer language: NULL when it was never chosen

Revision ID: 0019_customer_language
Revises: 0018_stock

A customer's language may now be unknown: NULL means no one chose one, and the first
order mail they write sets it to the language the mail is written in (until then they
are written to in the default language). Every existing customer keeps the language
they have, which stays an explicit choice: nothing they were sent changes.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0019_customer_language"
down_revision = "0018_stock"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.alter_column("customers", "language", existing_type=sa.String(8), nullable=True)
        return
    # SQLite cannot alter a column, and rebuilding `customers` would drop the tables that
    # refer to it under foreign keys (the migration runs in one transaction, where they
    # cannot be turned off). Removing a NOT NULL constraint changes nothing on disk, so
    # SQLite's documented way is taken: its stored CREATE TABLE is rewritten in place.
    sql = bind.exec_driver_sql(
        "select sql from sqlite_master where type = 'table' and name = 'customers'"
    ).scalar_one()
    loose = re.sub(r"(language VARCHAR\(8\)) NOT NULL", r"\1", sql, count=1)
    if loose == sql:
        return  # already nullable
    version = bind.exec_driver_sql("pragma schema_version").scalar_one()
    bind.exec_driver_sql("pragma writable_schema = on")
    bind.exec_driver_sql(
        "update sqlite_master set sql = ? where type = 'table' and name = 'customers'", (loose,)
    )
    bind.exec_driver_sql(f"pragma schema_version = {int(version) + 1}")
    bind.exec_driver_sql("pragma writable_schema = off")


def downgrade() -> None:
    # A customer whose language was never chosen was written to in English before.
    op.execute("update customers set language = 'en' where language is null")
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("customers", "language", existing_type=sa.String(8), nullable=False)
