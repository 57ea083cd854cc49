"""Active alerts beside customer search hits: `customer find` marks each customer that
has some with their titles. The search itself is `customers.find_customers`; this only
adds the marks to what it found, in one query for all the hits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from domain import commands as c
from domain.ports import UnitOfWork
from domain.services import customers
from domain.services.context import ServiceContext
from domain.services.views import CustomerMatch, Listing


def find_customers(cmd: c.FindCustomers, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """The customers matching a text, best first, marked with their active alerts."""
    return mark_alerts(customers.find_customers(cmd, uow, ctx), uow)


def mark_alerts(listing: Listing, uow: UnitOfWork) -> Listing:
    """The listing with each customer match carrying its active alerts' titles."""
    matches = [item for item in listing.items if isinstance(item, CustomerMatch)]
    if not matches:
        return listing
    titles: dict[str, list[str]] = defaultdict(list)
    for case in uow.cases.alerts_of(m.customer.code for m in matches):
        titles[case.customer_code.lower()].append(case.title)
    items = tuple(
        replace(item, alerts=tuple(titles.get(item.customer.code.lower(), ())))
        if isinstance(item, CustomerMatch)
        else item
        for item in listing.items
    )
    return replace(listing, items=items)
