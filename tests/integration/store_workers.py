"""Helpers for store tests: an app on a given database, and work run in other processes."""

from __future__ import annotations

import sys
from decimal import Decimal

import bootstrap
from domain import commands as c
from domain.services.messagebus import MessageBus
from settings import Settings


def seed(bus: MessageBus) -> None:
    """A tax, two products and a customer with an address."""
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="BOLT", name="Bolt", price=Decimal("0.35")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR"))


def new_order(bus: MessageBus, qty: int = 1) -> str:
    """Create a one-line order; returns its code."""
    view = bus.handle(
        c.CreateOrder(
            customer="ACME", lines=(c.LineInput(product="WIDGET", quantity=Decimal(qty)),)
        )
    )
    return str(view.order.code)


if __name__ == "__main__":
    # python -m tests.integration.store_workers URL COUNT: create COUNT orders, print codes.
    worker = bootstrap.build(Settings(database_url=sys.argv[1], _env_file=None), migrate=False)
    print("\n".join(new_order(worker.bus) for _ in range(int(sys.argv[2]))))
    worker.engine.dispose()
