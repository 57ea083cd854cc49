"""Order lists in SQL: the ids of a page of a selection (`domain.orders.listing`), newest
first, walked by keyset.

A page after an order starts below that order's (created_at, id): one index range scan
(`ix_orders_created`, or `ix_orders_customer_created` for one customer) that stops after
`limit` orders, however deep the page. The words of a list are the domain's, asked of the
database: to ship and overdue look for a shipment still in the warehouse, to invoice for
a line with more ordered than invoiced.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    cast,
    exists,
    func,
    or_,
    select,
    tuple_,
)

from domain.errors import NotFound
from domain.orders.listing import SHIPPABLE, OrderSelection
from domain.orders.shipments import OPEN_SHIPMENT
from store.tables import core as t
from store.tables import records as rec

UNINVOICED = 1e-7
"""How much more ordered than invoiced counts as left to invoice: quantities have six
decimals, and SQLite adds them as floating point (text on SQLite, see store.tables.types)."""


def page_ids(
    conn: Connection, selection: OrderSelection, after: str | None, limit: int
) -> list[int]:
    """The ids of the first `limit` orders of `selection` after the order coded `after`,
    newest first; NotFound when there is no such order."""
    o = t.orders.c
    query = select(o.id).where(*conditions(selection, conn.dialect.name == "sqlite"))
    if after is not None:
        mark = conn.execute(
            select(o.created_at, o.id).where(func.lower(o.code) == after.strip().lower())
        ).first()
        if mark is None:
            raise NotFound("order", f"{after} (the list goes on after an order that exists)")
        query = query.where(tuple_(o.created_at, o.id) < (mark.created_at, mark.id))
    query = query.order_by(o.created_at.desc(), o.id.desc()).limit(limit)
    return list(conn.scalars(query).all())


def conditions(selection: OrderSelection, walk: bool = False) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a selection; `walk`: keep SQLite off the status index.

    SQLite plans without statistics and takes the status index for a status condition,
    then sorts every confirmed order (165 ms for to-ship, 540 ms for to-invoice at
    300,000 orders); walking `ix_orders_created` (or `ix_orders_customer_created`) newest
    first stops after a page (4 and 7 ms). PostgreSQL weighs both with its statistics."""
    o = t.orders.c
    found: list[ColumnElement[bool]] = []
    if selection.customer is not None:
        found.append(func.lower(o.customer_code) == selection.customer.lower())
    status = func.coalesce(o.status, "") if walk else o.status  # no index serves coalesce()
    if selection.status is not None:
        found.append(status == selection.status)
    if selection.reference is not None:
        found.append(func.lower(o.reference) == selection.reference.lower())
    if selection.created_from is not None:
        found.append(o.created_at >= selection.created_from)
    if selection.created_before is not None:
        found.append(o.created_at < selection.created_before)
    if selection.to_ship or selection.overdue_on is not None or selection.to_invoice:
        found.append(status.in_(sorted(SHIPPABLE)))
    if selection.to_ship:
        found.append(_open_shipment())
    if selection.overdue_on is not None:
        s = t.shipments.c
        expected = func.coalesce(s.planned_date, o.due_date)
        found.append(_open_shipment(expected < selection.overdue_on))
    if selection.to_invoice:
        found.append(_left_to_invoice())
    return found


def _open_shipment(*more: ColumnElement[bool]) -> ColumnElement[bool]:
    s = t.shipments.c
    return exists().where(s.order_id == t.orders.c.id, s.status.in_(sorted(OPEN_SHIPMENT)), *more)


def _left_to_invoice() -> ColumnElement[bool]:
    """A line of the order with more ordered than its invoices hold."""
    line, il, inv = t.order_lines.c, rec.invoice_lines.c, rec.invoices.c
    invoiced = (
        select(func.coalesce(func.sum(_number(il.quantity)), 0.0))
        .join(rec.invoices, inv.id == il.invoice_id)
        .where(inv.order_id == t.orders.c.id, il.line_no == line.line_no)
        .correlate(t.orders, t.order_lines)
        .scalar_subquery()
    )
    none_yet = ~exists().where(inv.order_id == t.orders.c.id).correlate(t.orders)
    return exists().where(
        line.order_id == t.orders.c.id,
        or_(none_yet, _number(line.quantity) - invoiced > UNINVOICED),
    )


def _number(column: Any) -> Any:
    """A quantity as a number SQL can add (NUMERIC on PostgreSQL, text on SQLite)."""
    return cast(column, Float)
