"""The database tables (SQLAlchemy Core) and the column types that keep domain values exact."""
