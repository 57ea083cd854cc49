"""The stock repository: levels locked for a change, the movement log, reservations,
incoming supply and warehouses, in Core statements on `store.tables.stock`.

`lock` reads levels FOR UPDATE: on PostgreSQL the rows stay locked until the commit, so
two processes confirming orders for the last units take turns; on SQLite every writing
transaction already holds the database's writer lock (BEGIN IMMEDIATE, store.engine).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, insert, select, update
from sqlalchemy.orm import Session

from domain.stock.levels import Incoming, Movement, MovementKind, Reservation, StockLevel
from store.tables.scheduler import digest_items
from store.tables.stock import (
    stock_incoming,
    stock_levels,
    stock_movements,
    stock_reservations,
    warehouses,
)

_L = stock_levels.c
_R = stock_reservations.c
_I = stock_incoming.c


def _level(row: Any) -> StockLevel:
    return StockLevel(row.product_code, row.warehouse, row.on_hand, row.reserved)


def _reservation(row: Any) -> Reservation:
    return Reservation(
        row.order_code,
        row.line_no,
        row.product_code,
        row.warehouse,
        row.wanted,
        row.reserved,
        row.since,
        row.available_at,
        row.id,
    )


def _incoming(row: Any) -> Incoming:
    return Incoming(
        row.product_code, row.warehouse, row.quantity, row.expected, row.reference, row.id
    )


class StockRepository:
    """Stock in the database of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _execute(self, statement: Any, parameters: Any = None) -> Any:
        # Stock rows are Core rows: reading or writing them must not flush the orders the
        # unit of work holds (a new order flushed early would count as loaded, and its
        # version would move at the commit).
        with self.session.no_autoflush:
            return self.session.execute(statement, parameters)

    def lock(self, products: Iterable[str], warehouse: str) -> dict[str, StockLevel]:
        """The existing levels of these products there, locked until the commit."""
        wanted = list(products)
        if not wanted:
            return {}
        query = (
            select(stock_levels)
            .where(_L.warehouse == warehouse, _L.product_code.in_(wanted))
            .order_by(_L.id)  # one order for every locker: no deadlock between two
            .with_for_update()
        )
        return {row.product_code: _level(row) for row in self._execute(query)}

    def levels(self, product: str) -> Sequence[StockLevel]:
        """A product's levels, by warehouse."""
        query = select(stock_levels).where(_L.product_code == product).order_by(_L.warehouse)
        return [_level(row) for row in self._execute(query)]

    def below(self, threshold: Decimal | None) -> Sequence[StockLevel]:
        """Every level, by product and warehouse; free stock under `threshold` if given."""
        query = select(stock_levels).order_by(_L.product_code, _L.warehouse)
        found = [_level(row) for row in self._execute(query)]
        return [lv for lv in found if threshold is None or lv.on_hand - lv.reserved < threshold]

    def save(self, level: StockLevel) -> None:
        """Write a level, made when it is new."""
        values = {"on_hand": level.on_hand, "reserved": level.reserved}
        done = self._execute(
            update(stock_levels)
            .where(_L.product_code == level.product_code, _L.warehouse == level.warehouse)
            .values(**values)
        )
        if not getattr(done, "rowcount", 0):
            self._execute(
                insert(stock_levels).values(
                    product_code=level.product_code, warehouse=level.warehouse, **values
                )
            )

    def record(self, movement: Movement) -> None:
        """Keep a movement."""
        m = movement
        self._execute(
            insert(stock_movements).values(
                product_code=m.product_code,
                warehouse=m.warehouse,
                quantity=m.quantity,
                on_hand_after=m.on_hand_after,
                kind=str(m.kind),
                at=m.at,
                reason=m.reason,
                reference=m.reference[:120],
                order_code=m.order_code,
                actor=m.actor[:120],
                actor_name=m.actor_name[:200],
                actor_door=m.actor_door[:16],
            )
        )

    def movements(self, product: str, limit: int) -> Sequence[Movement]:
        """A product's latest movements, newest first."""
        m = stock_movements.c
        query = (
            select(stock_movements)
            .where(m.product_code == product)
            .order_by(m.id.desc())
            .limit(limit)
        )
        return [
            Movement(
                row.product_code,
                row.warehouse,
                row.quantity,
                MovementKind(row.kind),
                row.at,
                row.reason,
                row.reference,
                row.order_code,
                row.actor,
                row.actor_name,
                row.actor_door,
                row.on_hand_after,
            )
            for row in self._execute(query)
        ]

    def reservations_of(self, order_code: str) -> Sequence[Reservation]:
        """An order's reservations, by line."""
        return self.reservations_for([order_code])

    def reservations_for(self, order_codes: Sequence[str]) -> Sequence[Reservation]:
        """These orders' reservations, by order and line."""
        if not order_codes:
            return []
        query = (
            select(stock_reservations)
            .where(_R.order_code.in_(list(order_codes)))
            .order_by(_R.order_code, _R.line_no)
        )
        return [_reservation(row) for row in self._execute(query)]

    def _of_product(self, product: str, warehouse: str) -> list[Reservation]:
        query = (
            select(stock_reservations)
            .where(_R.product_code == product, _R.warehouse == warehouse)
            .order_by(_R.since, _R.id)
        )
        return [_reservation(row) for row in self._execute(query)]

    def waiting(self, product: str, warehouse: str) -> Sequence[Reservation]:
        """The lines missing some of a product there, oldest confirmed first."""
        return [r for r in self._of_product(product, warehouse) if r.missing > 0]

    def holders(self, product: str, warehouse: str) -> Sequence[Reservation]:
        """The lines holding some of a product there, oldest confirmed first."""
        return [r for r in self._of_product(product, warehouse) if r.reserved > 0]

    def keep(self, reservation: Reservation) -> None:
        """Write a reservation; a new one gets its id."""
        r = reservation
        values = {
            "wanted": r.wanted,
            "reserved": r.reserved,
            "available_at": r.available_at,
        }
        if r.id is not None:
            self._execute(update(stock_reservations).where(_R.id == r.id).values(**values))
            return
        r.id = self._execute(
            insert(stock_reservations)
            .values(
                order_code=r.order_code,
                line_no=r.line_no,
                product_code=r.product_code,
                warehouse=r.warehouse,
                since=r.since,
                **values,
            )
            .returning(_R.id)
        ).scalar_one()

    def keep_many(self, reservations: Sequence[Reservation]) -> None:
        """Write new reservations in one statement."""
        self._execute(
            insert(stock_reservations),
            [
                {
                    "order_code": r.order_code,
                    "line_no": r.line_no,
                    "product_code": r.product_code,
                    "warehouse": r.warehouse,
                    "wanted": r.wanted,
                    "reserved": r.reserved,
                    "since": r.since,
                    "available_at": r.available_at,
                }
                for r in reservations
            ],
        )

    def rekey(self, reservation: Reservation, order_code: str, line_no: int) -> None:
        """Move a reservation to another order line."""
        self._execute(
            update(stock_reservations)
            .where(_R.id == reservation.id)
            .values(order_code=order_code, line_no=line_no)
        )
        reservation.order_code, reservation.line_no = order_code, line_no

    def drop(self, reservation: Reservation) -> None:
        """Forget a reservation."""
        if reservation.id is not None:
            self._execute(stock_reservations.delete().where(_R.id == reservation.id))

    def became_available(self, limit: int) -> Sequence[Reservation]:
        """Reservations that waited and became wholly held, no digest reported yet."""
        d = digest_items.c
        query = (
            select(stock_reservations)
            .where(
                _R.available_at.is_not(None),
                _R.available_at > _R.since,
                ~exists().where(d.kind == "available", d.ref_id == _R.id),
            )
            .order_by(_R.id)
            .limit(limit)
        )
        return [_reservation(row) for row in self._execute(query)]

    def add_incoming(self, incoming: Incoming) -> None:
        """Expect supply."""
        i = incoming
        self._execute(
            insert(stock_incoming).values(
                product_code=i.product_code,
                warehouse=i.warehouse,
                quantity=i.quantity,
                expected=i.expected,
                reference=i.reference,
            )
        )

    def incoming(self, product: str, warehouse: str | None = None) -> Sequence[Incoming]:
        """Supply expected of a product, soonest first."""
        where = [_I.product_code == product]
        if warehouse is not None:
            where.append(_I.warehouse == warehouse)
        query = select(stock_incoming).where(and_(*where)).order_by(_I.expected, _I.id)
        return [_incoming(row) for row in self._execute(query)]

    def take_incoming(self, incoming: Incoming, quantity: Decimal) -> None:
        """Part of a supply arrived: the rest is still expected (none: it is gone)."""
        left = incoming.quantity - quantity
        if left <= 0:
            self._execute(stock_incoming.delete().where(_I.id == incoming.id))
        else:
            self._execute(update(stock_incoming).where(_I.id == incoming.id).values(quantity=left))

    def warehouses(self) -> Sequence[tuple[str, str]]:
        """The warehouses made by hand, by code."""
        w = warehouses.c
        return [
            (row.code, row.name) for row in self._execute(select(w.code, w.name).order_by(w.code))
        ]

    def add_warehouse(self, code: str, name: str) -> None:
        """A new warehouse."""
        self._execute(insert(warehouses).values(code=code, name=name))
