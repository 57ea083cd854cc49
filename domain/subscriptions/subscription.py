"""Subscriptions: recurring orders of one or more products, and the calendar of their periods.

Owns the `Subscription` aggregate (lines, status machine, iteration counter, skipped
periods), the pure date arithmetic of periods, and the plan telling the subscription job
what to do for one subscription on one day. No I/O: the job asks `plan(today)`, creates
the orders and reports back with `record_skipped` / `record_ordered` / `expire` in the
same transaction as the orders, whose unique key (subscription, iteration) does the rest.

Period 1 falls on the start date, period n (n - 1) x (months per period) months later,
on the start day or the last day of a shorter month; always computed from the start
date, never from the previous period, so a subscription started on the 31st stays on
month ends. `iteration` is the last period settled (ordered, or listed in `skipped`);
only `iteration + 1` can be settled next, so no period is ordered twice or passed over.

Pause: periods falling due while paused are not ordered. `resume` records every unsettled
period dated before the resume day as skipped (also one due but not yet ordered when the
pause came: the customer asked to stop); a period on the resume day or later is ordered.
The end date is inclusive: a period on it is ordered, and `expire` ends the subscription
once it has passed (refusing while a period still waits to be settled).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.events import Event, EventRecorder


class Frequency(StrEnum):
    """How often a subscription orders."""

    MONTHLY = "monthly"  # every month, on the start day
    QUARTERLY = "quarterly"  # every three months, on the start day
    YEARLY = "yearly"  # every year, on the start day and month


MONTHS_PER_PERIOD: dict[Frequency, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.YEARLY: 12,
}


class CatchUpPolicy(StrEnum):
    """What the job does with several periods that fell due while it was not running."""

    ALL = "all"  # every missed period gets its own order
    LATEST = "latest"  # only the latest gets an order; the earlier are recorded as skipped


class SubscriptionStatus(StrEnum):
    """Where a subscription is in its life."""

    ACTIVE = "active"  # the job orders its periods as they fall due
    PAUSED = "paused"  # nothing is ordered; periods falling due are skipped on resume
    ENDED = "ended"  # finished for good, by request or because the end date passed


TRANSITIONS: dict[SubscriptionStatus, frozenset[SubscriptionStatus]] = {
    SubscriptionStatus.ACTIVE: frozenset({SubscriptionStatus.PAUSED, SubscriptionStatus.ENDED}),
    SubscriptionStatus.PAUSED: frozenset({SubscriptionStatus.ACTIVE, SubscriptionStatus.ENDED}),
    SubscriptionStatus.ENDED: frozenset(),
}

# Why a period was skipped, as carried by SubscriptionPeriodSkipped.
SKIPPED_BY_CATCH_UP = "catch_up_latest"
SKIPPED_WHILE_PAUSED = "paused"


# --- events --------------------------------------------------------------------------


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


# --- period arithmetic ---------------------------------------------------------------


def _invalid(field: str, message: str, code: str) -> ValidationFailed:
    """A refusal of one field with a `subscription.` code."""
    return ValidationFailed.field(field, message, f"subscription.{code}")


def parse_frequency(value: str) -> Frequency:
    """Read "Monthly" or Frequency.MONTHLY as a Frequency; ValidationFailed otherwise."""
    if (text := str(value).strip().lower()) in set(Frequency):
        return Frequency(text)
    known = ", ".join(Frequency)
    raise _invalid("frequency", f"{value!r} is not a frequency; use {known}", "frequency")


def parse_catch_up(value: str) -> CatchUpPolicy:
    """Read "all" or "latest" as a CatchUpPolicy; ValidationFailed otherwise."""
    if (text := str(value).strip().lower()) in set(CatchUpPolicy):
        return CatchUpPolicy(text)
    known = ", ".join(CatchUpPolicy)
    raise _invalid("catch_up", f"{value!r} is not a catch-up policy; use {known}", "catch_up")


def period_date(start: date, frequency: Frequency, n: int) -> date:
    """The date of period `n` (1-based): start + (n-1) periods, day clamped to month end."""
    if n < 1:
        raise ValueError(f"periods are numbered from 1, not {n}")
    months = start.month - 1 + (n - 1) * MONTHS_PER_PERIOD[frequency]
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


# --- the aggregate -------------------------------------------------------------------


@dataclass(eq=False)
class SubscriptionLine:
    """One product of a subscription and the quantity ordered every period."""

    product_code: str
    quantity: Decimal
    id: int | None = None


@dataclass(frozen=True)
class PlannedPeriod:
    """One period the job must settle: its number and its date."""

    iteration: int
    period_date: date


@dataclass(frozen=True)
class SubscriptionPlan:
    """What the job must do for one subscription on one day, in this order.

    Record `to_skip` (record_skipped), then create an order per `to_order`
    (record_ordered), then call `expire` when `expires` is set.
    """

    to_skip: tuple[PlannedPeriod, ...]
    to_order: tuple[PlannedPeriod, ...]
    expires: bool

    def is_empty(self) -> bool:
        """Whether there is nothing to do today."""
        return not (self.to_skip or self.to_order or self.expires)


class ScheduleFields(Protocol):
    """What a schedule is made of, wherever the values live."""

    @property
    def start_date(self) -> date: ...
    @property
    def frequency(self) -> Frequency: ...
    @property
    def end_date(self) -> date | None: ...
    @property
    def iteration(self) -> int: ...
    @property
    def status(self) -> SubscriptionStatus: ...
    @property
    def catch_up(self) -> CatchUpPolicy: ...


@dataclass(frozen=True)
class Schedule:
    """The calendar of one subscription as plain values: what is due and what to do today.

    The aggregate delegates here; the subscription job uses it directly on rows, so that
    planning 100,000 subscriptions costs no ORM-instrumented objects.
    """

    start_date: date
    frequency: Frequency
    end_date: date | None
    iteration: int
    status: SubscriptionStatus
    catch_up: CatchUpPolicy

    @classmethod
    def of(cls, source: ScheduleFields) -> Schedule:
        """The schedule of an aggregate or of a stored row (anything with the fields)."""
        return cls(
            source.start_date,
            source.frequency,
            source.end_date,
            source.iteration,
            source.status,
            source.catch_up,
        )

    def _within_end(self, day: date) -> bool:
        return self.end_date is None or day <= self.end_date

    def next_date(self) -> date | None:
        """The date of the next period to order; None when paused, ended or past the end."""
        if self.status is not SubscriptionStatus.ACTIVE:
            return None
        day = period_date(self.start_date, self.frequency, self.iteration + 1)
        return day if self._within_end(day) else None

    def due_iterations(self, today: date) -> list[int]:
        """Periods due on `today`: dated on or before it, unsettled, within the end date."""
        if self.status is not SubscriptionStatus.ACTIVE:
            return []
        due: list[int] = []
        n = self.iteration + 1
        while (day := period_date(self.start_date, self.frequency, n)) <= today and (
            self._within_end(day)
        ):
            due.append(n)
            n += 1
        return due

    def plan(self, today: date) -> SubscriptionPlan:
        """What the job must do today, under the catch-up policy."""
        periods = [
            PlannedPeriod(n, period_date(self.start_date, self.frequency, n))
            for n in self.due_iterations(today)
        ]
        if self.catch_up is CatchUpPolicy.LATEST:
            to_skip, to_order = periods[:-1], periods[-1:]
        else:
            to_skip, to_order = [], periods
        expires = (
            self.status is not SubscriptionStatus.ENDED
            and self.end_date is not None
            and self.end_date < today
        )
        return SubscriptionPlan(tuple(to_skip), tuple(to_order), expires)


@dataclass(eq=False, kw_only=True)
class Subscription(EventRecorder):
    """A customer's standing order of some products at a frequency, from a start date."""

    customer_code: str
    frequency: Frequency
    start_date: date
    lines: list[SubscriptionLine] = field(default_factory=list)
    end_date: date | None = None
    iteration: int = 0  # the last period settled (ordered or skipped); 0 before the first
    last_order_date: date | None = None
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE
    catch_up: CatchUpPolicy = CatchUpPolicy.ALL
    skipped: list[int] = field(default_factory=list)  # settled without an order
    paused_on: date | None = None
    ended_on: date | None = None
    id: int | None = None

    @classmethod
    def create(
        cls,
        *,
        customer_code: str,
        lines: Iterable[tuple[str, Decimal]],
        frequency: Frequency | str,
        start_date: date,
        allowed_frequencies: Mapping[str, Collection[str]],
        end_date: date | None = None,
        catch_up: CatchUpPolicy | str = CatchUpPolicy.ALL,
    ) -> Subscription:
        """A new active subscription; `allowed_frequencies` maps product code -> frequencies."""
        customer_code = customer_code.strip()
        if not customer_code:
            raise _invalid("customer", "a subscription needs a customer", "customer_missing")
        freq = parse_frequency(frequency)
        policy = parse_catch_up(catch_up)
        if end_date is not None and end_date < start_date:
            raise _invalid(
                "end_date",
                f"the end date {end_date} is before the start date {start_date}",
                "end_before_start",
            )
        made = [SubscriptionLine(code.strip(), qty) for code, qty in lines]
        _check_lines(made, freq, allowed_frequencies)
        sub = cls(
            customer_code=customer_code,
            frequency=freq,
            start_date=start_date,
            lines=made,
            end_date=end_date,
            catch_up=policy,
        )
        sub.record(SubscriptionCreated(None, customer_code, freq.value, start_date))
        return sub

    # --- calendar --------------------------------------------------------------------

    def period_date(self, n: int) -> date:
        """The date of this subscription's period `n`."""
        return period_date(self.start_date, self.frequency, n)

    def label(self) -> str:
        """How messages name this subscription: "subscription 12" once stored."""
        return f"subscription {self.id}" if self.id is not None else "the new subscription"

    def _within_end(self, day: date) -> bool:
        return self.end_date is None or day <= self.end_date

    def schedule(self) -> Schedule:
        """The calendar facts of this subscription as a plain value."""
        return Schedule.of(self)

    def next_date(self) -> date | None:
        """The date of the next period to order; None when paused, ended or past the end."""
        return self.schedule().next_date()

    def due_iterations(self, today: date) -> list[int]:
        """Periods due on `today`: dated on or before it, unsettled, within the end date."""
        return self.schedule().due_iterations(today)

    def plan(self, today: date) -> SubscriptionPlan:
        """What the job must do today, under this subscription's catch-up policy."""
        return self.schedule().plan(today)

    # --- settling periods ------------------------------------------------------------

    def _check_next(self, iteration: int, today: date) -> date:
        """Refuse settling anything but the next, due period of an active subscription."""
        name, last = self.label(), self.iteration
        day = self.period_date(max(iteration, 1))
        refusals = (
            (
                self.status is not SubscriptionStatus.ACTIVE,
                "not_active",
                f"{name} is {self.status}; only active ones order",
            ),
            (
                iteration <= last,
                "iteration_repeated",
                f"period {iteration} of {name} is already settled (last settled: {last})",
            ),
            (
                iteration > last + 1,
                "iteration_gap",
                f"period {iteration} of {name} would pass over period {last + 1}",
            ),
            (day > today, "period_not_due", f"period {iteration} falls on {day}, after {today}"),
            (
                not self._within_end(day),
                "period_after_end",
                f"period {iteration} falls on {day}, after the end date {self.end_date}",
            ),
        )
        for refused, code, message in refusals:
            if refused:
                raise _invalid("iteration", message, code)
        return day

    def record_ordered(self, iteration: int, order_date: date) -> None:
        """Note that the order of period `iteration` was created on `order_date`."""
        day = self._check_next(iteration, order_date)
        self.iteration = iteration
        self.last_order_date = order_date
        self.record(
            SubscriptionPeriodOrdered(self.id, self.customer_code, iteration, day, order_date)
        )

    def record_skipped(self, iteration: int, today: date) -> None:
        """Note that due period `iteration` gets no order (catch-up policy `latest`)."""
        day = self._check_next(iteration, today)
        self._skip(iteration, day, SKIPPED_BY_CATCH_UP)

    def _skip(self, iteration: int, day: date, reason: str) -> None:
        self.iteration = iteration
        self.skipped.append(iteration)
        self.record(SubscriptionPeriodSkipped(self.id, self.customer_code, iteration, day, reason))

    # --- status ----------------------------------------------------------------------

    def _move(self, to: SubscriptionStatus) -> None:
        allowed = TRANSITIONS[self.status]
        if to not in allowed:
            name = self.label().capitalize()
            if allowed:
                why = f"it can become {' or '.join(sorted(allowed))}, not {to}"
            else:
                why = f"that is final, so it cannot become {to}"
            raise InvalidTransition(
                "subscription.invalid_transition", f"{name} is {self.status}; {why}."
            )
        self.status = to

    def pause(self, today: date) -> None:
        """Stop ordering until `resume`; periods falling due meanwhile will be skipped."""
        self._move(SubscriptionStatus.PAUSED)
        self.paused_on = today
        self.record(SubscriptionPaused(self.id, self.customer_code, today))

    def resume(self, today: date) -> None:
        """Order again from `today`; unsettled periods dated before it are recorded skipped."""
        self._move(SubscriptionStatus.ACTIVE)
        passed: list[int] = []
        n = self.iteration + 1
        while (day := self.period_date(n)) < today and self._within_end(day):
            self._skip(n, day, SKIPPED_WHILE_PAUSED)
            passed.append(n)
            n += 1
        self.paused_on = None
        self.record(SubscriptionResumed(self.id, self.customer_code, today, tuple(passed)))

    def end(self, today: date) -> None:
        """End the subscription at the customer's request; nothing more is ordered."""
        self._move(SubscriptionStatus.ENDED)
        self.ended_on = today
        self.record(SubscriptionEnded(self.id, self.customer_code, today, "request"))

    def expire(self, today: date) -> bool:
        """End the subscription if its end date has passed; True when it ended now."""
        if self.status is SubscriptionStatus.ENDED or self.end_date is None:
            return False
        if self.end_date >= today:
            return False
        pending = self.due_iterations(today)
        if pending:
            # Ending now would drop these periods without a word; the job settles them first.
            raise _invalid(
                "status", f"{self.label()} still has periods {pending} to settle", "periods_pending"
            )
        self._move(SubscriptionStatus.ENDED)
        self.ended_on = today
        self.record(SubscriptionEnded(self.id, self.customer_code, today, "end_date"))
        return True


def _check_lines(
    lines: list[SubscriptionLine],
    frequency: Frequency,
    allowed_frequencies: Mapping[str, Collection[str]],
) -> None:
    """At least one line, one line per product, quantities > 0, every product allows it."""
    if not lines:
        raise _invalid("lines", "a subscription needs at least one product", "no_lines")
    seen: set[str] = set()
    for line in lines:
        code = line.product_code
        if code.lower() in seen:
            raise _invalid("lines", f"product {code} appears twice", "duplicate_product")
        seen.add(code.lower())
        if not line.quantity.is_finite() or line.quantity <= 0:
            raise _invalid(
                "quantity",
                f"the quantity of {code} must be more than 0, not {line.quantity}",
                "quantity_invalid",
            )
        allowed = _lookup(allowed_frequencies, code)
        if frequency not in allowed:
            can = ", ".join(f for f in Frequency if f in allowed) or "no subscription at all"
            raise _invalid(
                "frequency",
                f"product {code} cannot be ordered {frequency}; it allows {can}",
                "frequency_not_allowed",
            )


def _lookup(allowed_frequencies: Mapping[str, Collection[str]], code: str) -> Collection[str]:
    """The frequencies of product `code`, matching the code case-insensitively."""
    if code in allowed_frequencies:
        return allowed_frequencies[code]
    for key, value in allowed_frequencies.items():
        if key.lower() == code.lower():
            return value
    raise NotFound("product", code)
