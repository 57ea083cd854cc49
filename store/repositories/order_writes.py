"""Orders loaded lean for a write and written back by what changed: the path of adding a
line, whose cost must not grow with the order.

The ORM loads, tracks and at flush looks again at every line, shipment line and timeline
entry of an order it hands out: on an order of 1,000 lines that was nearly all the cost
of adding one (and the order's timeline grows by one entry an add). Here the order is
read with Core (store.repositories.reads) without its timeline, an append-only log that
no rule of the order reads, and without its lines and shipment lines: the totals a new
line is checked against need only the lines' nets by tax rate, which one GROUP BY gives
(`_line_sums`; the lists hold only what this command adds, and the answer shows the
new line with the totals of all); the columns of
every row read are kept, and at commit only the rows that are new, changed or gone are
written, the order's version checked and bumped as the ORM does it, so a concurrent
change of the same order still loses with ConcurrencyConflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, update

from domain.errors import ConcurrencyConflict
from domain.events import Event
from domain.orders.order import SalesOrder
from domain.orders.totals import LineSums, PricedQuantity
from store.repositories.reads import field_columns, load_order
from store.tables import core as t
from store.tables import records as rec


@dataclass(frozen=True)
class _Part:
    """A child collection of the order: its field, table and parent key, and its own
    child collection (the lines of shipments and documents)."""

    name: str
    table: Table
    fk: str
    child: _Part | None = None


def _lines(table: Table, fk: str) -> _Part:
    return _Part("lines", table, fk)


PARTS = (
    _Part("lines", t.order_lines, "order_id"),
    _Part("shipments", t.shipments, "order_id", _lines(t.shipment_lines, "shipment_id")),
    _Part("invoices", rec.invoices, "order_id", _lines(rec.invoice_lines, "invoice_id")),
    _Part(
        "work_orders", rec.work_orders, "order_id", _lines(rec.work_order_lines, "work_order_id")
    ),
    _Part("returns", rec.returns, "order_id"),
    _Part("notifications", t.notifications, "order_id"),
    _Part("timeline", t.timeline, "order_id"),
)
NOT_READ = (t.timeline, t.order_lines, t.shipment_lines)
"""What an order loaded for new lines leaves unread: what the rules of a new line need of
the lines is their sums (`LineSums`, read by `_line_sums`); a new line goes to a shipment
as a new shipment line (its number is new)."""


def _line_sums(conn: Connection, order_id: int) -> LineSums:
    """The order's lines grouped by pricing in SQL (their nets by the domain's arithmetic,
    `LineSums.of`), and the highest line number: one index range, no line read whole."""
    ln = t.order_lines.c
    pricing = (ln.quantity, ln.unit_price, ln.discount_percent, ln.tax_rate, ln.discount_amount)
    rows = conn.execute(
        select(*pricing, func.count(), func.max(ln.line_no))
        .where(ln.order_id == order_id)
        .group_by(*pricing)
    ).all()
    groups = [(PricedQuantity(r[0], r[1], r[2], r[3], r[4]), int(r[5])) for r in rows]
    return LineSums.of(groups, max((int(r[6]) for r in rows), default=0))


def _values(obj: Any, table: Table) -> tuple[Any, ...]:
    # every field is in the instance's dict, whether read by reads._make or made anew
    kind: type = type(obj)
    values: tuple[Any, ...] = _getter(kind, table)(obj.__dict__)
    return values


@cache
def _getter(cls: type, table: Table) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    names = field_columns(cls, table)
    get = itemgetter(*names)
    return get if len(names) > 1 else lambda attrs: (get(attrs),)


@dataclass
class HeldOrder:
    """An order loaded lean for a write, with the columns of its rows as last stored."""

    order: SalesOrder
    stored: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # id(obj) -> columns
    kids: dict[tuple[int, str], list[Any]] = field(default_factory=dict)  # as last stored

    def remember(self) -> None:
        """What is stored now: every row's columns and each collection's members."""
        self.stored.clear()
        self.kids.clear()
        self.stored[id(self.order)] = _values(self.order, t.orders)
        self._remember(self.order, PARTS)

    def _remember(self, parent: Any, parts: tuple[_Part, ...]) -> None:
        for part in parts:
            members = list(parent.__dict__.get(part.name, ()))
            self.kids[(id(parent), part.name)] = members
            for obj in members:
                self.stored[id(obj)] = _values(obj, part.table)
                if part.child is not None:
                    self._remember(obj, (part.child,))

    def write(self, conn: Connection) -> None:
        """Write what changed since `remember`; the version first, checked."""
        self._write_head(conn)
        for part in PARTS:
            self._write_part(conn, self.order, part)

    def _write_head(self, conn: Connection) -> None:
        order, o = self.order, t.orders.c
        names = field_columns(SalesOrder, t.orders)
        before = dict(zip(names, self.stored[id(order)], strict=True))
        now = dict(zip(names, _values(order, t.orders), strict=True))
        changed = {k: v for k, v in now.items() if v != before[k] and k not in ("id", "version")}
        done = conn.execute(
            update(t.orders)
            .where(o.id == order.id, o.version == order.version)
            .values(**changed, version=order.version + 1)
        )
        if done.rowcount != 1:
            raise ConcurrencyConflict("The order")
        order.version += 1

    def _write_part(self, conn: Connection, parent: Any, part: _Part) -> None:
        members = list(parent.__dict__.get(part.name, ()))
        present = {id(obj) for obj in members}
        table, key = part.table, part.table.c.id
        for gone in self.kids.get((id(parent), part.name), []):
            if id(gone) not in present and gone.id is not None:
                if part.child is not None:
                    child = part.child.table
                    conn.execute(delete(child).where(child.c[part.child.fk] == gone.id))
                conn.execute(delete(table).where(key == gone.id))
        kind: type = type(members[0]) if members else object
        names = [n for n in field_columns(kind, table) if n != "id"] if members else []
        for obj in members:
            values = _values(obj, table)
            stored = self.stored.get(id(obj))
            if stored is None:
                row = {n: getattr(obj, n) for n in names} | {part.fk: parent.id}
                made = conn.execute(table.insert().values(**row)).inserted_primary_key
                obj.id = made[0] if made is not None else None
            elif stored != values:
                conn.execute(update(table).where(key == obj.id).values(
                    **{n: getattr(obj, n) for n in names}
                ))  # fmt: skip
            if part.child is not None:
                self._write_part(conn, obj, part.child)


class LeanWrites:
    """The orders a unit of work loaded lean for a write, by lower-cased code."""

    def __init__(self) -> None:
        self.held: dict[str, HeldOrder] = {}
        self.released: list[Event] = []

    def load(self, conn: Connection, code: str) -> SalesOrder | None:
        """The order with this code loaded for new lines (the one already held, if any)."""
        key = code.strip().lower()
        if key in self.held:
            return self.held[key].order
        order = load_order(conn, code, without=NOT_READ)
        if order is None:
            return None
        order.unread_lines = _line_sums(conn, order.id or 0)
        held = HeldOrder(order)
        held.remember()
        self.held[key] = held
        return order

    def release(self, conn: Connection, code: str) -> None:
        """Write the changes of the order with this code if it is held, and hold it no
        more: another verb of the unit of work needs it whole (its events are kept)."""
        held = self.held.pop(code.strip().lower(), None)
        if held is not None:
            held.write(conn)
            self.released += held.order.pull_events()

    def write(self, conn: Connection) -> None:
        """Write every held order's changes (at commit: the unit of work ends there)."""
        for held in self.held.values():
            held.write(conn)
        self.held.clear()

    def events(self) -> list[Event]:
        """The events the held orders recorded since last asked."""
        events, self.released = self.released, []
        return events + [event for held in self.held.values() for event in held.order.pull_events()]
