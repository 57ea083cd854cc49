"""Events of subscriptions: created, paused, resumed, ended, and each period settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.events import Event


@dataclass(frozen=True)
class SubscriptionEvent(Event):
    """An event of one subscription (`subscription_id` is None before it is stored)."""

    subscription_id: int | None
    customer_code: str


@dataclass(frozen=True)
class SubscriptionCreated(SubscriptionEvent):
    """A customer subscribed."""

    frequency: str
    start_date: date


@dataclass(frozen=True)
class SubscriptionPaused(SubscriptionEvent):
    """Ordering stopped until a resume."""

    on: date


@dataclass(frozen=True)
class SubscriptionResumed(SubscriptionEvent):
    """Ordering starts again; `skipped` fell due while paused."""

    on: date
    skipped: tuple[int, ...]


@dataclass(frozen=True)
class SubscriptionEnded(SubscriptionEvent):
    """No more orders, by request or because the end date passed."""

    on: date
    reason: str  # "request" or "end_date"


@dataclass(frozen=True)
class SubscriptionPeriodOrdered(SubscriptionEvent):
    """The order of period `iteration` was created."""

    iteration: int
    period_date: date
    order_date: date


@dataclass(frozen=True)
class SubscriptionPeriodSkipped(SubscriptionEvent):
    """Period `iteration` was settled without an order, and why."""

    iteration: int
    period_date: date
    reason: str
