"""Small builders of domain objects for the unit tests: line specs and orders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.orders.creation import NewOrder
from domain.orders.order import LineSpec, SalesOrder, Source

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)
D = Decimal


def spec(
    product: str,
    quantity: str | int = 1,
    price: str = "10.00",
    rate: str = "20",
    discount: str = "0",
) -> LineSpec:
    """A line of `quantity` x `product` at `price`, taxed at `rate` %, less `discount` %."""
    return LineSpec(
        product_code=product,
        description=product.title(),
        quantity=D(quantity),
        unit_price=D(price),
        tax_code=f"VAT{rate}" if rate != "0" else None,
        tax_rate=D(rate),
        discount_percent=D(discount),
    )


def order(
    *specs: LineSpec,
    code: str = "SO-00001",
    customer: str = "ACME",
    now: datetime = T0,
    source: Source = Source.CONSOLE,
    **fields: object,
) -> SalesOrder:
    """A draft order with its events already pulled (as if loaded from the store)."""
    lines = list(specs) or [spec("WIDGET", 10), spec("GADGET", 5)]
    made = NewOrder.of(code, customer, lines, now, source, **fields).aggregate()
    made.pull_events()
    return made


def confirmed(*specs: LineSpec, **kwargs: Any) -> SalesOrder:
    """A confirmed order, events and notifications so far forgotten."""
    made = order(*specs, **kwargs)
    made.confirm(T0)
    made.pull_events()
    made.notifications.clear()
    return made
