"""The product's history written from the events of `Product.create` and `Product.change`,
with the actor of the command that made them (see `domain.catalog.history`)."""

from __future__ import annotations

from domain.catalog.history import (
    CHANGED,
    CREATED,
    HISTORY_SHOWN,
    ProductChanged,
    ProductCreated,
    ProductHistoryEntry,
)
from domain.catalog.products import Product
from domain.events import Event
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext


def entry(event: Event, ctx: ServiceContext) -> ProductHistoryEntry | None:
    """The history entry of a product's creation or change; None for other events."""
    if isinstance(event, ProductCreated):
        return ProductHistoryEntry(event.product_code, ctx.now, ctx.actor, CREATED)
    if isinstance(event, ProductChanged):
        return ProductHistoryEntry(event.product_code, ctx.now, ctx.actor, CHANGED, event.changes)
    return None


def record_product_change(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Keep a product's creation or change on its history, with who asked."""
    change = entry(event, ctx)
    if change is not None:
        uow.products.record(change)


def latest(product: Product, uow: UnitOfWork, ctx: ServiceContext) -> list[ProductHistoryEntry]:
    """The product's latest history, newest first, with the changes this command made
    and has not handed over yet (they are written after the command's answer is made)."""
    pending = [entry(event, ctx) for event in product.recorded()]
    made = [change for change in reversed(pending) if change is not None]
    return (made + list(uow.products.history(product.code, HISTORY_SHOWN)))[:HISTORY_SHOWN]
