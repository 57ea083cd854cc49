"""Results that services hand back to doors: aggregates with what a card needs beside them."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.cases.case import Case
from domain.cases.priorities import CasePriority
from domain.catalog.catalogues import CatalogueSent
from domain.catalog.history import FieldChange, ProductHistoryEntry
from domain.catalog.products import Product, Tax
from domain.commands.base import Query
from domain.customers.customer import Customer
from domain.customers.history import CustomerChange
from domain.orders.desk import ItemStatistic
from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.orders.order import BackorderLine, SalesOrder
from domain.orders.shipments import Shipment
from domain.records.ports import RelatedOrder
from domain.stock.rules import LineAvailability
from domain.subscriptions.subscription import Subscription
from domain.texts import Text


@dataclass(frozen=True)
class OrderView:
    """An order with its customer; `note` says what the command just did."""

    order: SalesOrder
    customer: Customer | None
    note: Text | str = ""
    # what each line of a tracked product can ship now (domain.stock), when read
    availability: tuple[LineAvailability, ...] = field(default=(), kw_only=True)
    # the orders made from this one (split, return, merged into it)
    related: tuple[RelatedOrder, ...] = field(default=(), kw_only=True)

    def ref(self) -> str:
        """A key to find this result again (idempotent replays)."""
        return f"order:{self.order.code}"


@dataclass(frozen=True)
class ShipmentView(OrderView):
    shipment: Shipment | None = None


@dataclass(frozen=True)
class InvoiceView(OrderView):
    invoice: Invoice | None = None


@dataclass(frozen=True)
class WorkOrdersView(OrderView):
    work_orders: tuple[WorkOrder, ...] = ()


@dataclass(frozen=True)
class ReturnView(OrderView):
    return_order: ReturnOrder | None = None


@dataclass(frozen=True)
class MergeView(OrderView):
    absorbed: SalesOrder | None = None


@dataclass(frozen=True)
class NotifyView(OrderView):
    sent: int = 0
    resent: bool = False
    recipient: str = ""


@dataclass(frozen=True)
class CustomerView:
    """The customer desk: a customer with alerts, orders, backorders and statistics."""

    customer: Customer
    alerts: tuple[Case, ...] = ()
    cases: tuple[Case, ...] = ()
    recent_orders: tuple[SalesOrder, ...] = ()
    invoiced_orders: tuple[SalesOrder, ...] = ()
    archived_orders: tuple[SalesOrder, ...] = ()
    related_orders: tuple[SalesOrder, ...] = ()
    backorders: tuple[tuple[str, BackorderLine], ...] = ()
    # what the backorder lines of tracked products hold, by order code (domain.stock)
    availability: tuple[tuple[str, LineAvailability], ...] = ()
    statistics: tuple[ItemStatistic, ...] = ()
    note: Text | str = ""
    history: tuple[CustomerChange, ...] = ()  # the latest changes, newest first
    catalogues_sent: tuple[CatalogueSent, ...] = ()  # the latest, newest first

    def ref(self) -> str:
        """A key to find this result again."""
        return f"customer:{self.customer.code}"


@dataclass(frozen=True)
class CustomerMatch:
    """A search hit with its score (0-100) and the field that matched."""

    customer: Customer
    score: int
    matched: str
    alerts: tuple[str, ...] = ()  # the titles of the customer's active alerts


@dataclass(frozen=True)
class ProductView:
    """A product with its tax; an edit's changes and the subscriptions it stops; its
    latest history, newest first."""

    product: Product
    tax: Tax | None = None
    note: Text | str = ""
    changes: tuple[FieldChange, ...] = ()
    stopped: tuple[Text, ...] = ()  # why each subscription of it can no longer order
    history: tuple[ProductHistoryEntry, ...] = ()

    def ref(self) -> str:
        """A key to find this result again."""
        return f"product:{self.product.code}"


@dataclass(frozen=True)
class CaseView:
    case: Case
    note: Text | str = ""

    def ref(self) -> str:
        """A key to find this result again."""
        return f"case:{self.case.id}"


@dataclass(frozen=True)
class PrioritiesView:
    """The case priorities, by rank; `note` says what the command just did."""

    priorities: tuple[CasePriority, ...]
    note: Text | str = ""

    def ref(self) -> str:
        """A key to find this result again."""
        return "priorities:"


@dataclass(frozen=True)
class SubscriptionView:
    subscription: Subscription
    note: Text | str = ""

    def ref(self) -> str:
        """A key to find this result again."""
        return f"subscription:{self.subscription.id}"


@dataclass(frozen=True)
class Listing:
    """A list answer: `kind` names what is listed; `more` is the query of the next page
    when the list goes on, `query` the one that made it."""

    kind: str
    items: tuple[object, ...] = field(default_factory=tuple)
    title: Text | str = ""
    more: Query | None = None
    query: Query | None = None


@dataclass(frozen=True)
class OrdersExported:
    """A list of orders written to a file."""

    path: str
    kind: str
    count: int
