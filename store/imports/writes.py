"""Writing a customer import in bulk, on the unit of work's own connection.

Not one ORM object per row: inserts go through the driver's executemany (one statement,
every row, the same transaction as the rest of the command) and updates through Core
executemany. That is what lets a 100,000-row file be confirmed in seconds.

The cyclic garbage collector is paused while a plan is written
(`store.imports.collector`): writing makes a few hundred thousand short-lived tuples and
lists and no reference cycles, and a collection would walk every object the plan and
the session's rows hold (measured on bench/import_customers.py: a full collection of
about 0.4 s in a confirmation of 1.5 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select, update

from domain.imports.customers.plan import CustomerChange, CustomerPlan
from store.imports.collector import collector_paused
from store.search import keys
from store.tables import core as t

_ADDRESS_FIELDS = ("code", "name", "street", "city", "postal_code", "state", "country")
_CONTACT_FIELDS = ("customer_id", "name", "email", "phone", "email_key", "is_default")
"""A contact's columns as written; its `email_key` is its email in lower case, which is
`identity.email_key` of an address the import's cleaning normalised."""
PAGE_PARAMETERS = 900
"""Values bound per INSERT statement: below every limit of the databases and drivers
(SQLite builds before 3.32 allowed 999; PostgreSQL 65,535)."""


class CustomerWriter:
    """Writes a `CustomerPlan`: new customers, then updates, then addresses and contacts."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def write(self, plan: CustomerPlan, now: datetime) -> None:
        """Insert and update the plan's customers, addresses and contacts."""
        with collector_paused():
            self._write(plan, now)

    def _write(self, plan: CustomerPlan, now: datetime) -> None:
        new = [ch for ch in plan.customers if ch.id is None]
        columns = [
            [ch.code for ch in new],
            [ch.name for ch in new],
            [ch.vat_number for ch in new],
            [keys.change_key(ch) for ch in new],
        ]
        # The plan may be kept for another try: the new ids are paired, never set on it.
        fresh = iter(self._insert_records(columns, now))
        owners = [(ch, ch.id if ch.id is not None else next(fresh)) for ch in plan.customers]
        self._update_customers([ch for ch in plan.customers if ch.update])
        self._reset_defaults(plan.customers)
        self._write_addresses(owners)
        self._write_contacts(owners)
        # New customers went in with their search keys; those that existed and changed
        # get theirs again from what they hold now.
        changed = [ch.id for ch in plan.customers
                   if ch.id is not None and (ch.update or ch.addresses or ch.contacts)]  # fmt: skip
        keys.refresh(self._conn, changed)

    def _insert_many(
        self, table: Table, names: Sequence[str], columns: Sequence[Sequence[Any]]
    ) -> None:
        """INSERT through the driver, columns of values in row order: the same
        transaction as everything else, without SQLAlchemy's per-row parameter processing
        (half the cost at 100,000 rows), and one statement per page of `PAGE_PARAMETERS`
        values rather than per row (a quarter less again on SQLite, measured). A page's
        parameters are laid out by slice assignment, a column at a time, rather than
        from a tuple per row. Rows are inserted in order. Values must already be what the
        driver takes; see `_bound`."""
        count = len(columns[0]) if columns else 0
        if not count:
            return
        dialect = self._conn.dialect
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        width = len(names)
        one = f"({', '.join([mark] * width)})"
        head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in names)}) VALUES "
        per = max(1, PAGE_PARAMETERS // width)
        full_page = head + ", ".join([one] * per)
        for start in range(0, count, per):
            size = min(per, count - start)
            parameters: list[Any] = [None] * (size * width)
            for place, column in enumerate(columns):
                parameters[place::width] = column[start : start + size]
            page = full_page if size == per else head + ", ".join([one] * size)
            self._conn.exec_driver_sql(page, tuple(parameters))

    def _bound(self, column: Any, value: Any) -> Any:
        """A value as the driver takes it for `column`: type decorators and the dialect's
        own conversion applied (a datetime becomes SQLite's text once, not per row)."""
        dialect = self._conn.dialect
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        return value if processor is None else processor(value)

    def _insert_records(self, columns: Sequence[Sequence[str]], now: datetime) -> list[int]:
        """Insert customers (columns: codes, names, VAT numbers, search keys); their ids,
        in order."""
        count = len(columns[0])
        if not count:
            return []
        c = t.customers.c
        before = self._conn.scalar(select(func.coalesce(func.max(c.id), 0)))
        created = self._bound(c.created_at, now)
        self._insert_many(
            t.customers,
            ("code", "name", "vat_number", "search_key", "language", "created_at"),
            [*columns, ["en"] * count, [created] * count],
        )
        if self._conn.dialect.name == "sqlite":
            # SQLite gives each new row the largest id so far plus one, and this
            # transaction is the only writer: the ids are a run, in insertion order,
            # unless the largest possible id was reached (then it picks free ones).
            inserted = select(func.count(), func.min(c.id), func.max(c.id)).where(c.id > before)
            inserted_count, first, last = self._conn.execute(inserted).one()
            if inserted_count == count and last - first + 1 == count:
                return list(range(first, last + 1))
        query = select(func.lower(c.code), c.id).where(c.id > before)
        ids: dict[str, int] = dict(map(tuple, self._conn.execute(query)))
        return [ids[code.lower()] for code in columns[0]]

    def _update_customers(self, changed: list[CustomerChange]) -> None:
        if changed:
            c = t.customers.c
            self._conn.execute(
                update(t.customers)
                .where(c.id == bindparam("_id"))
                .values(name=bindparam("_name"), vat_number=bindparam("_vat")),
                [{"_id": ch.id, "_name": ch.name, "_vat": ch.vat_number} for ch in changed],
            )

    def _reset_defaults(self, changes: list[CustomerChange]) -> None:
        for table, flag in (
            (t.addresses, "reset_default_address"),
            (t.contacts, "reset_default_contact"),
        ):
            reset = [{"_cid": ch.id} for ch in changes if getattr(ch, flag)]
            if reset:
                self._conn.execute(
                    update(table)
                    .where(table.c.customer_id == bindparam("_cid"))
                    .values(is_default=False),
                    reset,
                )

    def _write_addresses(self, owners: list[tuple[CustomerChange, int]]) -> None:
        """Insert the new addresses of `owners`' customers; update the others."""
        new: list[tuple[Any, ...]] = []
        kept: list[dict[str, Any]] = []
        flagged: list[dict[str, Any]] = []
        for ch, owner in owners:
            for a in ch.addresses:
                if a.id is None:
                    new.append((owner, a.code, a.name, a.street, a.city, a.postal_code, a.state,
                                a.country, bool(a.is_default)))  # fmt: skip
                    continue
                fields = (a.code, a.name, a.street, a.city, a.postal_code, a.state, a.country)
                values = dict(zip(_ADDRESS_FIELDS, fields, strict=True))
                if a.is_default is None:
                    kept.append({**values, "_id": a.id})
                else:
                    flagged.append({**values, "_id": a.id, "is_default": a.is_default})
        self._insert_many(t.addresses, ("customer_id", *_ADDRESS_FIELDS, "is_default"),
                          list(zip(*new, strict=True)))  # fmt: skip
        self._update_many(t.addresses, kept, flagged)

    def _write_contacts(self, owners: list[tuple[CustomerChange, int]]) -> None:
        """Insert the new contacts of `owners`' customers; update the others."""
        new: list[tuple[Any, ...]] = []
        kept: list[dict[str, Any]] = []
        flagged: list[dict[str, Any]] = []
        for ch, owner in owners:
            for k in ch.contacts:
                if k.id is None:
                    key = k.email.lower() or None
                    new.append((owner, k.name, k.email, k.phone, key, bool(k.is_default)))
                else:
                    values = {"name": k.name, "email": k.email, "phone": k.phone,
                              "email_key": k.email.lower() or None, "_id": k.id}  # fmt: skip
                    if k.is_default is None:
                        kept.append(values)
                    else:
                        flagged.append({**values, "is_default": k.is_default})
        self._insert_many(t.contacts, _CONTACT_FIELDS, list(zip(*new, strict=True)))
        self._update_many(t.contacts, kept, flagged)

    def _update_many(self, table: Table, *groups: list[dict[str, Any]]) -> None:
        for rows in groups:
            if rows:
                names = [name for name in rows[0] if name != "_id"]
                statement = (
                    update(table)
                    .where(table.c.id == bindparam("_id"))
                    .values({name: bindparam(f"v_{name}") for name in names})
                )
                self._conn.execute(
                    statement,
                    [{"_id": r["_id"], **{f"v_{n}": r[n] for n in names}} for r in rows],
                )
