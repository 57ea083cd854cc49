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
from functools import cache
from itertools import chain
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    union_all,
)

from domain.orders.desk import DeskOrders, LineGroup, LineGroups, Pick
from domain.orders.lines import BackorderLine
from domain.orders.order import SalesOrder
from domain.orders.shipments import OPEN_SHIPMENT
from domain.orders.shipping import backorder
from domain.orders.states import OrderStatus
from domain.orders.totals import PricedQuantity
from store.repositories.reads import load_orders
from store.tables import core as t
from store.tables import records as rec

PAGE = 20
"""Candidates read whole at a time for a list whose last word is the domain's."""


Statuses = tuple[OrderStatus, ...]


def _window(name: str = "w") -> Any:
    """The ids and keys of the customer's latest orders, as a subquery; the customer and
    the window are parameters (`_params`), so that each statement is built once."""
    o = t.orders.c
    return (
        select(o.id, o.code, o.parent_code, o.status, o.created_at, o.due_date)
        .where(func.lower(o.customer_code) == bindparam("customer"))
        .order_by(o.created_at.desc(), o.id.desc())
        .limit(bindparam("window", type_=Integer))
        .subquery(name)
    )


def _params(customer: str, window: int) -> dict[str, Any]:
    return {"customer": customer.strip().lower(), "window": window}


def _sorted(statuses: Collection[OrderStatus]) -> Statuses:
    return tuple(sorted(statuses))


def _newest(query: Select[Any], w: Any) -> Select[Any]:
    return query.order_by(w.c.created_at.desc(), w.c.id.desc())


def shown(conn: Connection, customer: str, window: int, picks: Sequence[Pick]) -> DeskOrders:
    """Each pick's latest `pick.limit` orders of the window that it keeps, and the
    related orders: the candidates' ids first (one query for all the lists), then every
    candidate read whole at once (`load_orders`: a query a table, not one a table a list)."""
    params = _params(customer, window)
    keys = tuple((_sorted(pick.statuses), pick.invoiced, _size(pick)) for pick in picks)
    *first, near = _ids(conn, keys, params)
    loaded = {o.id: o for o in load_orders(conn, list(dict.fromkeys(chain(*first, near))))}
    lists = []
    for pick, ids in zip(picks, first, strict=True):
        found = [o for i in ids if (o := loaded.get(i)) is not None and pick.keep(o)]
        if len(found) < pick.limit and len(ids) == _size(pick):
            found += _further(conn, params, pick, pick.limit - len(found))
        lists.append(tuple(found[: pick.limit]))
    return DeskOrders(tuple(lists), tuple(o for i in near if (o := loaded.get(i)) is not None))


def _ids(
    conn: Connection, keys: tuple[tuple[Statuses, bool, int], ...], params: dict[str, Any]
) -> list[list[int]]:
    """The first candidates' ids of each pick (by its key), and the related orders' ids,
    newest first: one UNION ALL."""
    found: list[list[tuple[Any, int]]] = [[] for _ in range(len(keys) + 1)]
    for k, oid, created in conn.execute(_first_ids(keys), params):
        found[k].append((created, oid))
    return [[oid for _, oid in sorted(rows, reverse=True)] for rows in found]


@cache
def _first_ids(keys: tuple[tuple[Statuses, bool, int], ...]) -> Any:
    queries = [_picked_ids(statuses, invoiced).limit(size) for statuses, invoiced, size in keys]
    parts = []
    for n, query in enumerate([*queries, _related_ids()]):
        part = query.subquery(f"q{n}")
        parts.append(select(literal(n).label("k"), part.c.id, part.c.created_at))
    return union_all(*parts)


def _size(pick: Pick) -> int:
    """How many candidates of a pick are read at a time."""
    return pick.limit if not pick.invoiced else PAGE


def _picked_ids(statuses: Statuses, invoiced: bool) -> Select[Any]:
    """The ids of the window's candidates of a pick, newest first."""
    w = _window()
    query = _newest(select(w.c.id, w.c.created_at).where(w.c.status.in_(statuses)), w)
    if invoiced:
        query = query.where(
            select(rec.invoices.c.id).where(rec.invoices.c.order_id == w.c.id).exists()
        )
    return query


def _further(conn: Connection, params: dict[str, Any], pick: Pick, wanted: int) -> list[SalesOrder]:
    """The candidates after the first read, a page at a time, until `wanted` are kept."""
    found: list[SalesOrder] = []
    query = _picked_ids(_sorted(pick.statuses), pick.invoiced)
    size = _size(pick)
    offset = size
    while len(found) < wanted:
        ids = list(conn.scalars(query.limit(size).offset(offset), params))
        found += [o for o in load_orders(conn, ids) if pick.keep(o)]
        if len(ids) < size:
            break
        offset += size
    return found[:wanted]


def _related_ids() -> Select[Any]:
    """The ids of the window's orders made from another one, and of those another one
    was made from, newest first."""
    w = _window()
    p = _window("p")
    parents = select(p.c.parent_code).where(p.c.parent_code.is_not(None))
    related = or_(w.c.parent_code.is_not(None), w.c.code.in_(parents))
    return _newest(select(w.c.id, w.c.created_at).where(related), w)


def backorders(
    conn: Connection, customer: str, window: int, statuses: Collection[OrderStatus]
) -> list[tuple[str, BackorderLine]]:
    """The window's backorder lines, by order (newest first), shipment and line."""
    return [
        (
            r.code,
            backorder(
                r.line_no, r.product_code, r.quantity, r.number, (r.planned_date, r.due_date)
            ),
        )
        for r in conn.execute(_backorders(_sorted(statuses)), _params(customer, window))
    ]


@cache
def _backorders(statuses: Statuses) -> Select[Any]:
    w = _window()
    s, sl, ln = t.shipments.c, t.shipment_lines.c, t.order_lines.c
    return _newest(
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
        .where(w.c.status.in_(statuses), s.status.in_(sorted(OPEN_SHIPMENT))),
        w,
    ).order_by(s.number, sl.line_no)


def line_groups(
    conn: Connection, customer: str, window: int, statuses: Collection[OrderStatus]
) -> LineGroups:
    """The window's lines of orders with these statuses, by product and pricing."""
    by_pricing, by_product = _line_groups(_sorted(statuses))
    params = _params(customer, window)
    groups = [
        LineGroup(r[0], PricedQuantity(r[1], r[2], r[3], r[4], r[5]), int(r[6]))
        for r in conn.execute(by_pricing, params)
    ]
    orders = conn.execute(by_product, params)
    return LineGroups(groups, {str(code): int(n) for code, n in orders})


@cache
def _line_groups(statuses: Statuses) -> tuple[Select[Any], Select[Any]]:
    """The lines grouped by product and pricing; the orders counted by product."""
    w = _window()
    ln = t.order_lines.c
    counted = select(w.c.id).where(w.c.status.in_(statuses)).scalar_subquery()
    pricing = (
        ln.product_code,
        ln.quantity,
        ln.unit_price,
        ln.discount_percent,
        ln.tax_rate,
        ln.discount_amount,
    )
    return (
        select(*pricing, func.count()).where(ln.order_id.in_(counted)).group_by(*pricing),
        select(ln.product_code, func.count(ln.order_id.distinct()))
        .where(ln.order_id.in_(counted))
        .group_by(ln.product_code),
    )
