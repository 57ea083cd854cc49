"""The customer's history written from the events the aggregate's verbs record, with the
actor of the command that made them (see `domain.customers.history`)."""

from __future__ import annotations

from domain.customers.customer import Customer
from domain.customers.history import HISTORY_SHOWN, CustomerChange
from domain.events import CustomerCreated, CustomerUpdated, Event
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.texts import _


def entry(event: Event, ctx: ServiceContext) -> CustomerChange | None:
    """The history entry of a customer's creation or change; None for other events."""
    if isinstance(event, CustomerCreated):
        # Translators: the first entry of a customer's history: the customer was created.
        created = _("created")
        return CustomerChange(event.customer_code, ctx.now, ctx.actor, str(created), created)
    if isinstance(event, CustomerUpdated):
        what = event.what
        return CustomerChange(event.customer_code, ctx.now, ctx.actor, str(what), what)
    return None


def record_customer_change(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Keep a customer's creation or change on its history, with who asked."""
    change = entry(event, ctx)
    if change is not None:
        uow.customers.record(change)


def latest(customer: Customer, uow: UnitOfWork, ctx: ServiceContext | None) -> list[CustomerChange]:
    """The customer's latest history, newest first, with the changes this command made
    and has not handed over yet (they are written after the command's answer is made)."""
    pending = [] if ctx is None else [entry(event, ctx) for event in customer.recorded()]
    made = [change for change in reversed(pending) if change is not None]
    return (made + list(uow.customers.history(customer.code, HISTORY_SHOWN)))[:HISTORY_SHOWN]
