"""What an order's lines can ship now, and when the rest is expected: read from the
lines' reservations, the lines waiting before them and the supply on its way."""

from __future__ import annotations

from collections.abc import Sequence

from domain.stock.levels import NONE, Reservation
from domain.stock.ports import StockRepository
from domain.stock.rules import LineAvailability, expected_date


def of_reservations(
    repo: StockRepository, rows: Sequence[Reservation]
) -> dict[str, tuple[LineAvailability, ...]]:
    """The availability of each line these reservations are of, by order code."""
    waiting: dict[tuple[str, str], Sequence[Reservation]] = {}
    found: dict[str, list[LineAvailability]] = {}
    for row in sorted(rows, key=lambda r: (r.order_code, r.line_no)):
        expected = None
        if row.missing > NONE:
            key = (row.product_code, row.warehouse)
            if key not in waiting:
                waiting[key] = repo.waiting(*key)
            ahead = NONE
            for other in waiting[key]:
                if other.id == row.id:
                    break
                ahead += other.missing
            supply = repo.incoming(row.product_code, row.warehouse)
            expected = expected_date(ahead, row.missing, supply)
        found.setdefault(row.order_code, []).append(
            LineAvailability(row.line_no, row.product_code, row.wanted, row.reserved, expected)
        )
    return {code: tuple(lines) for code, lines in found.items()}


def of_order(repo: StockRepository, order_code: str) -> tuple[LineAvailability, ...]:
    """The availability of an order's lines of tracked products (none: nothing tracked
    or nothing left to ship)."""
    return of_reservations(repo, repo.reservations_of(order_code)).get(order_code, ())
