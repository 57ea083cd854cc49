"""Reads of one column or one query for many codes, on SQLite and PostgreSQL: the
products a new order's lines name (`ProductRepository.many`) and a customer's name
alone (`CustomerRepository.name_of`), codes compared case-insensitively."""

from __future__ import annotations

from decimal import Decimal

import bootstrap
from domain import commands as c


def test_the_products_of_several_codes_are_read_at_once(app: bootstrap.App) -> None:
    for code in ("WIDGET", "GADGET", "BOLT"):
        app.bus.handle(c.CreateProduct(code=code, name=code.title(), price=Decimal("1.10")))
    with app.uow(False) as uow:
        found = uow.products.many([" widget", "GADGET", "nope", "Widget"])
        assert sorted(p.code for p in found) == ["GADGET", "WIDGET"]
        assert uow.products.many([]) == []


def test_a_customers_name_is_read_alone(app: bootstrap.App) -> None:
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    with app.uow(False) as uow:
        assert uow.customers.name_of(" acme ") == "Acme SA"
        assert uow.customers.name_of("NOBODY") is None
