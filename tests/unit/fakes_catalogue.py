"""In-memory fakes of the catalogue's ports beside products and taxes: the products'
history, the catalogues (with the default one a migrated database starts with), what
customers were sent, and the subscriptions a product change looks up. They mirror
store/repositories/catalog.py and the subscriptions repository."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from domain.catalog.catalogues import DEFAULT_NAME, Catalogue, CatalogueSent
from domain.catalog.history import ProductHistoryEntry
from domain.errors import NotFound
from domain.subscriptions.subscription import Subscription


def _default_catalogue() -> Catalogue:
    return Catalogue(
        name=DEFAULT_NAME,
        source_code=DEFAULT_NAME.upper(),
        valid_from=date(2020, 1, 1),
        created_at=datetime(2020, 1, 1, tzinfo=UTC),
        every_product=True,
        is_default=True,
    )


@dataclass
class CatalogueState:
    """What the catalogue's tables would hold."""

    product_history: list[ProductHistoryEntry] = field(default_factory=list)
    catalogues: list[Catalogue] = field(default_factory=lambda: [_default_catalogue()])
    sends: list[CatalogueSent] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)


class FakeProductHistory:
    """The history half of the product repository."""

    def __init__(self, state: CatalogueState) -> None:
        self.catalogue_state = state

    def record(self, entry: ProductHistoryEntry) -> None:
        self.catalogue_state.product_history.append(entry)

    def history(self, code: str, limit: int) -> list[ProductHistoryEntry]:
        found = [
            h
            for h in self.catalogue_state.product_history
            if h.product_code.lower() == code.lower()
        ]
        return found[::-1][:limit]


class FakeCatalogueRepository:
    def __init__(self, state: CatalogueState) -> None:
        self.state = state

    def find(self, name: str) -> Catalogue | None:
        return next((c for c in self.state.catalogues if c.name.lower() == name.lower()), None)

    def get(self, name: str) -> Catalogue:
        found = self.find(name)
        if found is None:
            raise NotFound("catalogue", name)
        return found

    def default(self) -> Catalogue:
        return next(c for c in self.state.catalogues if c.is_default)

    def add(self, catalogue: Catalogue) -> None:
        self.state.catalogues.append(catalogue)

    def list(self) -> Sequence[Catalogue]:
        return sorted(
            self.state.catalogues, key=lambda c: (not c.is_default, c.valid_from, c.name.lower())
        )

    def record_send(self, sent: CatalogueSent) -> None:
        self.state.sends.append(sent)

    def sends_of(self, customer_code: str, limit: int) -> list[CatalogueSent]:
        found = [s for s in self.state.sends if s.customer_code.lower() == customer_code.lower()]
        return found[::-1][:limit]


class FakeSubscriptionRepository:
    def __init__(self, state: CatalogueState) -> None:
        self.state = state

    def get(self, subscription_id: int) -> Subscription:
        for sub in self.state.subscriptions:
            if sub.id == subscription_id:
                return sub
        raise NotFound("subscription", subscription_id)

    def add(self, subscription: Subscription) -> None:
        self.state.subscriptions.append(subscription)

    def list(self, customer: str | None = None) -> Sequence[Subscription]:
        return [
            s
            for s in self.state.subscriptions
            if customer is None or s.customer_code.lower() == customer.lower()
        ]

    def with_product(self, code: str) -> Sequence[Subscription]:
        return [
            s
            for s in self.state.subscriptions
            if any(ln.product_code.lower() == code.lower() for ln in s.lines)
        ]
