"""The orders' repository (SQLAlchemy): sales orders loaded and added by their codes
(case-insensitive), new orders written in bulk, lists, pages and the desk's reads; and
`in_chunks`, the slices of a long IN (...). The other aggregates' repositories have a
module each beside this one (customers, subscriptions, outbox, idempotency, ...)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import ConcurrencyConflict, NotFound
from domain.events import Event
from domain.orders.creation import NewOrder
from domain.orders.desk import DeskOrders, LineGroups, Pick
from domain.orders.factory import reference_key
from domain.orders.lines import BackorderLine
from domain.orders.listing import OrderSelection
from domain.orders.order import SalesOrder
from domain.orders.states import OrderStatus
from store.bulk import insert_new_orders
from store.repositories import desk
from store.repositories.codes import by_code
from store.repositories.order_lists import page_ids
from store.repositories.order_writes import LeanWrites
from store.repositories.reads import load_order, load_orders
from store.tables import core as t


class OrderRepository:
    """Sales orders; remembers what it handed out so the unit of work can bump versions.

    `lean` (read-only units of work): orders load through store.repositories.reads, untracked.
    An order loaded for new lines is held by `lean_writes` (store.repositories.order_writes)
    without its lines; `find` writes its changes first and reads it whole.
    """

    def __init__(self, session: Session, lean: bool = False) -> None:
        self.session = session
        self.lean = lean
        self.seen: dict[int, SalesOrder] = {}
        self.written: list[NewOrder] = []  # bulk-written orders whose events are not taken
        self.lean_writes = LeanWrites()

    def _track(self, order: SalesOrder | None) -> SalesOrder | None:
        if order is not None:
            self.seen[id(order)] = order
        return order

    def find(self, code: str) -> SalesOrder | None:
        """The order with this code, or None."""
        self.lean_writes.release(self.session.connection(), code)  # read whole below
        if self.lean:
            return load_order(self.session.connection(), code)
        order: SalesOrder | None = by_code(self.session, SalesOrder, t.orders.c.code, code)
        return self._track(order)

    def get(self, code: str) -> SalesOrder:
        """The order with this code; NotFound otherwise."""
        order = self.find(code)
        if order is None:
            raise NotFound("order", code.strip().upper())
        return order

    def get_for_new_lines(self, code: str) -> SalesOrder:
        """The order with this code, to add lines to; NotFound otherwise. Read without its
        timeline and written back by what changed (store.repositories.order_writes), so
        the cost does not grow with the order's lines."""
        order = self.lean_writes.load(self.session.connection(), code)
        if order is None:
            raise NotFound("order", code.strip().upper())
        return order

    def current(self, code: str) -> SalesOrder:
        """The order held for new lines if it is (not written nor read again), else `get`."""
        held = self.lean_writes.held.get(code.strip().lower())
        return held.order if held is not None else self.get(code)

    def add(self, order: SalesOrder) -> None:
        """A new order."""
        self.session.add(order)
        self._track(order)

    def touched(self) -> list[SalesOrder]:
        """The orders this unit of work loaded or added."""
        return list(self.seen.values())

    def add_new(self, orders: Sequence[NewOrder]) -> None:
        """Insert new orders in bulk (store.bulk); their events reach the bus like any order's."""
        if not orders:
            return
        self.session.flush()  # earlier ORM work first, in the order the service made it
        try:
            insert_new_orders(self.session, orders)
        except IntegrityError:
            raise ConcurrencyConflict("An order") from None
        self.written += orders

    def written_events(self) -> list[Event]:
        """The events of the orders written in bulk since last asked."""
        events = [event for order in self.written for event in order.events]
        self.written.clear()
        return events

    def list(
        self, customer: str | None = None, status: str | None = None, limit: int = 50
    ) -> Sequence[SalesOrder]:
        """Orders, newest first (not tracked: for reading)."""
        o = t.orders.c
        query = select(SalesOrder).order_by(o.created_at.desc(), o.id.desc())
        if customer:
            query = query.where(func.lower(o.customer_code) == customer.lower())
        if status:
            query = query.where(o.status == status)
        if self.lean:  # the ids, then whole orders a table at a time (reads.load_orders)
            conn = self.session.connection()
            ids = list(conn.scalars(query.with_only_columns(o.id).limit(limit)))
            return load_orders(conn, ids)
        return self.session.scalars(query.limit(limit)).all()

    def page(
        self, selection: OrderSelection, after: str | None, limit: int
    ) -> Sequence[SalesOrder]:
        """The first `limit` orders of the selection, newest first, after the order
        coded `after` (see store.repositories.order_lists)."""
        conn = self.session.connection()
        ids = page_ids(conn, selection, after, limit)
        if self.lean:
            return load_orders(conn, ids)
        loaded = self.session.scalars(select(SalesOrder).where(t.orders.c.id.in_(ids)))
        by_id = {o.id: self._track(o) for o in loaded}
        return [o for i in ids if (o := by_id.get(i)) is not None]

    # --- the customer desk (store.repositories.desk): read whole only what is shown ---

    def _reading(self) -> Connection:
        if not self.lean:
            self.session.flush()  # what this unit of work changed, as the ORM's reads see it
        return self.session.connection()

    def shown(self, customer: str, window: int, picks: Sequence[Pick]) -> DeskOrders:
        """The orders of the desk's lists (`domain.orders.desk.Pick`) and the window's
        orders related by a split, return or merge, read whole together, untracked."""
        return desk.shown(self._reading(), customer, window, picks)

    def backorders(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> Sequence[tuple[str, BackorderLine]]:
        """The window's backorder lines."""
        return desk.backorders(self._reading(), customer, window, statuses)

    def line_groups(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> LineGroups:
        """The window's lines grouped by product and pricing."""
        return desk.line_groups(self._reading(), customer, window, statuses)

    def references(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Not-cancelled orders holding these (customer, reference) pairs, the earliest of
        each: keys are (lower-cased customer code, `reference_key`), as the order factory
        compares. A few queries for a whole batch; the index on the customer's code
        narrows each to the customers asked about.
        """
        pairs = {(customer.lower(), reference_key(ref)) for customer, ref in wanted if ref.strip()}
        who = sorted({customer for customer, _ in pairs})
        keys = sorted({key for _, key in pairs})
        o = t.orders.c
        found: dict[tuple[str, str], str] = {}
        for people in in_chunks(who):
            for refs in in_chunks(keys):
                query = (
                    select(o.customer_code, o.reference, o.code)
                    .where(
                        func.lower(o.customer_code).in_(people),
                        func.lower(func.trim(o.reference)).in_(refs),
                        o.status != "cancelled",
                    )
                    .order_by(o.id)
                )
                for customer, ref, code in self.session.execute(query):
                    key = (str(customer).lower(), reference_key(str(ref)))
                    if key in pairs:
                        found.setdefault(key, str(code))
        return found


V = TypeVar("V")


def in_chunks(values: Sequence[V], size: int = 500) -> Iterator[Sequence[V]]:
    """Slices of `values` small enough for one IN (...) on every database."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
