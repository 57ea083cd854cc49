"""What stock needs of the store: levels locked for a change, movements, reservations,
incoming supply and warehouses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol

from domain.stock.levels import Incoming, Movement, Reservation, StockLevel


class StockRepository(Protocol):
    def lock(self, products: Iterable[str], warehouse: str) -> dict[str, StockLevel]:
        """The levels of these products in the warehouse that exist (tracked products),
        by product code, held until the commit (PostgreSQL: FOR UPDATE; SQLite: the
        writer's lock), so two commands never both take the last units."""
        ...

    def levels(self, product: str) -> Sequence[StockLevel]:
        """A product's level in every warehouse it is tracked in."""
        ...

    def below(self, threshold: Decimal | None) -> Sequence[StockLevel]:
        """Every level (free stock under `threshold` when given), by product and warehouse."""
        ...

    def save(self, level: StockLevel) -> None:
        """Write a level (a new one makes its product tracked there)."""
        ...

    def record(self, movement: Movement) -> None:
        """Keep a movement of stock."""
        ...

    def movements(self, product: str, limit: int) -> Sequence[Movement]:
        """A product's latest movements, newest first."""
        ...

    def reservations_of(self, order_code: str) -> Sequence[Reservation]:
        """What an order's lines want and hold, by line."""
        ...

    def reservations_for(self, order_codes: Sequence[str]) -> Sequence[Reservation]:
        """What these orders' lines want and hold."""
        ...

    def waiting(self, product: str, warehouse: str) -> Sequence[Reservation]:
        """The lines still missing some of a product there, oldest confirmed first."""
        ...

    def holders(self, product: str, warehouse: str) -> Sequence[Reservation]:
        """The lines holding some of a product there, oldest confirmed first."""
        ...

    def keep(self, reservation: Reservation) -> None:
        """Write a reservation (a new one gets its id)."""
        ...

    def keep_many(self, reservations: Sequence[Reservation]) -> None:
        """Write new reservations in one statement (orders written in bulk)."""
        ...

    def rekey(self, reservation: Reservation, order_code: str, line_no: int) -> None:
        """The reservation now belongs to another order line (a merge moved the line)."""
        ...

    def drop(self, reservation: Reservation) -> None:
        """Forget a reservation that holds and wants nothing any more."""
        ...

    def became_available(self, limit: int) -> Sequence[Reservation]:
        """Reservations that waited and became wholly held, not reported by a digest yet
        (digest items of kind "available"), oldest first."""
        ...

    def add_incoming(self, incoming: Incoming) -> None: ...
    def incoming(self, product: str, warehouse: str | None = None) -> Sequence[Incoming]:
        """Supply expected of a product (in one warehouse, or all), soonest first."""
        ...

    def take_incoming(self, incoming: Incoming, quantity: Decimal) -> None:
        """`quantity` of an expected supply arrived: less of it is expected."""
        ...

    def warehouses(self) -> Sequence[tuple[str, str]]:
        """The warehouses made with `/warehouse new`: (code, name)."""
        ...

    def add_warehouse(self, code: str, name: str) -> None: ...
