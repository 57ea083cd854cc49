"""In-memory fakes of the ports: a unit of work with dict repositories, and a clock.

They mirror store/uow.py and store/repositories/: codes are found case-insensitively,
ids appear on flush (or commit), numbers are gap-free per prefix (`SO-00001`, hand-made
order codes skipped), commit bumps the version of every order the unit of work loaded
and refuses a stale one with ConcurrencyConflict, and what is not committed is lost.

`FakeStore` is the "database": `store.uow_factory` is a MessageBus `uow_factory`. Each
unit of work works on a deep copy of the store's state and replaces it on commit, so
rollback (or leaving without commit) discards every change.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any

from domain.cases.case import Case
from domain.cases.priorities import DEFAULT_PRIORITIES, CasePriority
from domain.catalog.products import Product, Tax
from domain.customers import identity
from domain.customers.customer import Customer
from domain.customers.history import CustomerChange
from domain.customers.ranking import CANDIDATES, Candidate, Candidates, OrderHit
from domain.customers.search import SearchQuery
from domain.errors import ConcurrencyConflict, NotFound
from domain.events import Event, EventRecorder
from domain.inbox.mail import InboundRecord, MailKey
from domain.numbering import DocumentKind, NumberStyle
from domain.orders.creation import NewOrder
from domain.orders.factory import reference_key
from domain.orders.listing import OrderSelection, newest_first
from domain.orders.order import OrderStatus, SalesOrder
from domain.orders.tracking import TrackingToken
from domain.outbox.messages import OutboxMessage, OutboxStatus
from domain.records.ports import RecordRow, RecordSelection, RelatedOrder
from domain.records.statuses import RecordKind
from tests.unit.fakes_catalogue import (
    CatalogueState,
    FakeCatalogueRepository,
    FakeProductHistory,
    FakeSubscriptionRepository,
)
from tests.unit.fakes_desk import FakeDeskReads
from tests.unit.fakes_stock import FakeStockRepository, StockState

# --- the clock ------------------------------------------------------------------------


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward (`advance(hours=1)`); returns the new time."""
        self.now += timedelta(**delta)
        return self.now


# --- the state: what a database would hold ----------------------------------------------


@dataclass
class State:
    """Everything stored; keys of the code-keyed dicts are lower-cased codes."""

    orders: dict[str, SalesOrder] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    taxes: dict[str, Tax] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    priorities: list[CasePriority] = field(default_factory=lambda: _default_priorities())
    customer_history: list[CustomerChange] = field(default_factory=list)
    outbox: list[OutboxMessage] = field(default_factory=list)
    idempotency: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    job_runs: list[Any] = field(default_factory=list)
    inbound: list[InboundRecord] = field(default_factory=list)
    tracking: list[TrackingToken] = field(default_factory=list)
    catalogue: CatalogueState = field(default_factory=CatalogueState)
    stock: StockState = field(default_factory=StockState)

    def aggregates(self) -> list[Any]:
        """Every aggregate root held."""
        return [
            *self.orders.values(),
            *self.customers.values(),
            *self.products.values(),
            *self.taxes.values(),
            *self.cases,
            *self.priorities,
            *self.catalogue.catalogues,
            *self.catalogue.subscriptions,
        ]


def _default_priorities() -> list[CasePriority]:
    """The priorities a migrated database starts with."""
    return [
        CasePriority(name=name, alert=alert, rank=rank)
        for rank, (name, alert) in enumerate(DEFAULT_PRIORITIES, start=1)
    ]


def _key(code: str) -> str:
    return code.strip().lower()


def _assign_ids(obj: Any, ids: dict[str, int]) -> None:
    """Give `obj` and every child dataclass in its lists an id, as an INSERT would."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    if hasattr(obj, "id") and obj.id is None:
        name = type(obj).__name__
        ids[name] = ids.get(name, 0) + 1
        obj.id = ids[name]
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list):
            for child in value:
                _assign_ids(child, ids)


# --- repositories -----------------------------------------------------------------------


class FakeOrderRepository(FakeDeskReads):
    """Sales orders by code; remembers what it handed out (for version bumps)."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.seen: dict[str, tuple[SalesOrder, int]] = {}

    def find(self, code: str) -> SalesOrder | None:
        order = self.state.orders.get(_key(code))
        if order is not None and order.id is not None:
            self.seen.setdefault(_key(code), (order, order.version))
        return order

    def get(self, code: str) -> SalesOrder:
        order = self.find(code)
        if order is None:
            raise NotFound("order", code.strip().upper())
        return order

    def get_for_new_lines(self, code: str) -> SalesOrder:
        return self.get(code)

    def current(self, code: str) -> SalesOrder:
        return self.get(code)

    def add(self, order: SalesOrder) -> None:
        self.state.orders[_key(order.code)] = order

    def touched(self) -> list[SalesOrder]:
        return list(self.state.orders.values())

    def list(
        self, customer: str | None = None, status: str | None = None, limit: int = 50
    ) -> Sequence[SalesOrder]:
        found = [
            o
            for o in self.state.orders.values()
            if (not customer or o.customer_code.lower() == customer.lower())
            and (not status or str(o.status) == status)
        ]
        found.sort(key=lambda o: (o.created_at, o.id or 0), reverse=True)
        return found[:limit]

    def page(
        self, selection: OrderSelection, after: str | None, limit: int
    ) -> Sequence[SalesOrder]:
        found = sorted(
            (o for o in self.state.orders.values() if selection.takes(o)),
            key=newest_first,
            reverse=True,
        )
        if after is not None:
            mark = self.state.orders.get(_key(after))
            if mark is None:
                raise NotFound("order", after)
            found = [o for o in found if newest_first(o) < newest_first(mark)]
        return found[:limit]

    def add_new(self, orders: Sequence[NewOrder]) -> None:
        for new in orders:
            if _key(new.code) in self.state.orders:
                raise ConcurrencyConflict("An order")
            self.state.orders[_key(new.code)] = new.aggregate()

    def references(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        pairs = {(customer.lower(), reference_key(ref)) for customer, ref in wanted if ref}
        found: dict[tuple[str, str], str] = {}
        for o in sorted(self.state.orders.values(), key=lambda o: o.id or 0):
            key = (o.customer_code.lower(), reference_key(o.reference))
            if key in pairs and o.status != OrderStatus.CANCELLED:
                found.setdefault(key, o.code)
        return found


class FakeCustomerRepository:
    def __init__(self, state: State) -> None:
        self.state = state

    def find(self, code: str) -> Customer | None:
        return self.state.customers.get(_key(code))

    def get(self, code: str) -> Customer:
        customer = self.find(code)
        if customer is None:
            raise NotFound("customer", code)
        return customer

    def name_of(self, code: str) -> str | None:
        customer = self.find(code)
        return customer.name if customer is not None else None

    def add(self, customer: Customer) -> None:
        self.state.customers[_key(customer.code)] = customer

    def search(self, query: SearchQuery, want: int) -> Candidates:
        """Every customer (the ranking decides), and the orders whose code or PO number
        is the text typed."""
        typed = query.text.lower()
        hits = [
            OrderHit(o.code, o.reference, o.customer_code)
            for o in self.state.orders.values()
            if typed in (o.code.lower(), o.reference.lower())
        ]
        found = list(self.state.customers.values())[:CANDIDATES]
        return Candidates([Candidate.of(cu) for cu in found], hits)

    def many(self, codes: Sequence[str]) -> Sequence[Customer]:
        return [cu for code in codes if (cu := self.find(code)) is not None]

    def codes_like(self, code: str, limit: int) -> list[str]:
        typed = code.strip().lower()
        return [
            cu.code
            for cu in self.state.customers.values()
            if cu.code.lower().startswith(typed[:2]) and abs(len(cu.code) - len(typed)) <= 2
        ][:limit]

    def by_email(self, email: str) -> Customer | None:
        holders = self.email_holders(email)
        return self.state.customers[_key(holders[0])] if len(holders) == 1 else None

    def email_holders(self, email: str) -> list[str]:
        wanted = identity.email_key(email)
        return [cu.code for cu in self.state.customers.values() if wanted in cu.contact_emails()]

    def record(self, change: CustomerChange) -> None:
        self.state.customer_history.append(change)

    def history(self, code: str, limit: int) -> list[CustomerChange]:
        found = [h for h in self.state.customer_history if h.customer_code == code]
        return found[::-1][:limit]

    def open_orders_at(self, code: str, address_code: str) -> list[str]:
        wanted = address_code.strip().lower()
        return sorted(
            o.code
            for o in self.state.orders.values()
            if o.customer_code.lower() == code.lower()
            and o.status in (OrderStatus.DRAFT, OrderStatus.CONFIRMED)
            and wanted
            in ((o.delivery_address_code or "").lower(), (o.billing_address_code or "").lower())
        )


class FakeProductRepository(FakeProductHistory):
    def __init__(self, state: State) -> None:
        super().__init__(state.catalogue)
        self.state = state

    def find(self, code: str) -> Product | None:
        return self.state.products.get(_key(code))

    def get(self, code: str) -> Product:
        product = self.find(code)
        if product is None:
            raise NotFound("product", code)
        return product

    def many(self, codes: Iterable[str]) -> Sequence[Product]:
        found = (self.find(code) for code in dict.fromkeys(_key(c) for c in codes))
        return [p for p in found if p is not None]

    def add(self, product: Product) -> None:
        self.state.products[_key(product.code)] = product

    def list(self, text: str = "") -> Sequence[Product]:
        t = text.lower()
        found = [
            p for p in self.state.products.values() if t in p.code.lower() or t in p.name.lower()
        ]
        return sorted(found, key=lambda p: p.code)


class FakeTaxRepository:
    def __init__(self, state: State) -> None:
        self.state = state

    def find(self, code: str) -> Tax | None:
        return self.state.taxes.get(_key(code))

    def get(self, code: str) -> Tax:
        tax = self.find(code)
        if tax is None:
            raise NotFound("tax", code)
        return tax

    def add(self, tax: Tax) -> None:
        self.state.taxes[_key(tax.code)] = tax

    def list(self) -> Sequence[Tax]:
        return sorted(self.state.taxes.values(), key=lambda t: t.code)


class FakeCaseRepository:
    def __init__(self, state: State) -> None:
        self.state = state

    def get(self, case_id: int) -> Case:
        case = next((cs for cs in self.state.cases if cs.id == case_id), None)
        if case is None:
            raise NotFound("case", case_id)
        return case

    def add(self, case: Case) -> None:
        self.state.cases.append(case)

    def list(self, customer: str | None = None, open_only: bool = False) -> Sequence[Case]:
        found = [
            cs
            for cs in self.state.cases
            if (not customer or cs.customer_code.lower() == customer.lower())
            and (not open_only or cs.status == "open")
        ]
        return sorted(found, key=lambda cs: cs.id or 0, reverse=True)

    def alerts_of(self, customers: Iterable[str]) -> Sequence[Case]:
        codes = {code.lower() for code in customers}
        found = [cs for cs in self.state.cases if cs.customer_code.lower() in codes]
        return sorted((cs for cs in found if cs.active_alert), key=lambda cs: cs.id or 0)

    def open_with_priority(self, name: str) -> Sequence[Case]:
        return [cs for cs in self.state.cases if cs.priority == name and cs.status == "open"]

    def priorities(self) -> Sequence[CasePriority]:
        return sorted(self.state.priorities, key=lambda p: p.rank)

    def add_priority(self, priority: CasePriority) -> None:
        self.state.priorities.append(priority)


class FakeOutboxRepository:
    def __init__(self, state: State) -> None:
        self.state = state

    def add(self, message: OutboxMessage) -> None:
        self.state.outbox.append(message)

    def dead(self, limit: int = 50, since: datetime | None = None) -> Sequence[OutboxMessage]:
        rows = [
            m
            for m in self.state.outbox
            if m.status == OutboxStatus.DEAD and (since is None or m.created_at >= since)
        ]
        return sorted(rows, key=lambda m: (m.created_at, m.id or 0), reverse=True)[:limit]


class FakeTrackingRepository:
    def __init__(self, state: State) -> None:
        self.state = state

    def add(self, token: TrackingToken) -> None:
        self.state.tracking.append(token)

    def of_order(self, order_code: str) -> Sequence[TrackingToken]:
        return [t for t in self.state.tracking if t.order_code.lower() == order_code.lower()]


class FakeInboundRepository:
    """Handled messages; the unique key is checked as the table's constraint would."""

    def __init__(self, state: State) -> None:
        self.state = state

    def recorded(self, message_ids: Iterable[str]) -> list[MailKey]:
        wanted = set(message_ids)
        return [r.key for r in self.state.inbound if r.key.message_id in wanted]

    def add_many(self, records: Sequence[InboundRecord]) -> None:
        seen = {r.key for r in self.state.inbound}
        for record in records:
            if record.key in seen:
                raise ConcurrencyConflict("The same record")
            seen.add(record.key)
            self.state.inbound.append(record)

    def answers_since(self, senders: Iterable[str], since: datetime) -> dict[str, int]:
        wanted, counts = set(senders), dict[str, int]()
        for r in self.state.inbound:
            if r.answered and r.sender in wanted and r.received_at >= since:
                counts[r.sender] = counts.get(r.sender, 0) + 1
        return counts

    def stranger_answers_since(self, since: datetime) -> int:
        return sum(
            1
            for r in self.state.inbound
            if r.answered and r.customer_code is None and r.received_at >= since
        )

    def deferred(self) -> AbstractContextManager[None]:
        return contextlib.nullcontext()

    def senders(self, addresses: Iterable[str]) -> dict[str, Customer]:
        found: dict[str, Customer] = {}
        for address in addresses:
            key = identity.email_key(address)
            holders = [cu for cu in self.state.customers.values() if key in cu.contact_emails()]
            if len(holders) == 1:
                found[key] = holders[0]
        return found

    def order_of(self, message_ids: Iterable[str]) -> str | None:
        wanted = set(message_ids)
        found = (r for r in self.state.inbound if r.key.message_id in wanted and r.order_code)
        return next((r.order_code for r in found), None)

    def add_messages(self, messages: Sequence[OutboxMessage]) -> None:
        self.state.outbox.extend(messages)

    def add_links(self, tokens: Sequence[TrackingToken]) -> None:
        self.state.tracking.extend(tokens)


class FakeNumberSequence:
    """Counters per kind; codes taken by orders are skipped as the store does."""

    def __init__(self, state: State) -> None:
        self.state = state

    def next(self, style: NumberStyle) -> str:
        while True:
            value = self.state.counters.get(style.kind, 0) + 1
            self.state.counters[style.kind] = value
            code = style.code(value)
            if style.kind != DocumentKind.ORDER or _key(code) not in self.state.orders:
                return code

    def reserve(self, style: NumberStyle, count: int) -> list[str]:
        return [self.next(style) for _ in range(count)]

    def release(self, style: NumberStyle, codes: Sequence[str]) -> None:
        numbers = [n for n in map(style.number_of, codes) if n is not None]
        if numbers:
            self.state.counters[style.kind] = min(numbers) - 1


class FakeRecordRepository:
    """Records found by walking the orders, as the store's joins find them."""

    def __init__(self, state: State) -> None:
        self.state = state

    def _records(self, kind: RecordKind) -> list[tuple[SalesOrder, Any]]:
        field = {
            RecordKind.INVOICE: "invoices",
            RecordKind.CREDIT_NOTE: "credit_notes",
            RecordKind.WORK_ORDER: "work_orders",
            RecordKind.RETURN: "returns",
        }[kind]
        return [(o, r) for o in self.state.orders.values() for r in getattr(o, field)]

    def order_of(self, kind: RecordKind, code: str) -> str | None:
        found = [o.code for o, r in self._records(kind) if _key(r.code) == _key(code)]
        return found[0] if found else None

    def rows(self, selection: RecordSelection) -> Sequence[RecordRow]:
        who = _key(selection.who) if selection.who else None
        found = [
            RecordRow(o.code, o.customer_code, r)
            for o, r in self._records(selection.kind)
            if (who is None or who in (_key(o.code), _key(o.customer_code)))
            and (not selection.status or str(r.status) == selection.status)
            and (
                selection.overdue_on is None
                or (str(r.status) == "open" and r.due_date and r.due_date < selection.overdue_on)
            )
        ]
        found.sort(key=lambda row: (row.record.created_at, row.record.code), reverse=True)
        return found[: selection.limit]

    def children_of(self, order_code: str) -> Sequence[RelatedOrder]:
        found = sorted(
            (
                o
                for o in self.state.orders.values()
                if _key(o.parent_code or "") == _key(order_code)
            ),
            key=lambda o: (o.created_at, o.id or 0),
        )
        return [RelatedOrder(o.code, str(o.relation or ""), str(o.status)) for o in found]


class FakeIdempotencyStore:
    def __init__(self, state: State) -> None:
        self.state = state

    def get(self, key: str) -> str | None:
        return self.state.idempotency.get(key)

    def put(self, key: str, result: str) -> None:
        if key in self.state.idempotency:
            raise ConcurrencyConflict("The same record")
        self.state.idempotency[key] = result


class FakeJobRunRepository:
    """The job log: runs in a list, ids given on add."""

    def __init__(self, state: State) -> None:
        self.state = state

    def add(self, run: Any) -> None:
        run.id = len(self.state.job_runs) + 1
        self.state.job_runs.append(run)

    def get(self, run_id: int) -> Any:
        run = next((r for r in self.state.job_runs if r.id == run_id), None)
        if run is None:
            raise NotFound("job run", run_id)
        return run

    def latest(self, limit: int = 20, job_name: str | None = None) -> Sequence[Any]:
        found = [r for r in self.state.job_runs if not job_name or r.job_name == job_name]
        return sorted(found, key=lambda r: r.id, reverse=True)[:limit]

    def running(self, job_name: str) -> Sequence[Any]:
        return [r for r in self.state.job_runs if r.job_name == job_name and r.status == "running"]


# --- the unit of work -------------------------------------------------------------------


class FakeUnitOfWork:
    """One "transaction" on a deep copy of the store's state."""

    def __init__(self, store: FakeStore, readonly: bool = False) -> None:
        self.store = store
        self.readonly = readonly
        self.committed = False
        self.rolled_back = False

    def __enter__(self) -> FakeUnitOfWork:
        self._load()
        self.store.opened.append(self)
        return self

    def _load(self) -> None:
        self.state = copy.deepcopy(self.store.state)
        # Loaded aggregates start without recorded events, as rows read from a database.
        for aggregate in self.state.aggregates():
            if isinstance(aggregate, EventRecorder):
                aggregate.pull_events()
        self.orders = FakeOrderRepository(self.state)
        self.customers = FakeCustomerRepository(self.state)
        self.products = FakeProductRepository(self.state)
        self.taxes = FakeTaxRepository(self.state)
        self.cases = FakeCaseRepository(self.state)
        self.outbox = FakeOutboxRepository(self.state)
        self.inbound = FakeInboundRepository(self.state)
        self.tracking = FakeTrackingRepository(self.state)
        self.numbers = FakeNumberSequence(self.state)
        self.records = FakeRecordRepository(self.state)
        self.idempotency = FakeIdempotencyStore(self.state)
        self.job_runs = FakeJobRunRepository(self.state)
        self.catalogues = FakeCatalogueRepository(self.state.catalogue)
        self.subscriptions = FakeSubscriptionRepository(self.state.catalogue)
        self.stock = FakeStockRepository(self.state.stock)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Leaving without commit forgets the copy: the store's state is untouched.
        return None

    def flush(self) -> None:
        """Give ids to everything new."""
        for aggregate in self.state.aggregates():
            _assign_ids(aggregate, self.state.ids)
        for message in self.state.outbox:
            _assign_ids(message, self.state.ids)

    def commit(self) -> None:
        """Check and bump versions of loaded orders, then make the copy the store's state."""
        if self.readonly:
            raise AssertionError("commit in a read-only unit of work")
        self.store.before_commit(self)
        for code, (order, version) in self.orders.seen.items():
            current = self.store.state.orders.get(code)
            if current is None or current.version != version:
                raise ConcurrencyConflict("The order")
            order.version = version + 1
        self.flush()
        # A copy, so results handed back stay detached as SQLAlchemy objects do.
        self.store.state = copy.deepcopy(self.state)
        self.store.commits += 1
        self.committed = True

    def rollback(self) -> None:
        """Forget everything not committed."""
        self.rolled_back = True
        self._load()

    def collect_events(self) -> list[Event]:
        """Events recorded by every aggregate this unit of work holds."""
        events: list[Event] = []
        for aggregate in self.state.aggregates():
            if isinstance(aggregate, EventRecorder):
                events += aggregate.pull_events()
        return events


class FakeStore:
    """The shared in-memory database; `uow_factory` makes units of work on it."""

    def __init__(self) -> None:
        self.state = State()
        self.commits = 0
        self.opened: list[FakeUnitOfWork] = []
        self.conflicts_to_raise = 0

    def uow_factory(self, readonly: bool = False) -> FakeUnitOfWork:
        """A new unit of work (MessageBus's `uow_factory(readonly)`)."""
        return FakeUnitOfWork(self, readonly)

    def before_commit(self, uow: FakeUnitOfWork) -> None:
        """Hook: lose `conflicts_to_raise` races before the next commits go through."""
        if self.conflicts_to_raise > 0:
            self.conflicts_to_raise -= 1
            raise ConcurrencyConflict("The order")

    # Reading what was committed, for asserts.

    def order(self, code: str) -> SalesOrder:
        """A committed order."""
        return self.state.orders[_key(code)]

    @property
    def outbox(self) -> list[OutboxMessage]:
        """Committed outbox rows."""
        return self.state.outbox
