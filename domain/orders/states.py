"""The words that classify a sales order: its status and the moves between them, how much
has shipped and been invoiced, where it came from, how it relates to its parent, and
when a confirmed order closes by itself.
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    """Where an order is in its life."""

    DRAFT = "draft"  # being written; nothing promised yet
    CONFIRMED = "confirmed"  # promised to the customer; can ship and invoice
    CLOSED = "closed"  # done: by hand, or by the auto-close rule
    CANCELLED = "cancelled"  # will not happen (also: merged into another order)


ORDER_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.DRAFT: frozenset({OrderStatus.CONFIRMED, OrderStatus.CANCELLED}),
    OrderStatus.CONFIRMED: frozenset({OrderStatus.CLOSED, OrderStatus.CANCELLED}),
    OrderStatus.CLOSED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

EDITABLE = frozenset({OrderStatus.DRAFT, OrderStatus.CONFIRMED})


class ShippingState(StrEnum):
    """How much of the order has left the warehouse."""

    NOT_SHIPPED = "not_shipped"
    PARTIALLY_SHIPPED = "partially_shipped"
    SHIPPED = "shipped"


class InvoicingState(StrEnum):
    """How much of the order has been invoiced."""

    NOT_INVOICED = "not_invoiced"
    PARTIALLY_INVOICED = "partially_invoiced"
    INVOICED = "invoiced"


class Source(StrEnum):
    """The door an order came in through."""

    SLACK = "slack"
    EMAIL = "email"
    IMPORT = "import"
    SUBSCRIPTION = "subscription"
    CONSOLE = "console"
    MARKETPLACE = "marketplace"


class Relation(StrEnum):
    """How an order relates to its parent."""

    MERGED_INTO = "merged-into"
    GENERATED_BY_SUBSCRIPTION = "generated-by-subscription"
    RETURN_OF = "return-of"


class AutoClose(StrEnum):
    """When a confirmed order closes by itself."""

    ON_INVOICE = "on_invoice"  # once fully invoiced
    ON_SHIPMENT = "on_shipment"  # once fully shipped
    ON_BOTH = "on_both"  # once fully shipped and fully invoiced
    NEVER = "never"  # only by hand

    def met(self, shipped: bool, invoiced: bool) -> bool:
        """Whether a confirmed order, fully `shipped` or not, fully `invoiced` or not,
        closes by itself under this rule."""
        return {
            AutoClose.ON_INVOICE: invoiced,
            AutoClose.ON_SHIPMENT: shipped,
            AutoClose.ON_BOTH: shipped and invoiced,
            AutoClose.NEVER: False,
        }[self]
