"""Gap-free numbering of every kind of document (`domain.numbering`): one counter row each.

A code is taken in the command's own transaction (`next`), or a block of them in one
counter update for a batch (`reserve`), whose unused tail the batch gives back before
it commits (`release`); a transaction that rolls back takes nothing. A code a document
of the same kind already has (an order code typed by hand, or one made in an earlier
style) is passed over. A kind's counter row is made on its first use, so a kind added
later (credit notes) needs no migration of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Column, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.numbering import DocumentKind, NumberStyle
from store.tables import core as t
from store.tables import records as rec

TAKEN: dict[DocumentKind, Column[str]] = {
    DocumentKind.ORDER: t.orders.c.code,
    DocumentKind.INVOICE: rec.invoices.c.code,
    DocumentKind.WORK_ORDER: rec.work_orders.c.code,
    DocumentKind.RETURN: rec.returns.c.code,
    DocumentKind.CREDIT_NOTE: rec.credit_notes.c.code,
}
"""Where the codes of each kind are kept, to pass over those already taken."""


class NumberSequence:
    """Gap-free numbering: a counter row updated inside the command's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def next(self, style: NumberStyle) -> str:
        """The next free code of the style, e.g. SO-00042; codes already taken are skipped."""
        return self.reserve(style, 1)[0]

    def reserve(self, style: NumberStyle, count: int) -> list[str]:
        """`count` codes from the counter in one update; codes already taken are passed
        over (the counter moves on for as many more)."""
        codes: list[str] = []
        while len(codes) < count:
            need = count - len(codes)
            end = self._advance(style.kind, need)
            fresh = [style.code(n) for n in range(end - need + 1, end + 1)]
            taken = self._taken(style.kind, fresh)
            codes += [code for code in fresh if code not in taken]
        return codes

    def release(self, style: NumberStyle, codes: Sequence[str]) -> None:
        """Put the counter back before the first unused code (they are the reserved tail)."""
        numbers = [n for n in map(style.number_of, codes) if n is not None]
        if numbers:
            self.session.execute(
                update(t.counters)
                .where(t.counters.c.name == str(style.kind))
                .values(value=min(numbers) - 1)
            )

    def _advance(self, kind: DocumentKind, by: int) -> int:
        """The counter's value after adding `by`; its row is made at 0 on first use."""
        for _ in range(2):
            value = self.session.execute(
                update(t.counters)
                .where(t.counters.c.name == str(kind))
                .values(value=t.counters.c.value + by)
                .returning(t.counters.c.value)
            ).scalar_one_or_none()
            if value is not None:
                return int(value)
            self._create(kind)
        raise LookupError(f"no counter {kind}; run `orderbot db upgrade`")

    def _create(self, kind: DocumentKind) -> None:
        # Two first uses at once: one insert wins, the other does nothing and both update.
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        self.session.execute(
            insert(t.counters).values(name=str(kind), value=0).on_conflict_do_nothing()
        )

    def _taken(self, kind: DocumentKind, codes: list[str]) -> set[str]:
        column = TAKEN.get(kind)
        if column is None:
            return set()
        return set(self.session.scalars(select(column).where(column.in_(codes))))
