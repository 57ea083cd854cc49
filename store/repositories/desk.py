"""The customer desk's reads in SQL (`domain.orders.desk.DeskReads`): set-based over the
customer's latest orders, whole orders read only for the ones shown.

The window is the customer's latest orders, newest first, walked on
`ix_orders_customer_created`. Backorders are one join of the window's orders, their open
shipments, the shipments' lines and the order lines they ship; the item statistics one
GROUP BY of the window's lines by product and pricing, whose nets the domain works out
(one line arithmetic); a list of orders reads candidates a page at a time until enough
are kept by the domain's rule.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from domain.orders.desk import LineGroup, LineGroups, Pick
from domain.orders.lines import BackorderLine
from domain.orders.order import SalesOrder
from domain.orders.shipments import OPEN_SHIPMENT
from domain.orders.shipping import backorder
from domain.orders.states import OrderStatus
from domain.orders.totals import PricedQuantity
from store.repositories.reads import load_orders
from store.tables import core as t

PAGE = 20
"""Candidates read whole at a time for a list whose last word is the domain's."""


def _window(customer: str, window: int, name: str = "w") -> Any:
    """The ids and keys of the customer's latest `window` orders, as a subquery."""
    o = t.orders.c
    return (
        select(o.id, o.code, o.parent_code, o.status, o.created_at, o.due_date)
        .where(func.lower(o.customer_code) == customer.strip().lower())
        .order_by(o.created_at.desc(), o.id.desc())
        .limit(window)
        .subquery(name)
    )


def _newest(query: Select[Any], w: Any) -> Select[Any]:
    return query.order_by(w.c.created_at.desc(), w.c.id.desc())


def picked(conn: Connection, customer: str, window: int, pick: Pick) -> list[SalesOrder]:
    """The latest `pick.limit` orders of the window `pick` keeps, whole."""
    w = _window(customer, window)
    query = _newest(select(w.c.id).where(w.c.status.in_(sorted(pick.statuses))), w)
    if pick.invoiced:
        query = query.where(select(t.invoices.c.id).where(t.invoices.c.order_id == w.c.id).exists())
    found: list[SalesOrder] = []
    offset = 0
    while len(found) < pick.limit:
        size = pick.limit if not pick.invoiced else PAGE
        ids = list(conn.scalars(query.limit(size).offset(offset)))
        found += [o for o in load_orders(conn, ids) if pick.keep(o)]
        if len(ids) < size:
            break
        offset += size
    return found[: pick.limit]


def related(conn: Connection, customer: str, window: int) -> list[SalesOrder]:
    """The window's orders made from another one, and those another one was made from."""
    w = _window(customer, window)
    p = _window(customer, window, "p")
    parents = select(p.c.parent_code).where(p.c.parent_code.is_not(None))
    query = _newest(
        select(w.c.id).where(or_(w.c.parent_code.is_not(None), w.c.code.in_(parents))), w
    )
    return load_orders(conn, list(conn.scalars(query)))


def backorders(
    conn: Connection, customer: str, window: int, statuses: Collection[OrderStatus]
) -> list[tuple[str, BackorderLine]]:
    """The window's backorder lines, by order (newest first), shipment and line."""
    w = _window(customer, window)
    s, sl, ln = t.shipments.c, t.shipment_lines.c, t.order_lines.c
    query = _newest(
        select(
            w.c.code,
            sl.line_no,
            ln.product_code,
            sl.quantity,
            s.number,
            s.planned_date,
            w.c.due_date,
        )
        .join(t.shipments, s.order_id == w.c.id)
        .join(t.shipment_lines, sl.shipment_id == s.id)
        .join(t.order_lines, and_(ln.order_id == w.c.id, ln.line_no == sl.line_no))
        .where(w.c.status.in_(sorted(statuses)), s.status.in_(sorted(OPEN_SHIPMENT))),
        w,
    ).order_by(s.number, sl.line_no)
    return [
        (
            r.code,
            backorder(
                r.line_no, r.product_code, r.quantity, r.number, (r.planned_date, r.due_date)
            ),
        )
        for r in conn.execute(query)
    ]


def line_groups(
    conn: Connection, customer: str, window: int, statuses: Collection[OrderStatus]
) -> LineGroups:
    """The window's lines of orders with these statuses, by product and pricing."""
    w = _window(customer, window)
    ln = t.order_lines.c
    counted = select(w.c.id).where(w.c.status.in_(sorted(statuses)))
    pricing = (
        ln.product_code,
        ln.quantity,
        ln.unit_price,
        ln.discount_percent,
        ln.tax_rate,
        ln.discount_amount,
    )
    rows = conn.execute(
        select(*pricing, func.count())
        .where(ln.order_id.in_(counted.scalar_subquery()))
        .group_by(*pricing)
    )
    groups = [
        LineGroup(r[0], PricedQuantity(r[1], r[2], r[3], r[4], r[5]), int(r[6])) for r in rows
    ]
    orders = conn.execute(
        select(ln.product_code, func.count(ln.order_id.distinct()))
        .where(ln.order_id.in_(counted.scalar_subquery()))
        .group_by(ln.product_code)
    )
    return LineGroups(groups, {str(code): int(n) for code, n in orders})
