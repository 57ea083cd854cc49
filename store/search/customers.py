"""The candidates of a customer search, found by the database: never every customer.

Each probe is one query, bounded, tried in turn until `CANDIDATES` customers are found:

1. what a whole query may be exactly, through unique or plain indexes: a customer code,
   an order code or PO number (their customers come with them), a contact's email;
2. the query's whole numbers in the search keys: its text without breaks (a VAT
   number, a code), and, when it is a phone number, the forms a kept phone is written
   in (`SearchQuery.phones`);
3. customers whose key has every word typed, or a word beginning with it;
4. when those found fewer than wanted, the slips of the keys: every word's first three
   letters (then any of them).

PostgreSQL answers 2-4 from the GIN index on the key's words (`store.tables.core`); SQLite
reads the keys (`LIKE '% word%'`, a word of the key being preceded by a space), which
costs a scan of one column but nothing at all when customers are written (see the
figures of bench/search.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Connection, TextClause, and_, func, or_, select, text

from domain.customers import identity
from domain.customers.ranking import CANDIDATES, OrderHit
from domain.customers.search import SearchQuery
from store.tables import core as t

ORDER_HITS = 50
"""The most orders one code or PO number brings (a PO number several customers used)."""


class CandidateFinder:
    """The probes of one query on one connection; `ids()` the customers found, in the
    order found."""

    def __init__(self, conn: Connection, query: SearchQuery, want: int) -> None:
        self.conn = conn
        self.query = query
        self.want = max(1, min(want, CANDIDATES))
        self.postgres = conn.dialect.name == "postgresql"
        self.found: dict[int, None] = {}
        self.orders: list[OrderHit] = []

    def ids(self) -> list[int]:
        """Run the probes; the ids of the customers they found (`CANDIDATES` at most)."""
        q = self.query
        self._exact()
        # A query of several words may be one number or code written with breaks (a
        # single word is found by the next probe anyway).
        whole = q.phones + ((q.compact,) if len(q.words) > 1 else ())
        self._add(self._in_keys(whole, prefix=False, every=False))
        self._add(self._in_keys(q.words, prefix=True))
        if len(self.found) < self.want:
            close = q.fuzzy_prefixes()
            self._add(self._in_keys(close, prefix=True))
            if len(self.found) < self.want and len(close) > 1:
                self._add(self._in_keys(close, prefix=True, every=False))
        return list(self.found)[:CANDIDATES]

    def _add(self, ids: Sequence[int]) -> None:
        for found in ids:
            self.found.setdefault(found, None)

    def _room(self) -> int:
        return CANDIDATES - len(self.found)

    def _exact(self) -> None:
        c, o = t.customers.c, t.orders.c
        typed = self.query.text.lower()
        self._add(self.conn.scalars(select(c.id).where(func.lower(c.code) == typed)).all())
        hits = self.conn.execute(
            select(o.code, o.reference, o.customer_code)
            .where(or_(func.lower(o.code) == typed, func.lower(o.reference) == typed))
            .limit(ORDER_HITS)
        ).all()
        self.orders = [OrderHit(h.code, h.reference, h.customer_code) for h in hits]
        owners = {h.customer_code.lower() for h in hits}
        if owners:
            query = select(c.id).where(func.lower(c.code).in_(sorted(owners)))
            self._add(self.conn.scalars(query).all())
        if self.query.email:
            key = identity.email_key(self.query.email)
            query = (
                select(t.contacts.c.customer_id)
                .where(t.contacts.c.email_key == key)
                .limit(self._room())
            )
            self._add(self.conn.scalars(query).all())

    def _in_keys(self, words: Sequence[str], prefix: bool, every: bool = True) -> list[int]:
        """Customers whose key holds the words (or words beginning with them): all of
        them, or any when not `every`."""
        words = [w for w in dict.fromkeys(words) if w]
        if not words or self._room() <= 0:
            return []
        c = t.customers.c
        condition: ColumnElement[bool] | TextClause
        if self.postgres:
            condition = self._vector(words, prefix, every)
        else:
            likes = [c.search_key.like(f"% {w}{'%' if prefix else ' %'}") for w in words]
            condition = and_(*likes) if every else or_(*likes)
        query = select(c.id).where(condition)
        if self.found:
            query = query.where(c.id.not_in(list(self.found)))
        return list(self.conn.scalars(query.limit(self._room())).all())

    def _vector(self, words: Sequence[str], prefix: bool, every: bool) -> TextClause:
        """The PostgreSQL condition: the key's indexed words match a tsquery (the words
        are folded letters and digits, so none is an operator)."""
        joined = (" & " if every else " | ").join(f"{w}:*" if prefix else w for w in words)
        clause = text(f"{t.SEARCH_VECTOR} @@ to_tsquery('simple'::regconfig, :terms)")
        return clause.bindparams(terms=joined)
