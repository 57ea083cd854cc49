"""Persistence: tables, mapping, repositories, unit of work, outbox, read views, sheets."""
