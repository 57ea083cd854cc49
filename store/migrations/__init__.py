"""Alembic migrations of the orderbot database."""
