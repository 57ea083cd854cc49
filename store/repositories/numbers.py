"""Gap-free numbering of orders, invoices, work orders and returns: one counter row each.

A code is taken in the command's own transaction (`next`), or a block of them in one
counter update for a batch (`reserve`), whose unused tail the batch gives back before
it commits (`release`); a transaction that rolls back takes nothing. Order codes typed
by hand are passed over.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.tables import core as t


class NumberSequence:
    """Gap-free numbering: a counter row updated inside the command's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def next(self, prefix: str) -> str:
        """The next free code, e.g. SO-00042; hand-made order codes are skipped."""
        while True:
            value = self.session.execute(
                update(t.counters)
                .where(t.counters.c.name == prefix)
                .values(value=t.counters.c.value + 1)
                .returning(t.counters.c.value)
            ).scalar_one_or_none()
            if value is None:
                raise LookupError(f"no counter {prefix}; run `orderbot db upgrade`")
            code = f"{prefix}-{value:05d}"
            if (
                prefix != "SO"
                or self.session.scalar(select(t.orders.c.id).where(t.orders.c.code == code)) is None
            ):
                return code

    def reserve(self, prefix: str, count: int) -> list[str]:
        """`count` codes from the counter in one update; order codes typed by hand are
        passed over (the counter moves on for as many more)."""
        codes: list[str] = []
        while len(codes) < count:
            need = count - len(codes)
            end = self.session.execute(
                update(t.counters)
                .where(t.counters.c.name == prefix)
                .values(value=t.counters.c.value + need)
                .returning(t.counters.c.value)
            ).scalar_one_or_none()
            if end is None:
                raise LookupError(f"no counter {prefix}; run `orderbot db upgrade`")
            fresh = [f"{prefix}-{n:05d}" for n in range(end - need + 1, end + 1)]
            taken: set[str] = set()
            if prefix == "SO":
                column = t.orders.c.code
                taken = set(self.session.scalars(select(column).where(column.in_(fresh))))
            codes += [code for code in fresh if code not in taken]
        return codes

    def release(self, prefix: str, codes: Sequence[str]) -> None:
        """Put the counter back before the first unused code (they are the reserved tail)."""
        if codes:
            first = min(int(code.rsplit("-", 1)[1]) for code in codes)
            self.session.execute(
                update(t.counters).where(t.counters.c.name == prefix).values(value=first - 1)
            )
