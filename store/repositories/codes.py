"""An aggregate found by its code, whatever its case: the lookup the repositories share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def by_code(session: Session, cls: type[Any], column: Any, code: str) -> Any:
    """The mapped `cls` whose `column` equals `code` (trimmed, case-insensitive), or None."""
    return session.scalars(select(cls).where(func.lower(column) == code.strip().lower())).first()
