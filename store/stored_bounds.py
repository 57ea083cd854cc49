"""What `orderbot db upgrade` reports of numbers stored out of bounds before the bounds
existed: order lines' quantities and prices, orders' discount, shipping and adjustment.

Nothing is changed: which value was meant is for a person to decide, and the views
already show such a value as out of range rather than failing on it. The values are
measured with the domain's own bounds (domain.bounds), so the report and the doors
agree, and read a page at a time, so a large database is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, Select, select

from domain import bounds
from store.tables import core as t

PAGE = 500
"""Rows read per query."""


def _pages(engine: Engine, query: Select[Any], key: Any) -> Iterator[Any]:
    """The rows of `query`, ordered by `key` (a unique id), PAGE rows per query."""
    last = 0
    while True:
        with engine.connect() as connection:
            rows = connection.execute(query.where(key > last).order_by(key).limit(PAGE)).all()
        yield from rows
        if len(rows) < PAGE:
            return
        last = rows[-1][0]


def _unpadded(value: Decimal) -> Decimal:
    """`value` without the zeros PostgreSQL pads its scale with (150.000000 is 150), so
    the report shows the value as it was typed."""
    text = str(value)
    if "." in text and "e" not in text.lower():
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def _line_problems(engine: Engine) -> Iterator[str]:
    o, ln = t.orders.c, t.order_lines.c
    query = select(ln.id, o.code, ln.line_no, ln.quantity, ln.unit_price).join(
        t.orders, o.id == ln.order_id
    )
    for _, code, line_no, quantity, price in _pages(engine, query, ln.id):
        for problem in (
            bounds.number_problem("quantity", _unpadded(quantity), bounds.QUANTITY),
            bounds.number_problem("price", _unpadded(price), bounds.PRICE),
        ):
            if problem is not None:
                yield f"  {code} line {line_no}: {problem}"


def _order_problems(engine: Engine) -> Iterator[str]:
    o = t.orders.c
    query = select(
        o.id, o.code, o.discount_value, o.discount_is_percent, o.shipping_charges, o.adjustment
    )
    for _, code, discount, is_percent, shipping, adjustment in _pages(engine, query, o.id):
        fields: list[tuple[str, Decimal, bounds.NumberBound]] = [
            ("discount", discount, bounds.PERCENT if is_percent else bounds.AMOUNT),
            ("shipping", shipping, bounds.AMOUNT),
            ("adjustment", adjustment, bounds.AMOUNT),
        ]
        for field, value, bound in fields:
            problem = bounds.number_problem(field, _unpadded(value), bound)
            if problem is not None:
                yield f"  {code}: {problem}"


def out_of_bounds(engine: Engine) -> list[str]:
    """One line per value stored out of bounds naming its order, line and field, between
    a heading and what to do about them; none when every value fits."""
    found = [*_order_problems(engine), *_line_problems(engine)]
    if not found:
        return []
    head = (
        f"{len(found)} values were stored out of bounds before orderbot had bounds; "
        "they are shown as out of range and were left as they are:"
    )
    tail = (
        "Correct or cancel these orders (a changed value is checked against its bounds), "
        "then run `orderbot db upgrade` again."
    )
    return [head, *found, tail]
