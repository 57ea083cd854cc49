"""The candidates of a customer search, found by the database: never every customer.

Each probe is one query, bounded, tried in turn until `CANDIDATES` customers are found:

1. what a whole query may be exactly, through unique or plain indexes: a customer code,
   an order code or PO number (their customers come with them), a contact's email; an
   order's code or PO number, or an email, ends the search there;
2. the query's whole numbers in the search keys: its text without breaks (a VAT
   number, a code), and, when it is a phone number, the forms a kept phone is written
   in (`SearchQuery.phones`);
3. unless it is a phone number, customers whose key has every word typed, or a word
   beginning with it;
4. when those found nothing, the slips of the keys: every word's first three letters
   (then any of them).

PostgreSQL answers 2-4 from the key's words kept as a tsvector under a GIN index
(`store.tables.core.SEARCH_WORDS`); SQLite reads the keys (`LIKE '% word%'`, a word of
the key being preceded by a space), which costs a scan of one column but nothing at all
when customers are written (see the figures of bench/search.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    TextClause,
    and_,
    any_,
    bindparam,
    func,
    or_,
    select,
    text,
)

from domain.customers import identity
from domain.customers.ranking import CANDIDATES, Candidate, OrderHit
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
        if self._exact():
            return list(self.found)[:CANDIDATES]
        # A query of several words may be one number or code written with breaks (a
        # single word is found by the next probe anyway); a phone number is a whole
        # number or nothing.
        whole = q.phones + ((q.compact,) if len(q.words) > 1 or q.phones else ())
        self._add(self._in_keys(whole, prefix=False, every=False))
        if not q.phones:
            self._add(self._in_keys(q.words, prefix=True))
        close = q.fuzzy_prefixes()
        if not self.found and close != q.words and not q.phones:
            # nothing begins with what was typed: perhaps a slip of the keys
            self._add(self._in_keys(close, prefix=True))
            if not self.found and len(close) > 1:
                self._add(self._in_keys(close, prefix=True, every=False))
        return list(self.found)[:CANDIDATES]

    def _add(self, ids: Sequence[int]) -> None:
        for found in ids:
            if len(self.found) >= CANDIDATES:
                return
            self.found.setdefault(found, None)

    def _room(self) -> int:
        return CANDIDATES - len(self.found)

    def _exact(self) -> bool:
        """The customers of a code, an order code or PO number, an email; whether what
        was typed is an order's or an email, so that no other probe is needed (a
        customer code may also begin other codes)."""
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
        holders: list[int] = []
        if self.query.email:
            key = identity.email_key(self.query.email)
            query = (
                select(t.contacts.c.customer_id)
                .where(t.contacts.c.email_key == key)
                .limit(self._room())
            )
            holders = list(self.conn.scalars(query).all())
            self._add(holders)
        return bool(owners or holders)

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
        # the customers found already are left out here rather than in SQL (a list of
        # up to 200 ids to send): their room is asked for on top
        query = select(c.id).where(condition).limit(self._room() + len(self.found))
        return list(self.conn.scalars(query).all())

    def _vector(self, words: Sequence[str], prefix: bool, every: bool) -> TextClause:
        """The PostgreSQL condition: the key's indexed words match a tsquery (the words
        are folded letters and digits, so none is an operator)."""
        joined = (" & " if every else " | ").join(f"{w}:*" if prefix else w for w in words)
        clause = text(f"{t.SEARCH_WORDS} @@ to_tsquery('simple'::regconfig, :terms)")
        return clause.bindparams(terms=joined)


def candidates(conn: Connection, ids: Sequence[int]) -> list[Candidate]:
    """What the ranking reads of these customers, in this order: three queries, plain
    values (the best few are loaded whole afterwards)."""
    if not ids:
        return []
    c, a, k = t.customers.c, t.addresses.c, t.contacts.c
    wanted = list(ids)
    places: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    at = select(a.customer_id, a.street, a.postal_code, a.city)
    for row in conn.execute(at.where(among(conn, a.customer_id, wanted)).order_by(a.id)):
        places[row.customer_id].append((row.street, row.postal_code, row.city))
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    reach = select(k.customer_id, k.email, k.phone)
    for got in conn.execute(reach.where(among(conn, k.customer_id, wanted)).order_by(k.id)):
        emails[got.customer_id] += [got.email] if got.email else []
        phones[got.customer_id] += [got.phone] if got.phone else []
    head = select(c.id, c.code, c.name, c.vat_number).where(among(conn, c.id, wanted))
    heads = {found.id: found for found in conn.execute(head)}
    return [
        Candidate(one.code, one.name, one.vat_number, tuple(emails[i]), tuple(phones[i]),
                  tuple(places[i]))
        for i in wanted
        if (one := heads.get(i)) is not None
    ]  # fmt: skip


def among(conn: Connection, column: ColumnElement[int], ids: list[int]) -> ColumnElement[bool]:
    """`column IN ids`: on PostgreSQL as one array (`= ANY(:ids)`), which psycopg sends as
    one value rather than a placeholder per id to render and parse."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
    return column.in_(ids)
