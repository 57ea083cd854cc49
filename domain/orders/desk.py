"""What the customer desk shows of a customer's orders, and the port that reads it.

The desk works over the customer's latest `WINDOW` orders (newest first): the latest
`SHOWN` open, invoiced and archived orders, the orders related by a split, return or
merge, the confirmed quantities still in the warehouse, and what was ordered of each
product. The rules stay here (which statuses, which lines count, the arithmetic of a
line); the store computes them over the window set-based, reading whole only the orders
shown.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from domain.money import ZERO
from domain.orders.lines import BackorderLine
from domain.orders.states import InvoicingState, OrderStatus
from domain.orders.totals import PricedQuantity

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

WINDOW = 500
"""How many of the customer's latest orders the desk works over."""
SHOWN = 10
"""How many orders each of the desk's lists shows."""
ARCHIVED = frozenset({OrderStatus.CLOSED, OrderStatus.CANCELLED})
OPEN = frozenset(OrderStatus) - ARCHIVED
COUNTED = frozenset(OrderStatus) - {OrderStatus.CANCELLED}
"""The orders whose lines count in the item statistics."""


def is_invoiced(order: SalesOrder) -> bool:
    """Shown among the invoiced orders: some of it is invoiced."""
    return order.invoicing_state != InvoicingState.NOT_INVOICED


@dataclass(frozen=True)
class Pick:
    """Which orders of the window a desk list shows: the latest `limit` of those with
    these statuses, and (`invoiced`) some of whose quantity is on a live invoice; the
    store narrows to the orders that have an invoice, and `keep` decides."""

    statuses: frozenset[OrderStatus]
    limit: int = SHOWN
    invoiced: bool = False

    def keep(self, order: SalesOrder) -> bool:
        """Whether a candidate the store found belongs to the list."""
        return order.status in self.statuses and (not self.invoiced or is_invoiced(order))


@dataclass(frozen=True)
class LineGroup:
    """Lines of one product priced alike in the window's counted orders: how many."""

    product_code: str
    priced: PricedQuantity
    lines: int


@dataclass(frozen=True)
class ItemStatistic:
    """How much of a product a customer ordered, over how many orders."""

    product_code: str
    quantity: Decimal
    orders: int
    amount: Decimal


@dataclass(frozen=True)
class LineGroups:
    """The window's counted lines grouped by product and pricing, and in how many
    orders each product is."""

    groups: Sequence[LineGroup] = ()
    orders: dict[str, int] = field(default_factory=dict)

    def statistics(self) -> tuple[ItemStatistic, ...]:
        """What was ordered of each product, the largest amount first: quantities and
        line nets (the one line arithmetic, `PricedQuantity.net`) summed."""
        qty: dict[str, Decimal] = {}
        amount: dict[str, Decimal] = {}
        for g in self.groups:
            qty[g.product_code] = qty.get(g.product_code, ZERO) + g.priced.quantity * g.lines
            amount[g.product_code] = amount.get(g.product_code, ZERO) + g.priced.net * g.lines
        stats = [ItemStatistic(p, qty[p], self.orders.get(p, 0), amount[p]) for p in qty]
        return tuple(sorted(stats, key=lambda s: (-s.amount, s.product_code)))


@dataclass(frozen=True)
class DeskOrders:
    """The orders the desk shows whole: each pick's (in the order asked) and the related."""

    picked: tuple[tuple[SalesOrder, ...], ...]
    related: tuple[SalesOrder, ...]


class DeskReads(Protocol):
    """The customer desk's reads over the customer's latest `window` orders."""

    def shown(self, customer: str, window: int, picks: Sequence[Pick]) -> DeskOrders:
        """The orders of each pick, newest first, and the orders of the window made
        from another order or that another order of it was made from, newest first;
        all whole, read together."""
        ...

    def backorders(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> Sequence[tuple[str, BackorderLine]]:
        """The lines of open shipments of the window's orders with these statuses, by
        order (newest first), shipment and line, each made by `shipping.backorder`."""
        ...

    def line_groups(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> LineGroups:
        """The lines of the window's orders with these statuses, grouped."""
        ...
