"""The customer desk's reads in SQL (`domain.orders.desk.DeskReads`): set-based over the
customer's latest orders, whole orders read only for the ones shown.

The window is the customer's latest orders, newest first, walked on
`ix_orders_customer_created`. Backorders are one join of the window's orders, their open
shipments, the shipments' lines and the order lines they ship; the item statistics one
GROUP BY of the window's lines by product and pricing, whose nets the domain works out
(one line arithmetic); the lists' candidates and the related orders are read whole
together, and a list whose candidates the domain's rule did not keep enough of reads
further ones a page at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal, or_, select, union_all

from domain.orders.desk import DeskOrders, LineGroup, LineGroups, Pick
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


def shown(conn: Connection, customer: str, window: int, picks: Sequence[Pick]) -> DeskOrders:
    """Each pick's latest `pick.limit` orders of the window that it keeps, and the
    related orders: the candidates' ids first (one query for all the lists), then every
    candidate read whole at once (`load_orders`: a query a table, not one a table a list)."""
    asked = [(pick, _picked_ids(customer, window, pick)) for pick in picks]
    *first, near = _ids(
        conn, [query.limit(_size(pick)) for pick, query in asked] + [_related_ids(customer, window)]
    )
    loaded = {o.id: o for o in load_orders(conn, list(dict.fromkeys(chain(*first, near))))}
    lists = []
    for (pick, query), ids in zip(asked, first, strict=True):
        found = [o for i in ids if (o := loaded.get(i)) is not None and pick.keep(o)]
        if len(found) < pick.limit and len(ids) == _size(pick):
            found += _further(conn, query, pick, pick.limit - len(found))
        lists.append(tuple(found[: pick.limit]))
    return DeskOrders(tuple(lists), tuple(o for i in near if (o := loaded.get(i)) is not None))


def _ids(conn: Connection, queries: Sequence[Select[Any]]) -> list[list[int]]:
    """The ids each query of (id, created_at) gives, newest first: one UNION ALL."""
    parts = []
    for n, query in enumerate(queries):
        part = query.subquery(f"q{n}")
        parts.append(select(literal(n).label("k"), part.c.id, part.c.created_at))
    found: list[list[tuple[Any, int]]] = [[] for _ in queries]
    for k, oid, created in conn.execute(union_all(*parts)):
        found[k].append((created, oid))
    return [[oid for _, oid in sorted(rows, reverse=True)] for rows in found]


def _size(pick: Pick) -> int:
    """How many candidates of a pick are read at a time."""
    return pick.limit if not pick.invoiced else PAGE


def _picked_ids(customer: str, window: int, pick: Pick) -> Select[Any]:
    """The ids of the window's candidates of a pick, newest first."""
    w = _window(customer, window)
    query = _newest(select(w.c.id, w.c.created_at).where(w.c.status.in_(sorted(pick.statuses))), w)
    if pick.invoiced:
        query = query.where(select(t.invoices.c.id).where(t.invoices.c.order_id == w.c.id).exists())
    return query


def _further(conn: Connection, query: Select[Any], pick: Pick, wanted: int) -> list[SalesOrder]:
    """The candidates after the first read, a page at a time, until `wanted` are kept."""
    found: list[SalesOrder] = []
    size = _size(pick)
    offset = size
    while len(found) < wanted:
        ids = list(conn.scalars(query.limit(size).offset(offset)))
        found += [o for o in load_orders(conn, ids) if pick.keep(o)]
        if len(ids) < size:
            break
        offset += size
    return found[:wanted]


def _related_ids(customer: str, window: int) -> Select[Any]:
    """The ids of the window's orders made from another one, and of those another one
    was made from, newest first."""
    w = _window(customer, window)
    p = _window(customer, window, "p")
    parents = select(p.c.parent_code).where(p.c.parent_code.is_not(None))
    related = or_(w.c.parent_code.is_not(None), w.c.code.in_(parents))
    return _newest(select(w.c.id, w.c.created_at).where(related), w)


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
