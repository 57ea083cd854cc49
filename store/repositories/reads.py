"""Lean loading of whole aggregates for read-only units of work: Core queries, no ORM.

A read-only unit of work never writes what it loads, so it needs neither the identity
map nor change tracking; the ORM's per-query cost (one `selectin` query per child
collection, each compiled, instrumented and tracked) was most of the CPU of a command
such as `/order show`. Here the statements are built once per process and executed on
the unit of work's own connection (same transaction, same snapshot); the rows become
the same domain objects the mapping would give, ordered the same way (the mapping's
`order_by`). Like the ORM's own loader, objects are made by the class manager and their
attributes put in place directly (the instrumented constructor costs ten times more);
fields without a column get their dataclass default.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Connection, Select, Table, bindparam, exists, func, select
from sqlalchemy.orm import class_mapper

from domain.customers.addresses import Address
from domain.customers.contacts import Contact
from domain.customers.customer import Customer, Note
from domain.orders.documents import (
    Invoice,
    InvoiceLine,
    Notification,
    ReturnOrder,
    TimelineEntry,
    WorkOrder,
    WorkOrderLine,
)
from domain.orders.order import OrderLine, SalesOrder
from domain.orders.shipments import Shipment, ShipmentLine
from domain.records.credit_notes import CreditNote
from store.tables import core as t
from store.tables import records as rec

Children = dict[int, list[Any]]


@cache
def field_columns(cls: type, table: Table) -> tuple[str, ...]:
    """The table's columns that are fields of `cls` (id included)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return tuple(c.key for c in table.columns if c.key in names)


@cache
def _defaults(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, default, is_factory) of the fields of `cls` that have a default."""
    found = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            found.append((f.name, f.default, False))
        elif f.default_factory is not dataclasses.MISSING:
            found.append((f.name, f.default_factory, True))
    return tuple(found)


@cache
def _manager(cls: type) -> Any:
    """The class manager that makes instances of a mapped class (looked up once)."""
    return class_mapper(cls).class_manager


def _make(cls: type, table: Table, row: Any, **children: list[Any]) -> Any:
    obj: Any = _manager(cls).new_instance()
    attrs = obj.__dict__
    for name, default, factory in _defaults(cls):
        attrs[name] = default() if factory else default
    mapping = row._mapping
    for name in field_columns(cls, table):
        attrs[name] = mapping[name]
    attrs.update(children)
    return obj


def build(cls: type, table: Table, row: Any) -> Any:
    """A domain object of a mapped class from its row, as an aggregate's child is made
    (lists of records read rows of one table)."""
    return _make(cls, table, row)


def _by_parent(rows: Iterable[Any], fk: str, make: Any) -> Children:
    found: Children = defaultdict(list)
    for row in rows:
        found[row._mapping[fk]].append(make(row))
    return found


ORDER_CHILDREN = (
    t.order_lines,
    t.shipments,
    rec.invoices,
    rec.work_orders,
    rec.returns,
    rec.credit_notes,
    t.notifications,
    t.timeline,
)
CUSTOMER_CHILDREN = (t.addresses, t.contacts, t.notes)


def _head(table: Table, children: tuple[Table, ...]) -> Select[Any]:
    """The row of `table` with this code, and how many rows of each child table it has
    (`n_<child>`): a child table with none is not queried at all."""
    fk = f"{table.name[:-1]}_id"
    counts = [
        select(func.count())
        .where(child.c[fk] == table.c.id)
        .scalar_subquery()
        .label(f"n_{child.name}")
        for child in children
    ]
    return select(table, *counts).where(func.lower(table.c.code) == bindparam("code"))


@cache
def _order_statements() -> dict[str, Select[Any]]:
    """The statements of an order and its children, by table name (built once)."""
    oid: BindParameter[int] = bindparam("oid")
    query: dict[str, Select[Any]] = {
        "orders": _head(t.orders, ORDER_CHILDREN),
        "order_lines": select(t.order_lines)
        .where(t.order_lines.c.order_id == oid)
        .order_by(t.order_lines.c.line_no),
        "shipments": select(t.shipments)
        .where(t.shipments.c.order_id == oid)
        .order_by(t.shipments.c.number),
        "invoices": select(rec.invoices)
        .where(rec.invoices.c.order_id == oid)
        .order_by(rec.invoices.c.id),
        "work_orders": select(rec.work_orders)
        .where(rec.work_orders.c.order_id == oid)
        .order_by(rec.work_orders.c.id),
    }
    for table in (rec.returns, rec.credit_notes, t.notifications, t.timeline):
        query[table.name] = select(table).where(table.c.order_id == oid).order_by(table.c.id)
    # grandchildren: one query each, joined to the order, in the mapping's order
    for child, parent, order_by in (
        (t.shipment_lines, t.shipments, t.shipment_lines.c.line_no),
        (rec.invoice_lines, rec.invoices, rec.invoice_lines.c.id),
        (rec.work_order_lines, rec.work_orders, rec.work_order_lines.c.id),
    ):
        fk = child.c[f"{parent.name[:-1]}_id"]
        query[child.name] = (
            select(child)
            .join(parent, parent.c.id == fk)
            .where(parent.c.order_id == oid)
            .order_by(fk, order_by)
        )
    return query


@cache
def _customer_statements() -> dict[str, Select[Any]]:
    cid: BindParameter[int] = bindparam("cid")
    query: dict[str, Select[Any]] = {
        "customers": _head(t.customers, CUSTOMER_CHILDREN),
    }
    for table in CUSTOMER_CHILDREN:
        query[table.name] = select(table).where(table.c.customer_id == cid).order_by(table.c.id)
    return query


def _rows(conn: Connection, query: Select[Any], **params: Any) -> list[Any]:
    return list(conn.execute(query, params))


def load_order(conn: Connection, code: str, without: Collection[Table] = ()) -> SalesOrder | None:
    """The order with this code (case-insensitive) and all its children, or None;
    the children in `without` are not read (their lists start empty)."""
    q = _order_statements()
    head = conn.execute(q["orders"], {"code": code.strip().lower()}).first()
    if head is None:
        return None
    oid = head._mapping["id"]
    heads = {child.name: head._mapping[f"n_{child.name}"] for child in ORDER_CHILDREN}
    heads.update({child.name: 0 for child in without})

    def rows(table: Table) -> list[Any]:
        if table.name in heads and not heads[table.name]:
            return []
        return _rows(conn, q[table.name], oid=oid)

    def children(table: Table, cls: type, lines: tuple[Table, type] | None = None) -> Children:
        found = rows(table)
        if lines is None:
            return _by_parent(found, "order_id", lambda row: _make(cls, table, row))
        # the lines of documents, queried only when there are documents
        line_table, line_cls = lines
        fk = f"{table.name[:-1]}_id"
        kids = _by_parent(
            rows(line_table) if found else (), fk, lambda row: _make(line_cls, line_table, row)
        )
        return _by_parent(
            found,
            "order_id",
            lambda row: _make(cls, table, row, lines=kids.get(row._mapping["id"], [])),
        )

    parts = {
        "lines": children(t.order_lines, OrderLine),
        "shipments": children(t.shipments, Shipment, (t.shipment_lines, ShipmentLine)),
        "invoices": children(rec.invoices, Invoice, (rec.invoice_lines, InvoiceLine)),
        "work_orders": children(rec.work_orders, WorkOrder, (rec.work_order_lines, WorkOrderLine)),
        "returns": children(rec.returns, ReturnOrder),
        "credit_notes": children(rec.credit_notes, CreditNote),
        "notifications": children(t.notifications, Notification),
        "timeline": children(t.timeline, TimelineEntry),
    }
    order: SalesOrder = _make(
        SalesOrder, t.orders, head, **{name: kids.get(oid, []) for name, kids in parts.items()}
    )
    return order


def load_customer(conn: Connection, code: str) -> Customer | None:
    """The customer with this code (case-insensitive), its addresses, contacts and notes."""
    q = _customer_statements()
    head = conn.execute(q["customers"], {"code": code.strip().lower()}).first()
    if head is None:
        return None
    found = head._mapping
    parts = {
        name: [_make(cls, table, row) for row in _rows(conn, q[table.name], cid=found["id"])]
        if found[f"n_{table.name}"]
        else []
        for name, cls, table in (
            ("addresses", Address, t.addresses),
            ("contacts", Contact, t.contacts),
            ("notes", Note, t.notes),
        )
    }
    customer: Customer = _make(Customer, t.customers, head, **parts)
    return customer


# --- many aggregates at once: one query per table --------------------------------------


@cache
def _many_statements(head: Table, children: tuple[Table, ...]) -> dict[str, Select[Any]]:
    """The statements of the aggregates whose ids are in `ids` (an expanding parameter):
    the heads, each child table, each child's lines (by table name), and `PRESENT`:
    which child tables hold a row of any of them (a boolean column each)."""
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    fk = f"{head.name[:-1]}_id"
    query: dict[str, Select[Any]] = {head.name: select(head).where(head.c.id.in_(ids))}
    held: list[Any] = [exists().where(child.c[fk].in_(ids)).label(child.name) for child in children]
    query[PRESENT] = select(*held)
    for child in children:
        order_by = _ORDER_BY.get(child.name, "id")
        query[child.name] = (
            select(child).where(child.c[fk].in_(ids)).order_by(child.c[fk], child.c[order_by])
        )
    for lines, parent in _LINES_OF.items():
        if parent not in query:
            continue
        table, parent_table = t.metadata.tables[lines], t.metadata.tables[parent]
        parent_fk = table.c[f"{parent[:-1]}_id"]
        query[lines] = (
            select(table)
            .join(parent_table, parent_table.c.id == parent_fk)
            .where(parent_table.c[fk].in_(ids))
            .order_by(parent_fk, table.c[_ORDER_BY.get(lines, "id")])
        )
    return query


PRESENT = "present"
"""The statement of which child tables have rows (`_many_statements`)."""
_ORDER_BY = {"order_lines": "line_no", "shipments": "number", "shipment_lines": "line_no"}
"""The column children sort by when it is not their id (the mapping's `order_by`)."""
_LINES_OF = {"shipment_lines": "shipments", "invoice_lines": "invoices",
             "work_order_lines": "work_orders"}  # fmt: skip
"""Grandchildren tables and the child table they belong to."""
_CLASSES: dict[str, type] = {
    "addresses": Address, "contacts": Contact, "notes": Note, "order_lines": OrderLine,
    "shipments": Shipment, "invoices": Invoice, "work_orders": WorkOrder,
    "returns": ReturnOrder, "notifications": Notification, "timeline": TimelineEntry,
    "credit_notes": CreditNote,
    "shipment_lines": ShipmentLine, "invoice_lines": InvoiceLine,
    "work_order_lines": WorkOrderLine,
}  # fmt: skip
_FIELDS = {
    "addresses": "addresses", "contacts": "contacts", "notes": "notes",
    "order_lines": "lines", "shipments": "shipments", "invoices": "invoices",
    "work_orders": "work_orders", "returns": "returns", "notifications": "notifications",
    "timeline": "timeline", "credit_notes": "credit_notes",
}  # fmt: skip
"""The aggregate's field each child table fills."""


def _load_many(
    conn: Connection,
    cls: type,
    head: Table,
    children: tuple[Table, ...],
    ids: list[int],
    probe: bool = False,
) -> list[Any]:
    """`probe`: ask first which child tables have rows, and query only those."""
    if not ids:
        return []
    q = _many_statements(head, children)
    fk = f"{head.name[:-1]}_id"
    if probe:
        held = conn.execute(q[PRESENT], {"ids": ids}).one()._mapping
        children = tuple(child for child in children if held[child.name])
    lines: dict[str, Children] = {}
    for name, parent in _LINES_OF.items():
        if name in q and parent in {child.name for child in children}:
            table = t.metadata.tables[name]
            lines[parent] = _by_parent(
                _rows(conn, q[name], ids=ids),
                f"{parent[:-1]}_id",
                lambda row, c=_CLASSES[name], tb=table: _make(c, tb, row),
            )
    kids: dict[str, Children] = {}
    for child in children:
        inner = lines.get(child.name)
        kids[_FIELDS[child.name]] = _by_parent(
            _rows(conn, q[child.name], ids=ids),
            fk,
            lambda row, c=_CLASSES[child.name], tb=child, ln=inner: _make(
                c, tb, row, **({"lines": ln.get(row._mapping["id"], [])} if ln else {})
            ),
        )
    made = {}
    for row in _rows(conn, q[head.name], ids=ids):
        key = row._mapping["id"]
        made[key] = _make(cls, head, row, **{name: got.get(key, []) for name, got in kids.items()})
    return [made[i] for i in ids if i in made]


def load_customers(conn: Connection, ids: list[int]) -> list[Customer]:
    """The customers with these ids (in this order; unknown ids left out), each with its
    addresses, contacts and notes: four queries whatever their number."""
    found: list[Customer] = _load_many(conn, Customer, t.customers, CUSTOMER_CHILDREN, ids)
    return found


def load_orders(conn: Connection, ids: list[int]) -> list[SalesOrder]:
    """The orders with these ids (in this order; unknown ids left out), whole: one query
    per table whatever their number, and none for the tables holding nothing of theirs
    (most orders have no work order, return or credit note: one query asks which)."""
    found: list[SalesOrder] = _load_many(
        conn, SalesOrder, t.orders, ORDER_CHILDREN, ids, probe=True
    )
    return found


def load_addresses(conn: Connection, customer_ids: Collection[int]) -> dict[int, list[Address]]:
    """The addresses of these customers (keep them within one IN (...)), by customer id."""
    a = t.addresses
    query = select(a).where(a.c.customer_id.in_(customer_ids)).order_by(a.c.id)
    return dict(_by_parent(conn.execute(query), "customer_id", lambda r: _make(Address, a, r)))
