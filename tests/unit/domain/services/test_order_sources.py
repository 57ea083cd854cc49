"""The look-ups of a command's order factory: the products its lines name read in one
query, a product not among them still asked (and refused when it does not exist)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import cast

import pytest

from domain.catalog.products import Product
from domain.errors import NotFound
from domain.numbering import DocumentKind, NumberStyle
from domain.ports import UnitOfWork
from domain.services.order_sources import UnitSources

D = Decimal


class CountingProducts:
    """The fake catalogue, counting its reads."""

    def __init__(self, products: dict[str, Product]) -> None:
        self.products = products
        self.reads: list[str] = []

    def many(self, codes: Iterable[str]) -> list[Product]:
        self.reads.append("many")
        wanted = {code.strip().lower() for code in codes}
        return [p for key, p in self.products.items() if key in wanted]

    def get(self, code: str) -> Product:
        self.reads.append(f"get {code}")
        product = self.products.get(code.strip().lower())
        if product is None:
            raise NotFound("product", code)
        return product


def test_the_products_of_the_lines_are_read_at_once() -> None:
    catalogue = CountingProducts(
        {"widget": Product("WIDGET", "Widget", D("2.5")), "book": Product("BOOK", "Book", D(12))}
    )
    uow = cast(UnitOfWork, SimpleNamespace(products=catalogue))
    sources = UnitSources(uow, NumberStyle(DocumentKind.ORDER, "SO"))
    sources.read_products(["widget", " Book ", "NOPE", "WIDGET"])
    assert [sources.product(c).code for c in ("WIDGET", "book ", "Widget")] == [
        "WIDGET",
        "BOOK",
        "WIDGET",
    ]
    assert catalogue.reads == ["many"]
    with pytest.raises(NotFound):
        sources.product("NOPE")
    assert catalogue.reads == ["many", "get NOPE"]
