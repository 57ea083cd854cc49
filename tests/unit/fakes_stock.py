"""The in-memory stock of the fake unit of work: levels, movements, reservations, supply
and warehouses, with the store's orderings (oldest confirmed first, soonest supply first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from domain.stock.levels import Incoming, Movement, Reservation, StockLevel


@dataclass
class StockState:
    """What the stock tables would hold."""

    levels: dict[tuple[str, str], StockLevel] = field(default_factory=dict)
    movements: list[Movement] = field(default_factory=list)
    reservations: dict[int, Reservation] = field(default_factory=dict)
    incoming: dict[int, Incoming] = field(default_factory=dict)
    warehouses: list[tuple[str, str]] = field(default_factory=list)
    next_id: int = 1
    reported: set[int | None] = field(default_factory=set)  # digest items "available"


class FakeStockRepository:
    """Stock kept in a `StockState`."""

    def __init__(self, state: StockState) -> None:
        self.state = state

    def _id(self) -> int:
        self.state.next_id += 1
        return self.state.next_id

    def lock(self, products: Iterable[str], warehouse: str) -> dict[str, StockLevel]:
        wanted = set(products)
        return {
            p: replace(lv)
            for (p, w), lv in self.state.levels.items()
            if w == warehouse and p in wanted
        }

    def levels(self, product: str) -> Sequence[StockLevel]:
        return sorted(
            (replace(lv) for (p, _w), lv in self.state.levels.items() if p == product),
            key=lambda lv: lv.warehouse,
        )

    def below(self, threshold: Decimal | None) -> Sequence[StockLevel]:
        found = sorted(self.state.levels.values(), key=lambda lv: (lv.product_code, lv.warehouse))
        return [
            replace(lv) for lv in found if threshold is None or lv.on_hand - lv.reserved < threshold
        ]

    def save(self, level: StockLevel) -> None:
        self.state.levels[(level.product_code, level.warehouse)] = replace(level)

    def record(self, movement: Movement) -> None:
        self.state.movements.append(movement)

    def movements(self, product: str, limit: int) -> Sequence[Movement]:
        return [m for m in reversed(self.state.movements) if m.product_code == product][:limit]

    def reservations_of(self, order_code: str) -> Sequence[Reservation]:
        return self.reservations_for([order_code])

    def reservations_for(self, order_codes: Sequence[str]) -> Sequence[Reservation]:
        found = [r for r in self.state.reservations.values() if r.order_code in order_codes]
        return [replace(r) for r in sorted(found, key=lambda r: (r.order_code, r.line_no))]

    def _of(self, product: str, warehouse: str) -> list[Reservation]:
        found = [
            r
            for r in self.state.reservations.values()
            if r.product_code == product and r.warehouse == warehouse
        ]
        return [replace(r) for r in sorted(found, key=lambda r: (r.since, r.id or 0))]

    def waiting(self, product: str, warehouse: str) -> Sequence[Reservation]:
        return [r for r in self._of(product, warehouse) if r.missing > 0]

    def holders(self, product: str, warehouse: str) -> Sequence[Reservation]:
        return [r for r in self._of(product, warehouse) if r.reserved > 0]

    def keep(self, reservation: Reservation) -> None:
        if reservation.id is None:
            reservation.id = self._id()
        self.state.reservations[reservation.id] = replace(reservation)

    def keep_many(self, reservations: Sequence[Reservation]) -> None:
        for reservation in reservations:
            self.keep(reservation)

    def rekey(self, reservation: Reservation, order_code: str, line_no: int) -> None:
        reservation.order_code, reservation.line_no = order_code, line_no
        self.keep(reservation)

    def drop(self, reservation: Reservation) -> None:
        if reservation.id is not None:
            self.state.reservations.pop(reservation.id, None)

    def became_available(self, limit: int) -> Sequence[Reservation]:
        found = [
            replace(r)
            for r in sorted(self.state.reservations.values(), key=lambda r: r.id or 0)
            if r.available_at is not None
            and r.available_at > r.since
            and r.id not in self.state.reported
        ]
        return found[:limit]

    def add_incoming(self, incoming: Incoming) -> None:
        made = replace(incoming, id=self._id())
        self.state.incoming[made.id or 0] = made

    def incoming(self, product: str, warehouse: str | None = None) -> Sequence[Incoming]:
        found = [
            replace(i)
            for i in self.state.incoming.values()
            if i.product_code == product and warehouse in (None, i.warehouse)
        ]
        return sorted(found, key=lambda i: (i.expected, i.id or 0))

    def take_incoming(self, incoming: Incoming, quantity: Decimal) -> None:
        held = self.state.incoming[incoming.id or 0]
        held.quantity -= quantity
        if held.quantity <= 0:
            del self.state.incoming[incoming.id or 0]

    def warehouses(self) -> Sequence[tuple[str, str]]:
        return sorted(self.state.warehouses)

    def add_warehouse(self, code: str, name: str) -> None:
        self.state.warehouses.append((code, name))
