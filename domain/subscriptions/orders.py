"""The orders the subscription job makes: due periods of many subscriptions, settled in bulk.

The job settles thousands of subscriptions per transaction, so it works on plain values
instead of ORM-loaded aggregates: `DueSubscription` (a subscription row and its lines),
`Schedule.plan` for the calendar, and `NewOrder`, the data of one new sales order as
`SalesOrder.create` (+ `confirm`) would make it: the same header, lines numbered from 1,
one first shipment holding every line, the same timeline entries, notification and
events. tests/unit/domain/subscriptions/test_subscription_orders.py holds the two
equal, so a change to the order rules shows up there. `settle` applies one
subscription's plan and reports what to write: its orders and its new state
(iteration, last order date, skipped, status).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.catalog.products import Product, Tax
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.events import Event, OrderCreated, OrderStatusChanged, ShipmentCreated
from domain.money import ZERO
from domain.orders.documents import NotificationState
from domain.orders.order import OrderStatus, Relation, Source
from domain.orders.shipments import ShipmentStatus
from domain.subscriptions.periods import (
    CatchUpPolicy,
    Frequency,
    PlannedPeriod,
    Schedule,
    SubscriptionPlan,
    SubscriptionStatus,
)


@dataclass(frozen=True)
class CustomerFacts:
    """What an order of a customer needs: the code as stored and the default address."""

    code: str
    default_address: str | None


@dataclass
class DueSubscription:
    """A subscription row with its lines, as the job reads it (plain values)."""

    id: int
    customer_code: str
    frequency: Frequency
    start_date: date
    end_date: date | None
    iteration: int
    last_order_date: date | None
    status: SubscriptionStatus
    catch_up: CatchUpPolicy
    skipped: list[int]
    ended_on: date | None
    lines: list[tuple[str, Decimal]] = field(default_factory=list)

    def schedule(self) -> Schedule:
        """The calendar of this subscription."""
        return Schedule.of(self)


@dataclass(frozen=True)
class NewOrder:
    """One sales order to insert, with everything `SalesOrder.create` would give it.

    `header`, `lines`, `timeline` and `notifications` hold the domain field names of
    SalesOrder, OrderLine, TimelineEntry and Notification.
    """

    header: dict[str, Any]
    lines: tuple[dict[str, Any], ...]
    shipment: dict[str, Any]
    shipment_lines: tuple[tuple[int, Decimal], ...]
    timeline: tuple[dict[str, Any], ...]
    notifications: tuple[dict[str, Any], ...]
    events: tuple[Event, ...]

    @property
    def code(self) -> str:
        """The order's code."""
        return str(self.header["code"])


@dataclass(frozen=True)
class Settlement:
    """One subscription settled: the orders to insert and its state afterwards."""

    subscription_id: int
    old_iteration: int
    iteration: int
    last_order_date: date | None
    skipped: tuple[int, ...]
    status: SubscriptionStatus
    ended_on: date | None
    orders: tuple[NewOrder, ...]

    @property
    def changed(self) -> bool:
        """Whether anything is to be written for this subscription."""
        return (
            bool(self.orders)
            or self.iteration != self.old_iteration
            or (self.status is SubscriptionStatus.ENDED and self.ended_on is not None)
        )


@dataclass(frozen=True)
class Catalogue:
    """Products and taxes by lower-cased code, loaded once per run."""

    products: Mapping[str, Product]
    taxes: Mapping[str, Tax]

    def line(self, product_code: str, quantity: Decimal) -> dict[str, Any]:
        """An order line's values for a product, priced as the order service prices it."""
        product = self.products.get(product_code.lower())
        if product is None:
            raise NotFound("product", product_code)
        if not product.active:
            raise ValidationFailed.field(
                "product", f"{product.code} is no longer sold", "order.product_inactive"
            )
        rate = ZERO
        if product.tax_code:
            tax = self.taxes.get(product.tax_code.lower())
            if tax is None:
                raise NotFound("tax", product.tax_code)
            rate = tax.rate
        if quantity <= 0 or product.unit_price < 0:
            raise ValidationFailed.field(
                "quantity",
                f"{product.code}: quantity {quantity} must be more than 0",
                "order.quantity_invalid",
            )
        return {
            "product_code": product.code,
            "description": product.name,
            "quantity": quantity,
            "unit_price": product.unit_price,
            "tax_code": product.tax_code,
            "tax_rate": rate,
            "discount_percent": ZERO,
            "remarks": "",
        }


def new_order(
    *,
    code: str,
    sub: DueSubscription,
    period: PlannedPeriod,
    customer: CustomerFacts,
    lines: tuple[dict[str, Any], ...],
    now: datetime,
    confirm: bool,
    parent_code: str | None,
) -> NewOrder:
    """The order of one period, as `create_order` + `confirm` would make it."""
    source = Source.SUBSCRIPTION
    header: dict[str, Any] = {
        "code": code,
        "customer_code": customer.code,
        "created_at": now,
        "status": OrderStatus.CONFIRMED if confirm else OrderStatus.DRAFT,
        "source": source,
        "billing_address_code": customer.default_address,
        "delivery_address_code": customer.default_address,
        "reference": f"SUB-{sub.id}/{period.iteration}",
        "requested_date": period.period_date,
        "remarks": f"Subscription {sub.id}, period {period.iteration} ({period.period_date}).",
        "parent_code": parent_code,
        "relation": Relation.GENERATED_BY_SUBSCRIPTION,
        "subscription_id": sub.id,
        "subscription_iteration": period.iteration,
    }
    timeline = [
        {
            "at": now,
            "kind": "created",
            "text": f"Order created ({source}) with {len(lines)} line(s).",
            "public": True,
        }
    ]
    events: list[Event] = [
        OrderCreated(code, customer.code, str(source)),
        ShipmentCreated(code, 1, None),
    ]
    notifications: list[dict[str, Any]] = []
    if confirm:
        new = OrderStatus.CONFIRMED
        text = f"Order {new}."
        events.append(OrderStatusChanged(code, str(OrderStatus.DRAFT), str(new), ""))
        timeline.append({"at": now, "kind": f"order_{new}", "text": text, "public": True})
        notifications.append(
            {
                "created_at": now,
                "subject": "order",
                "status": str(new),
                "text": text,
                "shipment_number": None,
                "state": NotificationState.PENDING,
                "sent_at": None,
                "send_count": 0,
            }
        )
    return NewOrder(
        header=header,
        lines=lines,
        shipment={"number": 1, "status": ShipmentStatus.PENDING, "planned_date": None},
        shipment_lines=tuple((ln["line_no"], ln["quantity"]) for ln in lines),
        timeline=tuple(timeline),
        notifications=tuple(notifications),
        events=tuple(events),
    )


def order_lines(sub: DueSubscription, catalogue: Catalogue) -> tuple[dict[str, Any], ...]:
    """The order lines of a subscription's orders, numbered from 1."""
    lines = tuple(
        {"line_no": n, **catalogue.line(product, qty)}
        for n, (product, qty) in enumerate(sub.lines, start=1)
    )
    if not lines:
        raise ValidationFailed.field("lines", "an order needs at least one line", "order.no_lines")
    return lines


def settle(
    sub: DueSubscription,
    today: date,
    now: datetime,
    *,
    customer: CustomerFacts | None,
    catalogue: Catalogue,
    next_code: Callable[[], str],
    confirm: bool,
    previous_code: str | None,
    plan: SubscriptionPlan | None = None,
) -> Settlement:
    """Apply today's plan to one subscription; DomainError leaves it for the next run."""
    plan = plan or sub.schedule().plan(today)
    orders: list[NewOrder] = []
    parent = previous_code
    if plan.to_order:
        # Everything that can refuse is checked before a code is taken.
        if customer is None:
            raise NotFound("customer", sub.customer_code)
        lines = order_lines(sub, catalogue)
    for period in plan.to_order:
        assert customer is not None
        order = new_order(
            code=next_code(),
            sub=sub,
            period=period,
            customer=customer,
            lines=lines,
            now=now,
            confirm=confirm,
            parent_code=parent,
        )
        orders.append(order)
        parent = order.code
    settled = [p.iteration for p in (*plan.to_skip, *plan.to_order)]
    iteration = max(settled, default=sub.iteration)
    status, ended_on = sub.status, sub.ended_on
    if plan.expires:
        status, ended_on = SubscriptionStatus.ENDED, today
    return Settlement(
        subscription_id=sub.id,
        old_iteration=sub.iteration,
        iteration=iteration,
        last_order_date=today if orders else sub.last_order_date,
        skipped=(*sub.skipped, *(p.iteration for p in plan.to_skip)),
        status=status,
        ended_on=ended_on,
        orders=tuple(orders),
    )


def describe_error(sub_id: int, error: DomainError) -> str:
    """A job-log line for a subscription that could not be settled."""
    return f"subscription {sub_id}: {error.message}"
