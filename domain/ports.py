"""What the services need from the outside world, as protocols: repositories, unit of work.

The store implements them with SQLAlchemy; unit tests implement them with dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol

from domain.cases.case import Case
from domain.cases.priorities import CasePriority
from domain.catalog.products import Product, Tax
from domain.customers.customer import Customer
from domain.customers.history import CustomerChange
from domain.customers.ranking import Candidates
from domain.customers.search import SearchQuery
from domain.events import Event
from domain.imports.ports import ImportRepository
from domain.inbox.mail import InboundRepository
from domain.jobs.ports import DigestStore, JobRunRepository, SubscriptionBatchStore
from domain.numbering import NumberStyle
from domain.orders.creation import NewOrder
from domain.orders.listing import OrderSelection
from domain.orders.order import SalesOrder
from domain.orders.tracking import TrackingTokenRepository
from domain.outbox.messages import OutboxMessage
from domain.subscriptions.subscription import Subscription


class OrderRepository(Protocol):
    def get(self, code: str) -> SalesOrder: ...
    def find(self, code: str) -> SalesOrder | None: ...
    def add(self, order: SalesOrder) -> None: ...
    def add_new(self, orders: Sequence[NewOrder]) -> None:
        """Write new orders in bulk (never loaded as aggregates); their events reach the
        bus with the unit of work's. ConcurrencyConflict when a unique key refuses one."""
        ...

    def list(
        self, customer: str | None = None, status: str | None = None, limit: int = 50
    ) -> Sequence[SalesOrder]: ...
    def page(
        self, selection: OrderSelection, after: str | None, limit: int
    ) -> Sequence[SalesOrder]:
        """The first `limit` orders of the selection, newest first, after the order
        coded `after` when given (NotFound when there is no such order)."""

    def references(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Codes of not-cancelled orders holding these (customer, reference) pairs, the
        earliest of each; keys are (lower-cased customer code, `reference_key`)."""
        ...


class CustomerRepository(Protocol):
    def get(self, code: str) -> Customer: ...
    def find(self, code: str) -> Customer | None: ...
    def add(self, customer: Customer) -> None: ...
    def search(self, query: SearchQuery, want: int) -> Candidates:
        """Customers that may match the query (at most `CANDIDATES`, enough for the
        best `want` of them), and the orders whose code or PO number it is; which comes
        first is `domain.customers.ranking`'s rule."""
        ...

    def many(self, codes: Sequence[str]) -> Sequence[Customer]:
        """The customers with these codes (case-insensitive), whole; unknown codes
        left out."""
        ...

    def codes_like(self, code: str, limit: int) -> Sequence[str]:
        """Customer codes that may be a slip of `code`: beginning with its first two
        characters (case aside), at most two characters longer or shorter; at most
        `limit` of them."""
        ...

    def by_email(self, email: str) -> Customer | None:
        """The one customer a contact of which has this address (compared by
        `identity.email_key`); None when none, or when several share it (as a database
        made before addresses were unique may hold: `orderbot db upgrade` lists them)."""
        ...

    def email_holders(self, email: str) -> Sequence[str]:
        """The codes of every customer a contact of which has this address."""
        ...

    def record(self, change: CustomerChange) -> None:
        """Keep an entry of a customer's history."""
        ...

    def history(self, code: str, limit: int) -> Sequence[CustomerChange]:
        """The latest `limit` entries of the customer's history, newest first."""
        ...

    def open_orders_at(self, code: str, address_code: str) -> Sequence[str]:
        """The codes of the customer's draft and confirmed orders that ship or bill to
        the address with this code (case-insensitive)."""
        ...


class ProductRepository(Protocol):
    def get(self, code: str) -> Product: ...
    def find(self, code: str) -> Product | None: ...
    def add(self, product: Product) -> None: ...
    def list(self, text: str = "") -> Sequence[Product]: ...


class TaxRepository(Protocol):
    def get(self, code: str) -> Tax: ...
    def find(self, code: str) -> Tax | None: ...
    def add(self, tax: Tax) -> None: ...
    def list(self) -> Sequence[Tax]: ...


class CaseRepository(Protocol):
    def get(self, case_id: int) -> Case: ...
    def add(self, case: Case) -> None: ...
    def list(self, customer: str | None = None, open_only: bool = False) -> Sequence[Case]: ...
    def alerts_of(self, customers: Iterable[str]) -> Sequence[Case]:
        """The active alerts (open cases marked as alerts) of these customers, oldest first."""
        ...

    def open_with_priority(self, name: str) -> Sequence[Case]:
        """The open cases that have this priority."""
        ...

    def priorities(self) -> Sequence[CasePriority]:
        """Every priority, by rank (most urgent last)."""
        ...

    def add_priority(self, priority: CasePriority) -> None: ...


class SubscriptionRepository(Protocol):
    def get(self, subscription_id: int) -> Subscription: ...
    def add(self, subscription: Subscription) -> None: ...
    def list(self, customer: str | None = None) -> Sequence[Subscription]: ...


class OutboxRepository(Protocol):
    def add(self, message: OutboxMessage) -> None: ...
    def dead(self, limit: int = 50, since: datetime | None = None) -> Sequence[OutboxMessage]:
        """Dead messages, newest first."""
        ...


class NumberSequence(Protocol):
    def next(self, style: NumberStyle) -> str:
        """The next free code of the style's kind (SO-00001, INV-00001...), gap-free."""
        ...

    def reserve(self, style: NumberStyle, count: int) -> list[str]:
        """The next `count` free codes, in one counter update (and a retry per clash)."""
        ...

    def release(self, style: NumberStyle, codes: Sequence[str]) -> None:
        """Give back the unused tail of codes this transaction reserved."""
        ...


class IdempotencyStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, result: str) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: repositories, then commit or rollback."""

    @property
    def orders(self) -> OrderRepository: ...
    @property
    def customers(self) -> CustomerRepository: ...
    @property
    def products(self) -> ProductRepository: ...
    @property
    def taxes(self) -> TaxRepository: ...
    @property
    def cases(self) -> CaseRepository: ...
    @property
    def subscriptions(self) -> SubscriptionRepository: ...
    @property
    def outbox(self) -> OutboxRepository: ...
    @property
    def tracking(self) -> TrackingTokenRepository: ...
    @property
    def inbound(self) -> InboundRepository: ...
    @property
    def imports(self) -> ImportRepository: ...
    @property
    def job_runs(self) -> JobRunRepository: ...
    @property
    def subscription_batches(self) -> SubscriptionBatchStore: ...
    @property
    def digests(self) -> DigestStore: ...
    @property
    def numbers(self) -> NumberSequence: ...
    @property
    def idempotency(self) -> IdempotencyStore: ...

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def flush(self) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def collect_events(self) -> list[Event]: ...
