"""The calendar of a subscription: frequencies, catch-up policies, the date of each period,
and the plan telling the subscription job what to do for one subscription on one day.

Period 1 falls on the start date, period n (n - 1) x (months per period) months later,
on the start day or the last day of a shorter month; always computed from the start
date, never from the previous period, so a subscription started on the 31st stays on
month ends. `iteration` is the last period settled (ordered, or skipped); only
`iteration + 1` can be settled next, so no period is ordered twice or passed over.
The end date is inclusive: a period on it is ordered.

`Schedule` holds these facts as plain values: the aggregate delegates to it, and the
subscription job uses it directly on rows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from domain.errors import ValidationFailed
from domain.texts import Text, _


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


def refusal(field: str, message: Text, code: str) -> ValidationFailed:
    """A refusal of one field with a `subscription.` code."""
    return ValidationFailed.field(field, message, f"subscription.{code}")


def parse_frequency(value: str) -> Frequency:
    """Read "Monthly" or Frequency.MONTHLY as a Frequency; ValidationFailed otherwise."""
    if (text := str(value).strip().lower()) in set(Frequency):
        return Frequency(text)
    known = ", ".join(Frequency)
    raise refusal(
        "frequency",
        _("{value} is not a frequency; use {known}", value=repr(value), known=known),
        "frequency",
    )


def parse_catch_up(value: str) -> CatchUpPolicy:
    """Read "all" or "latest" as a CatchUpPolicy; ValidationFailed otherwise."""
    if (text := str(value).strip().lower()) in set(CatchUpPolicy):
        return CatchUpPolicy(text)
    known = ", ".join(CatchUpPolicy)
    raise refusal(
        "catch_up",
        _("{value} is not a catch-up policy; use {known}", value=repr(value), known=known),
        "catch_up",
    )


def period_date(start: date, frequency: Frequency, n: int) -> date:
    """The date of period `n` (1-based): start + (n-1) periods, day clamped to month end."""
    if n < 1:
        raise ValueError(f"periods are numbered from 1, not {n}")
    months = start.month - 1 + (n - 1) * MONTHS_PER_PERIOD[frequency]
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


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
