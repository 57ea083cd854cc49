"""Customers' search keys (`domain.customers.search.search_key`), kept on every write.

Two paths write customers, and each keeps the key:

- the ORM: before each flush, every customer added or changed, or one of whose
  addresses or contacts was, gets its key again; it is set only when it differs, so a
  customer whose words did not change writes nothing more;
- the customer import's bulk writer: new customers are inserted with their keys worked
  out from the plan (`change_key`), and the customers it changed
  get theirs again from the database once everything is written (`refresh`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, event, select, update
from sqlalchemy.orm import Session, sessionmaker

from domain.customers.addresses import Address
from domain.customers.contacts import Contact
from domain.customers.customer import Customer
from domain.customers.search import search_key, search_key_of
from domain.imports.customers.plan import CustomerChange
from store.tables import core as t

BATCH = 500
"""Customers read and written at a time by `refresh`."""
KEY_ATTRIBUTE = "search_key"
"""The key as the mapping gives it to customers: a column of the store, which the
domain's Customer does not declare."""


def keep_keys(sessions: sessionmaker[Session]) -> None:
    """Make every session of `sessions` set the keys of the customers it flushes."""
    event.listen(sessions, "before_flush", _before_flush)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    touched: dict[int, Customer] = {}
    owners: dict[int, Customer] | None = None
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Customer):
            touched[id(obj)] = obj
        elif isinstance(obj, Address | Contact):
            owners = _owners(session) if owners is None else owners
            owner = owners.get(id(obj))
            if owner is not None:
                touched[id(owner)] = owner
    for customer in touched.values():
        if customer in session.deleted:
            continue
        key = search_key(customer)
        if getattr(customer, KEY_ATTRIBUTE, None) != key:
            setattr(customer, KEY_ATTRIBUTE, key)


def _owners(session: Session) -> dict[int, Customer]:
    """The customer of each address and contact the session holds (by object id)."""
    found: dict[int, Customer] = {}
    for obj in (*session.identity_map.values(), *session.new):
        if isinstance(obj, Customer):
            for child in (*obj.addresses, *obj.contacts):
                found[id(child)] = obj
    return found


def change_key(change: CustomerChange) -> str:
    """The key of a new customer of the plan, with what it gains."""
    return search_key_of(
        change.code,
        change.name,
        change.vat_number,
        [k.email for k in change.contacts if k.email],
        [k.phone for k in change.contacts if k.phone],
        [(a.street, a.postal_code, a.city) for a in change.addresses],
    )


def refresh(conn: Connection, ids: Sequence[int]) -> None:
    """The keys of these customers again, from what the database holds now."""
    c, a, k = t.customers.c, t.addresses.c, t.contacts.c
    for start in range(0, len(ids), BATCH):
        part = list(ids[start : start + BATCH])
        places: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        at = select(a.customer_id, a.street, a.postal_code, a.city).where(a.customer_id.in_(part))
        for row in conn.execute(at.order_by(a.id)):
            places[row.customer_id].append((row.street, row.postal_code, row.city))
        emails: dict[int, list[str]] = defaultdict(list)
        phones: dict[int, list[str]] = defaultdict(list)
        reach = select(k.customer_id, k.email, k.phone).where(k.customer_id.in_(part))
        for got in conn.execute(reach.order_by(k.id)):
            emails[got.customer_id] += [got.email] if got.email else []
            phones[got.customer_id] += [got.phone] if got.phone else []
        heads = conn.execute(select(c.id, c.code, c.name, c.vat_number).where(c.id.in_(part)))
        keys = [
            {"_id": row.id, "_key": search_key_of(row.code, row.name, row.vat_number,
                                                  emails[row.id], phones[row.id], places[row.id])}
            for row in heads
        ]  # fmt: skip
        if keys:
            conn.execute(
                update(t.customers)
                .where(c.id == bindparam("_id"))
                .values(search_key=bindparam("_key")),
                keys,
            )
