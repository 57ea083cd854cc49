"""Imperative mapping of the domain classes onto the tables (the domain stays ORM-free).

Every child collection loads with `selectin`, so an aggregate is complete when its
session closes and doors can read it freely. Orders carry a version column checked on
every update: a lost race raises StaleDataError, which the unit of work turns into a
ConcurrencyConflict.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import registry, relationship

from domain.cases.case import Case, CaseNote
from domain.cases.priorities import CasePriority
from domain.catalog.catalogues import Catalogue, CatalogueItem
from domain.catalog.products import Product, Tax
from domain.customers.addresses import Address
from domain.customers.contacts import Contact
from domain.customers.customer import Customer, Note
from domain.jobs.log import JobRun
from domain.orders.documents import (
    Invoice,
    InvoiceLine,
    Notification,
    ReturnOrder,
    TimelineEntry,
    WorkOrder,
    WorkOrderLine,
)
from domain.orders.order import OrderLine, SalesOrder
from domain.orders.shipments import Shipment, ShipmentLine
from domain.orders.tracking import TrackingToken
from domain.outbox.messages import OutboxMessage
from domain.records.credit_notes import CreditNote
from domain.subscriptions.subscription import Subscription, SubscriptionLine
from store.tables import core as t
from store.tables import records as rec
from store.tables import scheduler as sched
from store.tables import subscriptions as subs
from store.tables.catalogues import catalogue_products, catalogues
from store.tables.desk import case_notes, case_priorities
from store.tables.notifications import tracking_tokens

mapper_registry = registry(metadata=t.metadata)
_mapped = False


def _children(cls: type, order_by: Any) -> Any:
    return relationship(cls, order_by=order_by, cascade="all, delete-orphan", lazy="selectin")


def start_mappers() -> None:
    """Map the domain classes once per process."""
    global _mapped
    if _mapped:
        return
    _mapped = True
    _map_customers()
    _map_orders()
    m = mapper_registry.map_imperatively
    m(Tax, t.taxes)
    m(Product, t.products)
    m(CatalogueItem, catalogue_products)
    m(
        Catalogue,
        catalogues,
        properties={"items": _children(CatalogueItem, catalogue_products.c.id)},
    )
    m(CaseNote, case_notes)
    m(Case, t.cases, properties={"notes": _children(CaseNote, case_notes.c.id)})
    m(CasePriority, case_priorities)
    m(OutboxMessage, t.outbox)
    m(SubscriptionLine, subs.subscription_lines)
    m(
        Subscription,
        subs.subscriptions,
        properties={
            "lines": _children(SubscriptionLine, subs.subscription_lines.c.id),
        },
    )
    m(JobRun, sched.job_runs)
    m(TrackingToken, tracking_tokens)


def _map_customers() -> None:
    m = mapper_registry.map_imperatively
    m(Address, t.addresses)
    # email_shared is the upgrade's flag on addresses shared before they were unique: the
    # store's concern (see store.repositories.customers), not the aggregate's.
    m(Contact, t.contacts, exclude_properties=["email_shared"])
    m(Note, t.notes)
    # search_key is mapped with the other columns, though the domain's Customer does not
    # declare it: store.search.keys sets it before each flush, so the ORM writes it in
    # the same INSERT or UPDATE as the customer.
    m(
        Customer,
        t.customers,
        properties={
            "addresses": _children(Address, t.addresses.c.id),
            "contacts": _children(Contact, t.contacts.c.id),
            "notes": _children(Note, t.notes.c.id),
        },
    )


def _map_orders() -> None:
    """The sales order and everything made from it; its version column is checked on
    every update."""
    m = mapper_registry.map_imperatively
    m(OrderLine, t.order_lines)
    m(ShipmentLine, t.shipment_lines)
    m(
        Shipment,
        t.shipments,
        properties={
            "lines": _children(ShipmentLine, t.shipment_lines.c.line_no),
        },
    )
    m(InvoiceLine, rec.invoice_lines)
    m(Invoice, rec.invoices, properties={"lines": _children(InvoiceLine, rec.invoice_lines.c.id)})
    m(WorkOrderLine, rec.work_order_lines)
    m(
        WorkOrder,
        rec.work_orders,
        properties={
            "lines": _children(WorkOrderLine, rec.work_order_lines.c.id),
        },
    )
    m(ReturnOrder, rec.returns)
    m(CreditNote, rec.credit_notes)
    m(Notification, t.notifications)
    m(TimelineEntry, t.timeline)
    m(
        SalesOrder,
        t.orders,
        version_id_col=t.orders.c.version,
        version_id_generator=False,
        properties={
            "lines": _children(OrderLine, t.order_lines.c.line_no),
            "shipments": _children(Shipment, t.shipments.c.number),
            "invoices": _children(Invoice, rec.invoices.c.id),
            "work_orders": _children(WorkOrder, rec.work_orders.c.id),
            "returns": _children(ReturnOrder, rec.returns.c.id),
            "credit_notes": _children(CreditNote, rec.credit_notes.c.id),
            "notifications": _children(Notification, t.notifications.c.id),
            "timeline": _children(TimelineEntry, t.timeline.c.id),
        },
    )
