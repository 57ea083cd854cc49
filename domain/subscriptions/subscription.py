"""Subscriptions: recurring orders of one or more products.

Owns the `Subscription` aggregate (lines, status machine, iteration counter, skipped
periods); the calendar of its periods is `domain.subscriptions.periods`, its events
`domain.subscriptions.events`. No I/O: the job asks `plan(today)`, creates the orders
and reports back with `record_skipped` / `record_ordered` / `expire` in the same
transaction as the orders, whose unique key (subscription, iteration) does the rest.
`iteration` is the last period settled (ordered, or listed in `skipped`).

Pause: periods falling due while paused are not ordered. `resume` records every unsettled
period dated before the resume day as skipped (also one due but not yet ordered when the
pause came: the customer asked to stop); a period on the resume day or later is ordered.
The end date is inclusive: a period on it is ordered, and `expire` ends the subscription
once it has passed (refusing while a period still waits to be settled).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.errors import InvalidTransition, NotFound
from domain.events import EventRecorder
from domain.subscriptions.events import (
    SubscriptionCreated,
    SubscriptionEnded,
    SubscriptionPaused,
    SubscriptionPeriodOrdered,
    SubscriptionPeriodSkipped,
    SubscriptionResumed,
)
from domain.subscriptions.periods import (
    CatchUpPolicy,
    Frequency,
    Schedule,
    SubscriptionPlan,
    SubscriptionStatus,
    parse_catch_up,
    parse_frequency,
    period_date,
    refusal,
)
from domain.text_values import Day, Quantity
from domain.texts import Text, _

TRANSITIONS: dict[SubscriptionStatus, frozenset[SubscriptionStatus]] = {
    SubscriptionStatus.ACTIVE: frozenset({SubscriptionStatus.PAUSED, SubscriptionStatus.ENDED}),
    SubscriptionStatus.PAUSED: frozenset({SubscriptionStatus.ACTIVE, SubscriptionStatus.ENDED}),
    SubscriptionStatus.ENDED: frozenset(),
}

# Why a period was skipped, as carried by SubscriptionPeriodSkipped.
SKIPPED_BY_CATCH_UP = "catch_up_latest"
SKIPPED_WHILE_PAUSED = "paused"


@dataclass(eq=False)
class SubscriptionLine:
    """One product of a subscription and the quantity ordered every period."""

    product_code: str
    quantity: Decimal
    id: int | None = None


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
            raise refusal("customer", _("a subscription needs a customer"), "customer_missing")
        freq = parse_frequency(frequency)
        policy = parse_catch_up(catch_up)
        if end_date is not None and end_date < start_date:
            raise refusal(
                "end_date",
                _(
                    "the end date {end} is before the start date {start}",
                    end=Day(end_date),
                    start=Day(start_date),
                ),
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
        return str(self.said())

    def said(self, first: bool = False) -> Text:
        """This subscription named in a sentence (`first`: starting it)."""
        if self.id is None:
            return _("The new subscription") if first else _("the new subscription")
        return _("Subscription {id}", id=self.id) if first else _("subscription {id}", id=self.id)

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
        name, last = self.said(), self.iteration
        day = self.period_date(max(iteration, 1))
        end = Day(self.end_date) if self.end_date else None
        refusals = (
            (
                self.status is not SubscriptionStatus.ACTIVE,
                "not_active",
                _("{name} is {status}; only active ones order", name=name, status=str(self.status)),
            ),
            (
                iteration <= last,
                "iteration_repeated",
                _(
                    "period {iteration} of {name} is already settled (last settled: {last})",
                    iteration=iteration,
                    name=name,
                    last=last,
                ),
            ),
            (
                iteration > last + 1,
                "iteration_gap",
                _(
                    "period {iteration} of {name} would pass over period {next}",
                    iteration=iteration,
                    name=name,
                    next=last + 1,
                ),
            ),
            (
                day > today,
                "period_not_due",
                _(
                    "period {iteration} falls on {day}, after {today}",
                    iteration=iteration,
                    day=Day(day),
                    today=Day(today),
                ),
            ),
            (
                not self._within_end(day),
                "period_after_end",
                _(
                    "period {iteration} falls on {day}, after the end date {end}",
                    iteration=iteration,
                    day=Day(day),
                    end=end,
                ),
            ),
        )
        for refused, code, message in refusals:
            if refused:
                raise refusal("iteration", message, code)
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
            raise InvalidTransition("subscription.invalid_transition", self._refused_move(to))
        self.status = to

    def _refused_move(self, to: SubscriptionStatus) -> Text:
        values = {"name": self.said(first=True), "status": str(self.status), "to": str(to)}
        allowed = sorted(TRANSITIONS[self.status])
        if not allowed:
            return _("{name} is {status}; that is final, so it cannot become {to}.", **values)
        if len(allowed) == 1:
            return _("{name} is {status}; it can become {one}, not {to}.", one=allowed[0], **values)
        return _(
            "{name} is {status}; it can become {one} or {other}, not {to}.",
            one=", ".join(allowed[:-1]),
            other=allowed[-1],
            **values,
        )

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
            raise refusal(
                "status",
                _(
                    "{name} still has periods {pending} to settle",
                    name=self.said(),
                    pending=str(pending),
                ),
                "periods_pending",
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
        raise refusal("lines", _("a subscription needs at least one product"), "no_lines")
    seen: set[str] = set()
    for line in lines:
        code = line.product_code
        if code.lower() in seen:
            raise refusal(
                "lines", _("product {code} appears twice", code=code), "duplicate_product"
            )
        seen.add(code.lower())
        if not line.quantity.is_finite() or line.quantity <= 0:
            raise refusal(
                "quantity",
                _(
                    "the quantity of {code} must be more than 0, not {quantity}",
                    code=code,
                    quantity=Quantity(line.quantity),
                ),
                "quantity_invalid",
            )
        allowed = _lookup(allowed_frequencies, code)
        if frequency not in allowed:
            can = ", ".join(f for f in Frequency if f in allowed)
            values = {"code": code, "frequency": str(frequency), "can": can}
            problem = (
                _("product {code} cannot be ordered {frequency}; it allows {can}", **values)
                if can
                else _(
                    "product {code} cannot be ordered {frequency}; it allows no subscription "
                    "at all",
                    **values,
                )
            )
            raise refusal("frequency", problem, "frequency_not_allowed")


def _lookup(allowed_frequencies: Mapping[str, Collection[str]], code: str) -> Collection[str]:
    """The frequencies of product `code`, matching the code case-insensitively."""
    if code in allowed_frequencies:
        return allowed_frequencies[code]
    for key, value in allowed_frequencies.items():
        if key.lower() == code.lower():
            return value
    raise NotFound("product", code)
