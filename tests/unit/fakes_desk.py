"""The customer desk's reads over whole orders, as the desk worked them out before the
store computed them set-based: the fakes' implementation, and the reference the store's
queries are compared with (tests/integration/store/test_customer_desk.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from domain.orders.desk import DeskOrders, LineGroup, LineGroups, Pick
from domain.orders.lines import BackorderLine
from domain.orders.order import SalesOrder
from domain.orders.states import OrderStatus


def picked(window: Sequence[SalesOrder], pick: Pick) -> list[SalesOrder]:
    """The latest orders of the window the pick keeps."""
    return [o for o in window if pick.keep(o)][: pick.limit]


def related(window: Sequence[SalesOrder]) -> list[SalesOrder]:
    """Orders of the window made from another, or that another was made from."""
    parents = {o.parent_code for o in window if o.parent_code}
    return [o for o in window if o.parent_code or o.code in parents]


def backorders(
    window: Sequence[SalesOrder], statuses: Collection[OrderStatus]
) -> list[tuple[str, BackorderLine]]:
    """Each order's own backorder lines."""
    return [(o.code, b) for o in window if o.status in statuses for b in o.backorder_lines()]


def line_groups(window: Sequence[SalesOrder], statuses: Collection[OrderStatus]) -> LineGroups:
    """The lines of the counted orders, one group each time a product is priced alike."""
    groups: Counter[tuple[str, object]] = Counter()
    orders: dict[str, set[str]] = defaultdict(set)
    for order in window:
        if order.status not in statuses:
            continue
        for line in order.lines:
            groups[(line.product_code, line.priced())] += 1
            orders[line.product_code].add(order.code)
    made = [LineGroup(p, priced, n) for (p, priced), n in groups.items()]  # type: ignore[arg-type]
    return LineGroups(made, {p: len(codes) for p, codes in orders.items()})


class FakeDeskReads:
    """The desk's reads of a fake order repository, over its `list` of orders."""

    def list(
        self, customer: str | None = None, status: str | None = None, limit: int = 50
    ) -> Sequence[SalesOrder]:
        raise NotImplementedError  # the repository's own

    def shown(self, customer: str, window: int, picks: Sequence[Pick]) -> DeskOrders:
        orders = self.list(customer, None, window)
        lists = tuple(tuple(picked(orders, pick)) for pick in picks)
        return DeskOrders(lists, tuple(related(orders)))

    def backorders(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> Sequence[tuple[str, BackorderLine]]:
        return backorders(self.list(customer, None, window), statuses)

    def line_groups(
        self, customer: str, window: int, statuses: Collection[OrderStatus]
    ) -> LineGroups:
        return line_groups(self.list(customer, None, window), statuses)
