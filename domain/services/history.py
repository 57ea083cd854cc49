"""The customer's history written from the events the aggregate's verbs record, with the
actor of the command that made them (see `domain.customers.history`)."""

from __future__ import annotations

from domain.customers.history import CustomerChange
from domain.events import CustomerCreated, CustomerUpdated, Event
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext


def record_customer_change(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Keep a customer's creation or change on its history, with who asked."""
    if isinstance(event, CustomerCreated):
        text = "created"
    elif isinstance(event, CustomerUpdated):
        text = event.what
    else:
        return
    uow.customers.record(CustomerChange(event.customer_code, ctx.now, ctx.actor, text))
