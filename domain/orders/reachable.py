"""Which statuses an order can still reach from where it is: the transition table less
the moves its guards would refuse (a confirmed order with shipped goods or an invoice
can no longer be cancelled). Messages about next states list these only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.orders.states import ORDER_TRANSITIONS, OrderStatus

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder


def reachable_states(order: SalesOrder) -> frozenset[OrderStatus]:
    """The statuses the order's verbs would move it to now."""
    found = set(ORDER_TRANSITIONS[order.status])
    if any(s.has_left for s in order.shipments) or order.invoices:
        found.discard(OrderStatus.CANCELLED)  # make a return, or a credit note, instead
    return frozenset(found)
