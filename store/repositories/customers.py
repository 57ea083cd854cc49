"""The customers' repository: customers with their addresses, contacts and notes, found
by code or email, searched, and their history."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.customers import identity
from domain.customers.customer import Customer
from domain.customers.history import CustomerChange
from domain.customers.ranking import Candidates
from domain.customers.search import SearchQuery
from domain.errors import NotFound
from store.repositories.codes import by_code
from store.repositories.reads import load_customer, load_customers
from store.search.customers import CandidateFinder, candidates
from store.tables import core as t
from store.tables.desk import customer_history


class CustomerRepository:
    """Customers with their addresses, contacts and notes (`lean`: as OrderRepository)."""

    def __init__(self, session: Session, lean: bool = False) -> None:
        self.session = session
        self.lean = lean

    def find(self, code: str) -> Customer | None:
        """The customer with this code, or None."""
        if self.lean:
            return load_customer(self.session.connection(), code)
        customer: Customer | None = by_code(self.session, Customer, t.customers.c.code, code)
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
                sentence=change.sentence,
            )
        )

    def history(self, code: str, limit: int) -> list[CustomerChange]:
        """The latest `limit` entries of the customer's history, newest first."""
        h = customer_history.c
        query = select(h.customer_code, h.at, h.actor, h.text, h.sentence).where(
            h.customer_code == code
        )
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
