"""Alembic environment: runs migrations on the connection `store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from store.tables.schema import load_feature_tables, metadata

load_feature_tables()

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `orderbot db upgrade`")
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
