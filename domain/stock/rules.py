"""The rules of stock, the same on every path (one order, or thousands written in bulk):
who gets free stock first, what a line's availability is, and when the rest is expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.stock.levels import NONE, Incoming


def allocate(free: Decimal, wants: Sequence[Decimal]) -> list[Decimal]:
    """What each of `wants` gets of `free`, in their order (oldest confirmed first): all
    it wants while stock lasts, the rest of it to the first that wants more, then none."""
    given = []
    left = max(free, NONE)
    for want in wants:
        take = min(max(want, NONE), left)
        given.append(take)
        left -= take
    return given


class Availability(StrEnum):
    """Whether an order line can ship now."""

    AVAILABLE = "available"
    PARTLY = "partly available"
    BACKORDER = "backorder"


@dataclass(frozen=True)
class LineAvailability:
    """One order line's availability: what it wants, what it holds, and when the missing
    part is expected (None: no supply known)."""

    line_no: int
    product_code: str
    wanted: Decimal
    reserved: Decimal
    expected: date | None = None

    @property
    def missing(self) -> Decimal:
        """What the line waits for."""
        return max(self.wanted - self.reserved, NONE)

    @property
    def state(self) -> Availability:
        """Available, partly available or backorder."""
        if self.missing == NONE:
            return Availability.AVAILABLE
        return Availability.PARTLY if self.reserved > NONE else Availability.BACKORDER


def expected_date(ahead: Decimal, missing: Decimal, supply: Iterable[Incoming]) -> date | None:
    """The day supply covers `missing` once the `ahead` wanted by older waiting lines is
    served first; None when the supply known never does."""
    if missing <= NONE:
        return None
    need = ahead + missing
    total = NONE
    for incoming in sorted(supply, key=lambda s: (s.expected, s.id or 0)):
        total += incoming.quantity
        if total >= need:
            return incoming.expected
    return None
