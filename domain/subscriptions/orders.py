"""The orders the subscription job makes: due periods of many subscriptions, settled in bulk.

The job settles thousands of subscriptions per transaction, so it reads them as plain
values (`DueSubscription`: a subscription row and its lines) and plans each with
`Schedule.plan`. Each due period becomes a `CreateOrder` (`period_order`) made by the
order factory every door uses, so a subscription order follows the rules of an order
typed in the console. Its reference `SUB-<id>/<period>` is the period's own key, which
the orders' unique key (subscription, iteration) already makes once-only, so the
factory is told it may repeat a reference a person gave by hand. `settle` applies one
subscription's plan and reports what to write: its new orders (`NewOrder`, written in
bulk) and its new state (iteration, last order date, skipped, status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.actors import ActorDoor
from domain.commands import CreateOrder, LineInput
from domain.customers.addresses import Address, address_of
from domain.errors import DomainError, NotFound
from domain.jobs.notes import sentence_note
from domain.orders.creation import NewOrder
from domain.orders.factory import OrderCustomer, OrderFactory
from domain.orders.order import Relation, Source
from domain.subscriptions.periods import (
    CatchUpPolicy,
    Frequency,
    PlannedPeriod,
    Schedule,
    SubscriptionPlan,
    SubscriptionStatus,
)
from domain.text_values import Day, Sentences
from domain.texts import _


@dataclass(frozen=True)
class CustomerFacts:
    """A customer as the job reads it for orders: its code as stored and its addresses,
    which is all the order factory asks of a customer (contacts and notes are not read)."""

    code: str
    addresses: tuple[Address, ...] = ()

    def address(self, code: str) -> Address:
        """The address with this code (case-insensitive); NotFound otherwise."""
        return address_of(self.code, self.addresses, code)

    def default_address(self) -> Address | None:
        """The default address, if the customer has addresses."""
        return next((a for a in self.addresses if a.is_default), None)


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


def period_order(
    sub: DueSubscription,
    period: PlannedPeriod,
    confirm: bool,
    parent_code: str | None,
) -> CreateOrder:
    """The order of one period of a subscription, as every door asks for an order."""
    return CreateOrder(
        actor="subscriptions",
        actor_door=str(ActorDoor.JOB),
        customer=sub.customer_code,
        lines=tuple(LineInput(product=code, quantity=qty) for code, qty in sub.lines),
        source=str(Source.SUBSCRIPTION),
        reference=f"SUB-{sub.id}/{period.iteration}",
        requested_date=period.period_date,
        remarks=f"Subscription {sub.id}, period {period.iteration} ({period.period_date}).",
        confirm=confirm,
        parent_code=parent_code,
        relation=str(Relation.GENERATED_BY_SUBSCRIPTION),
        subscription_id=sub.id,
        subscription_iteration=period.iteration,
        allow_duplicate_ref=True,  # the period's key; the unique key makes it once-only
    )


def settle(
    sub: DueSubscription,
    today: date,
    *,
    customer: OrderCustomer | None,
    factory: OrderFactory,
    confirm: bool,
    previous_code: str | None,
    plan: SubscriptionPlan | None = None,
) -> Settlement:
    """Apply today's plan to one subscription; DomainError leaves it for the next run.

    The factory checks an order before it takes a code, and every period of a
    subscription orders the same lines for the same customer: a period refused means
    the first one was refused too, so a refused subscription takes no code.
    """
    plan = plan or sub.schedule().plan(today)
    orders: list[NewOrder] = []
    parent = previous_code
    if plan.to_order and customer is None:
        raise NotFound("customer", sub.customer_code)
    for period in plan.to_order:
        assert customer is not None
        order = factory.plan(period_order(sub, period, confirm, parent), customer)
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


def settle_blocked(
    sub: DueSubscription, today: date, reason: Sentences, plan: SubscriptionPlan | None = None
) -> tuple[Settlement, list[str]]:
    """Today's periods of a subscription its products stop (`reason`): every due one
    settled as skipped, none ordered; and a job-log note per period skipped (a sentence,
    read in each reader's language)."""
    plan = plan or sub.schedule().plan(today)
    periods = (*plan.to_skip, *plan.to_order)
    status, ended_on = sub.status, sub.ended_on
    if plan.expires:
        status, ended_on = SubscriptionStatus.ENDED, today
    settlement = Settlement(
        subscription_id=sub.id,
        old_iteration=sub.iteration,
        iteration=max((p.iteration for p in periods), default=sub.iteration),
        last_order_date=sub.last_order_date,
        skipped=(*sub.skipped, *(p.iteration for p in periods)),
        status=status,
        ended_on=ended_on,
        orders=(),
    )
    notes: list[str] = [
        sentence_note(
            _(
                "subscription {id} ({customer}): period {period} ({day}) skipped: {reason}",
                id=sub.id,
                customer=sub.customer_code,
                period=p.iteration,
                day=Day(p.period_date),
                reason=reason,
            )
        )
        for p in periods
    ]
    return settlement, notes


def describe_error(sub_id: int, error: DomainError) -> str:
    """A job-log error for a subscription that could not be settled: a sentence with
    the refusal in it, both read in the reader's language."""
    return sentence_note(_("subscription {id}: {problem}", id=sub_id, problem=error.text))
