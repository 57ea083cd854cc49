"""Settings of the group "Database" (docs/settings.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

VAR = Path("var")


class DatabaseSettings(BaseModel):
    """The settings of the group "Database"."""

    database_url: str = Field(
        default=f"sqlite:///{VAR / 'orderbot.db'}",
        description="SQLite file by default; PostgreSQL for several processes, with the psycopg 3 "
        "driver: `postgresql+psycopg://orderbot:secret@127.0.0.1:5432/orderbot`.",
        json_schema_extra={"group": "Database"},
    )
    database_pooler: Literal["none", "session", "transaction"] = Field(
        default="none",
        description="The pooler between orderbot and PostgreSQL: none, session or transaction "
        "(transaction is refused while the inbox, the relay or the scheduler run; see "
        "docs/service.md).",
        json_schema_extra={"group": "Database"},
    )
