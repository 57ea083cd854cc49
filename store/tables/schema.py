"""Every table of orderbot on one MetaData: the core tables and each feature's own module.

Alembic compares the migrations with this; a feature adds its table module here.
"""

from __future__ import annotations

from store.tables import core as tables
from store.tables.core import metadata

# Feature table modules register their tables on `metadata` when imported.
FEATURE_TABLE_MODULES: tuple[str, ...] = (
    "store.tables.catalogues",
    "store.tables.desk",
    "store.tables.imports",
    "store.tables.inbox",
    "store.tables.notifications",
    "store.tables.records",
    "store.tables.scheduler",
    "store.tables.sending",
    "store.tables.stock",
    "store.tables.subscriptions",
    "store.tables.threads",
)

__all__ = ["metadata", "tables"]


def load_feature_tables() -> None:
    """Import every feature's table module so `metadata` knows all tables."""
    import importlib

    for name in FEATURE_TABLE_MODULES:
        importlib.import_module(name)
