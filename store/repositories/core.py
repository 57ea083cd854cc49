"""SQLAlchemy repositories: load and add aggregates by their codes (case-insensitive)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.customers import identity
from domain.customers.customer import Customer
from domain.customers.history import CustomerChange
from domain.customers.ranking import Candidates
from domain.customers.search import SearchQuery
from domain.errors import ConcurrencyConflict, NotFound
from domain.events import Event
from domain.orders.creation import NewOrder
from domain.orders.desk import DeskOrders, LineGroups, Pick
from domain.orders.factory import reference_key
from domain.orders.lines import BackorderLine
from domain.orders.listing import OrderSelection
from domain.orders.order import SalesOrder
from domain.orders.states import OrderStatus
from domain.outbox.messages import OutboxMessage
from domain.subscriptions.subscription import Subscription
from store.bulk import insert_new_orders
from store.repositories import desk
from store.repositories.order_lists import page_ids
from store.repositories.order_writes import LeanWrites
from store.repositories.reads import load_customer, load_customers, load_order, load_orders
from store.search.customers import CandidateFinder, candidates
from store.tables import core as t
from store.tables import subscriptions as subs
from store.tables.desk import customer_history


def _by_code(session: Session, cls: type[Any], column: Any, code: str) -> Any:
    return session.scalars(select(cls).where(func.lower(column) == code.strip().lower())).first()


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
        order: SalesOrder | None = _by_code(self.session, SalesOrder, t.orders.c.code, code)
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


class CustomerRepository:
    """Customers with their addresses, contacts and notes (`lean`: as OrderRepository)."""

    def __init__(self, session: Session, lean: bool = False) -> None:
        self.session = session
        self.lean = lean

    def find(self, code: str) -> Customer | None:
        """The customer with this code, or None."""
        if self.lean:
            return load_customer(self.session.connection(), code)
        customer: Customer | None = _by_code(self.session, Customer, t.customers.c.code, code)
        return customer

    def get(self, code: str) -> Customer:
        """The customer with this code; NotFound otherwise."""
        customer = self.find(code)
        if customer is None:
            raise NotFound("customer", code)
        return customer

    def name_of(self, code: str) -> str | None:
        """The customer's name: one column, its addresses and contacts not read."""
        c = t.customers.c
        name: str | None = self.session.scalar(
            select(c.name).where(func.lower(c.code) == code.strip().lower())
        )
        return name

    def add(self, customer: Customer) -> None:
        """A new customer."""
        self.session.add(customer)

    def by_email(self, email: str) -> Customer | None:
        """The one customer a contact of which has this address; None when none has it or
        several share it (kept from before addresses were unique)."""
        holders = self.email_holders(email)
        return self.find(holders[0]) if len(holders) == 1 else None

    def email_holders(self, email: str) -> list[str]:
        """The codes of the customers a contact of which has this address."""
        query = (
            select(t.customers.c.code)
            .join(t.contacts, t.contacts.c.customer_id == t.customers.c.id)
            .where(t.contacts.c.email_key == identity.email_key(email))
            .distinct()
            .order_by(t.customers.c.code)
        )
        return list(self.session.scalars(query))

    def search(self, query: SearchQuery, want: int) -> Candidates:
        """The customers that may match `query` (found by store.search.customers) as the
        ranking reads them, and the orders it names."""
        conn = self.session.connection()
        finder = CandidateFinder(conn, query, want)
        return Candidates(candidates(conn, finder.ids()), finder.orders)

    def codes_like(self, code: str, limit: int) -> Sequence[str]:
        """Codes beginning with the first two characters of `code`, of a length within
        two of its own (a "did you mean" after a refusal: one bounded query)."""
        typed = code.strip().lower()
        start = typed[:2].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        column = t.customers.c.code
        query = (
            select(column)
            .where(func.lower(column).like(f"{start}%", escape="\\"))
            .where(func.length(column).between(len(typed) - 2, len(typed) + 2))
            .order_by(column)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def many(self, codes: Sequence[str]) -> Sequence[Customer]:
        """The customers with these codes, whole, in this order (one query per table)."""
        keys = [code.strip().lower() for code in codes]
        if not keys:
            return []
        c = t.customers.c
        if self.lean:
            conn = self.session.connection()
            rows = conn.execute(
                select(func.lower(c.code), c.id).where(func.lower(c.code).in_(keys))
            )
            found: dict[str, int] = dict(map(tuple, rows))
            return load_customers(conn, [found[k] for k in keys if k in found])
        loaded = self.session.scalars(select(Customer).where(func.lower(c.code).in_(keys)))
        by_code = {cu.code.lower(): cu for cu in loaded}
        return [by_code[k] for k in keys if k in by_code]

    def record(self, change: CustomerChange) -> None:
        """Keep an entry of a customer's history."""
        self.session.execute(
            customer_history.insert().values(
                customer_code=change.customer_code,
                at=change.at,
                actor=change.actor[:120],
                text=change.text,
            )
        )

    def history(self, code: str, limit: int) -> list[CustomerChange]:
        """The latest `limit` entries of the customer's history, newest first."""
        h = customer_history.c
        query = select(h.customer_code, h.at, h.actor, h.text).where(h.customer_code == code)
        rows = self.session.execute(query.order_by(h.id.desc()).limit(limit))
        return [CustomerChange(*row) for row in rows]

    def open_orders_at(self, code: str, address_code: str) -> list[str]:
        """The codes of the customer's draft and confirmed orders that ship or bill to
        the address with this code (case-insensitive)."""
        o, wanted = t.orders.c, address_code.strip().lower()
        query = (
            select(o.code)
            .where(
                func.lower(o.customer_code) == code.strip().lower(),
                o.status.in_(("draft", "confirmed")),
                or_(
                    func.lower(o.delivery_address_code) == wanted,
                    func.lower(o.billing_address_code) == wanted,
                ),
            )
            .order_by(o.code)
        )
        return list(self.session.scalars(query))


class SubscriptionRepository:
    """Subscriptions and their lines."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, subscription_id: int) -> Subscription:
        """The subscription with this number; NotFound otherwise."""
        subscription = self.session.get(Subscription, subscription_id)
        if subscription is None:
            raise NotFound("subscription", subscription_id)
        return subscription

    def add(self, subscription: Subscription) -> None:
        """A new subscription."""
        self.session.add(subscription)

    def list(self, customer: str | None = None) -> Sequence[Subscription]:
        """Subscriptions, by number."""
        query = select(Subscription).order_by(subs.subscriptions.c.id)
        if customer:
            query = query.where(func.lower(subs.subscriptions.c.customer_code) == customer.lower())
        return self.session.scalars(query).all()

    def with_product(self, code: str) -> Sequence[Subscription]:
        """Subscriptions with a line of this product, by number."""
        ln = subs.subscription_lines.c
        having = select(ln.subscription_id).where(func.lower(ln.product_code) == code.lower())
        query = (
            select(Subscription)
            .where(subs.subscriptions.c.id.in_(having))
            .order_by(subs.subscriptions.c.id)
        )
        return self.session.scalars(query).all()


class OutboxRepository:
    """Messages waiting to be sent."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, message: OutboxMessage) -> None:
        """Queue a message in the current transaction."""
        self.session.add(message)

    def dead(self, limit: int = 50, since: datetime | None = None) -> Sequence[OutboxMessage]:
        """Dead messages (refused for good or out of attempts), newest first."""
        from store.repositories.notifications import dead_messages

        return dead_messages(self.session, limit, since)


class IdempotencyStore:
    """Keys of commands that already ran, written in the same transaction as their change."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        """The stored result reference of a key, or None."""
        result: str | None = self.session.scalar(
            select(t.idempotency_keys.c.result).where(t.idempotency_keys.c.key == key)
        )
        return result

    def put(self, key: str, result: str) -> None:
        """Remember a key; a concurrent twin loses with ConcurrencyConflict and is retried."""
        try:
            self.session.execute(t.idempotency_keys.insert().values(key=key, result=result))
        except IntegrityError:
            self.session.rollback()
            raise ConcurrencyConflict(f"The request {key}") from None
