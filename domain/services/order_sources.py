"""Where the order factory's look-ups come from: one query each, or read once per batch.

`UnitSources` asks the unit of work as each order needs it (the console, Slack, the
order import). `BatchSources` serves a batch of many orders (the mail intake, the
subscription job) from what the batch read beforehand — the catalogue, the references
it will meet — and numbers the orders from a block of codes reserved in one counter
update; the batch gives the unused ones back (`give_back`) before it commits, so the
numbering stays gap-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from domain.catalog.products import Product
from domain.errors import NotFound
from domain.numbering import NumberStyle
from domain.orders.factory import reference_key
from domain.ports import UnitOfWork


@dataclass
class UnitSources:
    """The factory's look-ups, each a query of the unit of work; the products a command's
    lines name can be read beforehand in one query (`read_products`), and a tax rate is
    asked once."""

    uow: UnitOfWork
    style: NumberStyle  # how the orders' codes are written
    known: dict[str, Product] = field(default_factory=dict)  # by lower-cased code
    rates: dict[str, Decimal] = field(default_factory=dict)  # by lower-cased tax code

    def read_products(self, codes: Iterable[str]) -> None:
        """Read these products at once (those that do not exist are asked again, and
        refused, when a line names them)."""
        self.known.update((p.code.lower(), p) for p in self.uow.products.many(codes))

    def product(self, code: str) -> Product:
        """The product with this code; NotFound otherwise."""
        return self.known.get(code.strip().lower()) or self.uow.products.get(code)

    def tax_rate(self, code: str) -> Decimal:
        """The rate of the tax with this code; NotFound otherwise."""
        key = code.strip().lower()
        if key not in self.rates:
            self.rates[key] = self.uow.taxes.get(code).rate
        return self.rates[key]

    def holder(self, customer_code: str, reference: str) -> str | None:
        """The stored order holding this reference of the customer, if any."""
        found = self.uow.orders.references([(customer_code, reference)])
        return found.get((customer_code.lower(), reference_key(reference)))

    def code_taken(self, code: str) -> bool:
        """Whether an order has this code."""
        return self.uow.orders.find(code) is not None

    def next_code(self) -> str:
        """The next order code."""
        return self.uow.numbers.next(self.style)


@dataclass
class BatchSources:
    """The factory's look-ups for a batch: read beforehand, codes reserved in blocks."""

    uow: UnitOfWork
    products: Mapping[str, Product]  # by lower-cased code
    rates: Mapping[str, Decimal]  # by lower-cased tax code
    block: int  # how many codes one counter update reserves
    references: dict[tuple[str, str], str] = field(default_factory=dict)  # as orders.references
    style: NumberStyle = field(kw_only=True)  # how the orders' codes are written
    _codes: list[str] = field(default_factory=list)  # reserved, not yet used

    def product(self, code: str) -> Product:
        """The product with this code; NotFound otherwise."""
        product = self.products.get(code.lower())
        if product is None:
            raise NotFound("product", code)
        return product

    def tax_rate(self, code: str) -> Decimal:
        """The rate of the tax with this code; NotFound otherwise."""
        rate = self.rates.get(code.lower())
        if rate is None:
            raise NotFound("tax", code)
        return rate

    def holder(self, customer_code: str, reference: str) -> str | None:
        """The stored order holding this reference, among those the batch read."""
        return self.references.get((customer_code.lower(), reference_key(reference)))

    def code_taken(self, code: str) -> bool:
        """Whether an order has this code."""
        return self.uow.orders.find(code) is not None

    def next_code(self) -> str:
        """The next reserved code (a new block when the last one is used up)."""
        if not self._codes:
            self._codes = self.uow.numbers.reserve(self.style, max(1, self.block))
        return self._codes.pop(0)

    def give_back(self) -> None:
        """Return the codes reserved and not used to the counter."""
        if self._codes:
            self.uow.numbers.release(self.style, self._codes)
            self._codes = []
