"""Subscriptions: period dates, validation, the job's plan, pause/resume, end dates."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidTransition, NotFound, ValidationFailed
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
    PlannedPeriod,
    SubscriptionStatus,
    period_date,
)
from domain.subscriptions.subscription import TRANSITIONS, Subscription

ALLOWED = {
    "COFFEE": ("monthly", "quarterly", "yearly"),
    "TEA": ("monthly",),
    "MUG": (),
}
D = date
START = D(2024, 1, 15)


def make(
    start: date = START,
    frequency: str = "monthly",
    end: date | None = None,
    catch_up: str = "all",
    lines: tuple[tuple[str, Decimal], ...] = (("COFFEE", Decimal(2)),),
) -> Subscription:
    sub = Subscription.create(
        customer_code="ACME",
        lines=lines,
        frequency=frequency,
        start_date=start,
        end_date=end,
        catch_up=catch_up,
        allowed_frequencies=ALLOWED,
    )
    sub.id = 7
    sub.pull_events()
    return sub


def dates(start: date, frequency: Frequency, count: int) -> list[date]:
    return [period_date(start, frequency, n) for n in range(1, count + 1)]


# --- period arithmetic ---------------------------------------------------------------


def test_monthly_from_the_31st_in_a_leap_year_stays_on_month_ends() -> None:
    assert dates(D(2024, 1, 31), Frequency.MONTHLY, 14) == [
        D(2024, 1, 31),
        D(2024, 2, 29),
        D(2024, 3, 31),
        D(2024, 4, 30),
        D(2024, 5, 31),
        D(2024, 6, 30),
        D(2024, 7, 31),
        D(2024, 8, 31),
        D(2024, 9, 30),
        D(2024, 10, 31),
        D(2024, 11, 30),
        D(2024, 12, 31),
        D(2025, 1, 31),
        D(2025, 2, 28),
    ]


def test_monthly_from_the_31st_in_a_common_year_gives_february_28() -> None:
    assert dates(D(2023, 1, 31), Frequency.MONTHLY, 3) == [
        D(2023, 1, 31),
        D(2023, 2, 28),
        D(2023, 3, 31),
    ]


def test_monthly_from_the_30th_and_the_29th() -> None:
    assert dates(D(2023, 12, 30), Frequency.MONTHLY, 4) == [
        D(2023, 12, 30),
        D(2024, 1, 30),
        D(2024, 2, 29),
        D(2024, 3, 30),
    ]
    assert dates(D(2025, 1, 29), Frequency.MONTHLY, 3) == [
        D(2025, 1, 29),
        D(2025, 2, 28),
        D(2025, 3, 29),
    ]


def test_quarterly_across_month_ends_and_year_ends() -> None:
    assert dates(D(2024, 1, 31), Frequency.QUARTERLY, 5) == [
        D(2024, 1, 31),
        D(2024, 4, 30),
        D(2024, 7, 31),
        D(2024, 10, 31),
        D(2025, 1, 31),
    ]
    assert dates(D(2023, 11, 30), Frequency.QUARTERLY, 4) == [
        D(2023, 11, 30),
        D(2024, 2, 29),
        D(2024, 5, 30),
        D(2024, 8, 30),
    ]
    assert dates(D(2024, 11, 30), Frequency.QUARTERLY, 2) == [D(2024, 11, 30), D(2025, 2, 28)]


def test_yearly_from_february_29() -> None:
    assert dates(D(2024, 2, 29), Frequency.YEARLY, 5) == [
        D(2024, 2, 29),
        D(2025, 2, 28),
        D(2026, 2, 28),
        D(2027, 2, 28),
        D(2028, 2, 29),
    ]
    # 2100 is not a leap year (century rule); 2400 is.
    assert period_date(D(2024, 2, 29), Frequency.YEARLY, 77) == D(2100, 2, 28)
    assert period_date(D(2024, 2, 29), Frequency.YEARLY, 377) == D(2400, 2, 29)


def test_yearly_from_an_ordinary_day() -> None:
    assert dates(D(2023, 7, 4), Frequency.YEARLY, 3) == [
        D(2023, 7, 4),
        D(2024, 7, 4),
        D(2025, 7, 4),
    ]


def test_period_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="numbered from 1, not 0"):
        period_date(D(2024, 1, 1), Frequency.MONTHLY, 0)


@given(
    start=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
    frequency=st.sampled_from(list(Frequency)),
    n=st.integers(min_value=1, max_value=400),
)
def test_period_date_properties(start: date, frequency: Frequency, n: int) -> None:
    step = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}[frequency]
    this, after = period_date(start, frequency, n), period_date(start, frequency, n + 1)
    # Monotone.
    assert this < after
    # Never skips (or repeats) a month: exactly `step` months between periods,
    # and exactly (n - 1) * step months since the start.
    assert (after.year * 12 + after.month) - (this.year * 12 + this.month) == step
    assert (this.year * 12 + this.month) - (start.year * 12 + start.month) == (n - 1) * step
    # The start day, or the month's last day when the month is shorter.
    assert this.day == min(start.day, calendar.monthrange(this.year, this.month)[1])


# --- creation and validation ---------------------------------------------------------


def test_create_makes_an_active_subscription_before_its_first_period() -> None:
    sub = Subscription.create(
        customer_code=" ACME ",
        lines=[("COFFEE", Decimal(2)), ("tea", Decimal("0.5"))],
        frequency="Monthly",
        start_date=D(2024, 1, 31),
        allowed_frequencies=ALLOWED,
    )
    assert sub.customer_code == "ACME"
    assert [(line.product_code, line.quantity) for line in sub.lines] == [
        ("COFFEE", Decimal(2)),
        ("tea", Decimal("0.5")),
    ]
    assert sub.frequency is Frequency.MONTHLY
    assert sub.status is SubscriptionStatus.ACTIVE
    assert sub.catch_up is CatchUpPolicy.ALL
    assert (sub.iteration, sub.last_order_date, sub.end_date, sub.skipped) == (0, None, None, [])
    assert sub.next_date() == D(2024, 1, 31)
    assert sub.pull_events() == [SubscriptionCreated(None, "ACME", "monthly", D(2024, 1, 31))]


def test_create_accepts_an_end_date_on_the_start_date() -> None:
    sub = make(start=D(2024, 3, 1), end=D(2024, 3, 1))
    assert sub.due_iterations(D(2024, 6, 1)) == [1]


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        (
            {"lines": ()},
            "subscription.no_lines",
            "lines: a subscription needs at least one product",
        ),
        (
            {"lines": (("COFFEE", Decimal(0)),)},
            "subscription.quantity_invalid",
            "quantity: the quantity of COFFEE must be more than 0, not 0",
        ),
        (
            {"lines": (("COFFEE", Decimal(-1)),)},
            "subscription.quantity_invalid",
            "quantity: the quantity of COFFEE must be more than 0, not -1",
        ),
        (
            {"lines": (("COFFEE", Decimal("NaN")),)},
            "subscription.quantity_invalid",
            "quantity: the quantity of COFFEE must be more than 0, not NaN",
        ),
        (
            {"lines": (("COFFEE", Decimal(1)), ("coffee", Decimal(2)))},
            "subscription.duplicate_product",
            "lines: product coffee appears twice",
        ),
        (
            {"end": D(2024, 1, 14)},
            "subscription.end_before_start",
            "end_date: the end date 2024-01-14 is before the start date 2024-01-15",
        ),
        (
            {"frequency": "weekly"},
            "subscription.frequency",
            "frequency: 'weekly' is not a frequency; use monthly, quarterly, yearly",
        ),
        (
            {"catch_up": "some"},
            "subscription.catch_up",
            "catch_up: 'some' is not a catch-up policy; use all, latest",
        ),
        (
            {"frequency": "quarterly", "lines": (("COFFEE", Decimal(1)), ("TEA", Decimal(1)))},
            "subscription.frequency_not_allowed",
            "frequency: product TEA cannot be ordered quarterly; it allows monthly",
        ),
        (
            {"lines": (("MUG", Decimal(1)),)},
            "subscription.frequency_not_allowed",
            "frequency: product MUG cannot be ordered monthly; it allows no subscription at all",
        ),
    ],
)
def test_create_refuses(kwargs: dict[str, object], code: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        make(**kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert caught.value.message == message


def test_create_refuses_a_missing_customer() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Subscription.create(
            customer_code="  ",
            lines=[("COFFEE", Decimal(1))],
            frequency="monthly",
            start_date=D(2024, 1, 1),
            allowed_frequencies=ALLOWED,
        )
    assert caught.value.code == "subscription.customer_missing"


def test_create_refuses_a_product_without_frequencies_known() -> None:
    with pytest.raises(NotFound) as caught:
        make(lines=(("GHOST", Decimal(1)),))
    assert caught.value.code == "product.not_found"
    assert caught.value.message == "No product GHOST."


def test_a_product_allowing_the_frequency_is_accepted_whatever_the_case() -> None:
    sub = make(frequency="YEARLY", lines=(("coffee", Decimal(1)),))
    assert sub.frequency is Frequency.YEARLY


# --- due periods, end dates, the job's plan ------------------------------------------


def test_nothing_is_due_before_the_start_date_and_period_one_on_it() -> None:
    sub = make(start=D(2024, 1, 31))
    assert sub.due_iterations(D(2024, 1, 30)) == []
    assert sub.due_iterations(D(2024, 1, 31)) == [1]
    assert sub.due_iterations(D(2024, 2, 28)) == [1]
    assert sub.due_iterations(D(2024, 2, 29)) == [1, 2]


def test_record_ordered_advances_iteration_last_order_date_and_next_date() -> None:
    sub = make(start=D(2024, 1, 31))
    sub.record_ordered(1, D(2024, 1, 31))
    assert (sub.iteration, sub.last_order_date) == (1, D(2024, 1, 31))
    assert sub.next_date() == D(2024, 2, 29)
    assert sub.due_iterations(D(2024, 2, 28)) == []
    assert sub.pull_events() == [
        SubscriptionPeriodOrdered(7, "ACME", 1, D(2024, 1, 31), D(2024, 1, 31))
    ]


def test_end_date_is_inclusive_and_the_last_period_may_fall_on_it() -> None:
    on_end = make(start=D(2024, 1, 31), end=D(2024, 4, 30))
    assert on_end.due_iterations(D(2024, 12, 1)) == [1, 2, 3, 4]
    before_end = make(start=D(2024, 1, 31), end=D(2024, 4, 29))
    assert before_end.due_iterations(D(2024, 12, 1)) == [1, 2, 3]
    for n in (1, 2, 3):
        before_end.record_ordered(n, D(2024, 4, 29))
    assert before_end.next_date() is None


def test_record_ordered_refuses_a_repeat_a_gap_the_future_and_past_the_end() -> None:
    sub = make(start=D(2024, 1, 15), end=D(2024, 2, 10))
    sub.record_ordered(1, D(2024, 1, 15))
    sub.pull_events()
    cases = [
        (1, D(2024, 3, 1), "subscription.iteration_repeated"),
        (3, D(2024, 4, 1), "subscription.iteration_gap"),
        (2, D(2024, 2, 14), "subscription.period_not_due"),
        (2, D(2024, 3, 1), "subscription.period_after_end"),
    ]
    for iteration, day, code in cases:
        with pytest.raises(ValidationFailed) as caught:
            sub.record_ordered(iteration, day)
        assert caught.value.code == code
    assert (sub.iteration, sub.last_order_date, sub.skipped) == (1, D(2024, 1, 15), [])
    assert sub.pull_events() == []


def test_record_ordered_messages_name_the_periods() -> None:
    sub = make()
    sub.record_ordered(1, D(2024, 1, 15))
    with pytest.raises(ValidationFailed) as repeat:
        sub.record_ordered(1, D(2024, 1, 15))
    assert repeat.value.message == (
        "iteration: period 1 of subscription 7 is already settled (last settled: 1)"
    )
    with pytest.raises(ValidationFailed) as gap:
        sub.record_ordered(3, D(2024, 3, 15))
    assert gap.value.message == "iteration: period 3 of subscription 7 would pass over period 2"


def test_record_skipped_also_takes_only_the_next_due_period() -> None:
    sub = make(catch_up="latest")
    with pytest.raises(ValidationFailed) as caught:
        sub.record_skipped(2, D(2024, 3, 15))
    assert caught.value.code == "subscription.iteration_gap"
    with pytest.raises(ValidationFailed) as future:
        sub.record_skipped(1, D(2024, 1, 14))
    assert future.value.code == "subscription.period_not_due"
    assert (sub.iteration, sub.skipped) == (0, [])


def apply(sub: Subscription, today: date) -> None:
    """Do what the job does with the plan: skips, then orders, then expiry."""
    plan = sub.plan(today)
    for period in plan.to_skip:
        sub.record_skipped(period.iteration, today)
    for period in plan.to_order:
        sub.record_ordered(period.iteration, today)
    if plan.expires:
        sub.expire(today)


def three_missed(catch_up: str) -> Subscription:
    """Ordered period 1 on 2024-01-15; the job was down for periods 2, 3 and 4."""
    sub = make(start=D(2024, 1, 15), catch_up=catch_up)
    sub.record_ordered(1, D(2024, 1, 15))
    sub.pull_events()
    return sub


MISSED = (
    PlannedPeriod(2, D(2024, 2, 15)),
    PlannedPeriod(3, D(2024, 3, 15)),
    PlannedPeriod(4, D(2024, 4, 15)),
)


def test_catch_up_all_orders_every_missed_period() -> None:
    sub = three_missed("all")
    plan = sub.plan(D(2024, 4, 20))
    assert (plan.to_skip, plan.to_order, plan.expires) == ((), MISSED, False)
    apply(sub, D(2024, 4, 20))
    assert (sub.iteration, sub.last_order_date, sub.skipped) == (4, D(2024, 4, 20), [])
    assert [e.iteration for e in sub.pull_events() if isinstance(e, SubscriptionPeriodOrdered)] == [
        2,
        3,
        4,
    ]
    assert sub.plan(D(2024, 4, 20)).is_empty()


def test_catch_up_latest_orders_the_latest_and_records_the_others_skipped() -> None:
    sub = three_missed("latest")
    plan = sub.plan(D(2024, 4, 20))
    assert (plan.to_skip, plan.to_order, plan.expires) == (MISSED[:2], MISSED[2:], False)
    apply(sub, D(2024, 4, 20))
    assert (sub.iteration, sub.last_order_date, sub.skipped) == (4, D(2024, 4, 20), [2, 3])
    assert sub.pull_events() == [
        SubscriptionPeriodSkipped(7, "ACME", 2, D(2024, 2, 15), "catch_up_latest"),
        SubscriptionPeriodSkipped(7, "ACME", 3, D(2024, 3, 15), "catch_up_latest"),
        SubscriptionPeriodOrdered(7, "ACME", 4, D(2024, 4, 15), D(2024, 4, 20)),
    ]
    assert sub.plan(D(2024, 4, 20)).is_empty()


def test_catch_up_latest_with_a_single_due_period_skips_nothing() -> None:
    sub = make(catch_up="latest")
    plan = sub.plan(D(2024, 1, 15))
    assert (plan.to_skip, plan.to_order) == ((), (PlannedPeriod(1, D(2024, 1, 15)),))


def test_a_run_cut_short_leaves_the_rest_for_the_next_run_and_nothing_twice() -> None:
    sub = make(start=D(2024, 1, 15))
    plan = sub.plan(D(2024, 10, 20))
    assert [p.iteration for p in plan.to_order] == list(range(1, 11))
    for period in plan.to_order[:3]:  # the run died after committing three orders
        sub.record_ordered(period.iteration, D(2024, 10, 20))
    again = sub.plan(D(2024, 10, 21))
    assert [p.iteration for p in again.to_order] == list(range(4, 11))


# --- pause and resume ----------------------------------------------------------------


def test_nothing_is_due_while_paused() -> None:
    sub = three_missed("all")
    sub.pause(D(2024, 1, 20))
    assert sub.status is SubscriptionStatus.PAUSED
    assert sub.paused_on == D(2024, 1, 20)
    assert sub.next_date() is None
    assert sub.due_iterations(D(2024, 3, 20)) == []
    assert sub.plan(D(2024, 3, 20)).is_empty()
    assert sub.pull_events() == [SubscriptionPaused(7, "ACME", D(2024, 1, 20))]
    with pytest.raises(ValidationFailed) as caught:
        sub.record_ordered(2, D(2024, 3, 20))
    assert caught.value.code == "subscription.not_active"
    assert caught.value.message == "iteration: subscription 7 is paused; only active ones order"


def test_resume_skips_the_periods_that_fell_due_while_paused() -> None:
    sub = three_missed("all")
    sub.pause(D(2024, 1, 20))
    sub.pull_events()
    sub.resume(D(2024, 3, 20))
    assert sub.status is SubscriptionStatus.ACTIVE
    assert (sub.iteration, sub.skipped, sub.paused_on) == (3, [2, 3], None)
    assert sub.last_order_date == D(2024, 1, 15)
    assert sub.pull_events() == [
        SubscriptionPeriodSkipped(7, "ACME", 2, D(2024, 2, 15), "paused"),
        SubscriptionPeriodSkipped(7, "ACME", 3, D(2024, 3, 15), "paused"),
        SubscriptionResumed(7, "ACME", D(2024, 3, 20), (2, 3)),
    ]
    assert sub.due_iterations(D(2024, 3, 20)) == []
    assert sub.next_date() == D(2024, 4, 15)
    assert sub.due_iterations(D(2024, 4, 15)) == [4]


def test_a_period_on_the_resume_day_is_ordered() -> None:
    sub = three_missed("all")
    sub.pause(D(2024, 1, 20))
    sub.resume(D(2024, 3, 15))
    assert (sub.iteration, sub.skipped) == (2, [2])
    assert sub.due_iterations(D(2024, 3, 15)) == [3]


def test_resume_before_any_period_fell_due_skips_nothing() -> None:
    sub = three_missed("all")
    sub.pause(D(2024, 1, 20))
    sub.resume(D(2024, 2, 1))
    assert (sub.iteration, sub.skipped) == (1, [])
    assert sub.next_date() == D(2024, 2, 15)


def test_resume_skips_no_period_after_the_end_date() -> None:
    sub = make(start=D(2024, 1, 15), end=D(2024, 2, 20))
    sub.record_ordered(1, D(2024, 1, 15))
    sub.pause(D(2024, 1, 20))
    sub.resume(D(2024, 6, 1))
    assert (sub.iteration, sub.skipped) == (2, [2])


# --- ending --------------------------------------------------------------------------


def test_expire_ends_the_subscription_the_day_after_the_end_date() -> None:
    sub = make(start=D(2024, 1, 15), end=D(2024, 3, 15))
    for n, day in ((1, D(2024, 1, 15)), (2, D(2024, 2, 15)), (3, D(2024, 3, 15))):
        sub.record_ordered(n, day)
    sub.pull_events()
    assert sub.plan(D(2024, 3, 15)).expires is False
    assert sub.expire(D(2024, 3, 15)) is False
    assert sub.plan(D(2024, 3, 16)).expires is True
    assert sub.expire(D(2024, 3, 16)) is True
    assert (sub.status, sub.ended_on) == (SubscriptionStatus.ENDED, D(2024, 3, 16))
    assert sub.pull_events() == [SubscriptionEnded(7, "ACME", D(2024, 3, 16), "end_date")]
    assert sub.expire(D(2024, 3, 17)) is False
    assert sub.plan(D(2024, 3, 17)).is_empty()


def test_expire_refuses_while_periods_wait_and_the_plan_settles_them_first() -> None:
    sub = three_missed("all")
    sub.end_date = D(2024, 3, 15)
    with pytest.raises(ValidationFailed) as caught:
        sub.expire(D(2024, 4, 1))
    assert caught.value.code == "subscription.periods_pending"
    assert caught.value.message == "status: subscription 7 still has periods [2, 3] to settle"
    assert sub.status is SubscriptionStatus.ACTIVE
    plan = sub.plan(D(2024, 4, 1))
    assert ([p.iteration for p in plan.to_order], plan.expires) == ([2, 3], True)
    apply(sub, D(2024, 4, 1))
    assert (sub.iteration, sub.status) == (3, SubscriptionStatus.ENDED)


def test_expire_without_an_end_date_does_nothing() -> None:
    sub = make()
    assert sub.expire(D(2099, 1, 1)) is False
    assert sub.status is SubscriptionStatus.ACTIVE


def test_a_paused_subscription_expires_too() -> None:
    sub = make(start=D(2024, 1, 15), end=D(2024, 3, 15))
    sub.pause(D(2024, 1, 1))
    assert sub.plan(D(2024, 4, 1)).expires is True
    assert sub.expire(D(2024, 4, 1)) is True
    assert sub.status is SubscriptionStatus.ENDED


def test_end_by_request() -> None:
    sub = make()
    sub.end(D(2024, 2, 1))
    assert (sub.status, sub.ended_on, sub.next_date()) == (
        SubscriptionStatus.ENDED,
        D(2024, 2, 1),
        None,
    )
    assert sub.due_iterations(D(2024, 6, 1)) == []
    assert sub.pull_events() == [SubscriptionEnded(7, "ACME", D(2024, 2, 1), "request")]


# --- the status machine --------------------------------------------------------------

S = SubscriptionStatus


def test_transition_table() -> None:
    expected = {
        S.ACTIVE: {S.PAUSED, S.ENDED},
        S.PAUSED: {S.ACTIVE, S.ENDED},
        S.ENDED: set(),
    }
    assert expected == TRANSITIONS


def move(sub: Subscription, to: SubscriptionStatus) -> None:
    verbs = {S.PAUSED: sub.pause, S.ACTIVE: sub.resume, S.ENDED: sub.end}
    verbs[to](D(2024, 1, 20))


ALL_PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("start", "to"), [p for p in ALL_PAIRS if p[1] in TRANSITIONS[p[0]]])
def test_allowed_transitions(start: SubscriptionStatus, to: SubscriptionStatus) -> None:
    sub = make()
    sub.status = start
    move(sub, to)
    assert sub.status is to


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (
            S.ACTIVE,
            S.ACTIVE,
            "Subscription 7 is active; it can become ended or paused, not active.",
        ),
        (
            S.PAUSED,
            S.PAUSED,
            "Subscription 7 is paused; it can become active or ended, not paused.",
        ),
        (S.ENDED, S.ACTIVE, "Subscription 7 is ended; that is final, so it cannot become active."),
        (S.ENDED, S.PAUSED, "Subscription 7 is ended; that is final, so it cannot become paused."),
        (S.ENDED, S.ENDED, "Subscription 7 is ended; that is final, so it cannot become ended."),
    ],
)
def test_refused_transitions(
    start: SubscriptionStatus, to: SubscriptionStatus, message: str
) -> None:
    assert to not in TRANSITIONS[start]
    sub = make()
    sub.status = start
    with pytest.raises(InvalidTransition) as caught:
        move(sub, to)
    assert caught.value.code == "subscription.invalid_transition"
    assert caught.value.message == message
    assert sub.status is start
    assert sub.pull_events() == []


def test_every_refused_pair_is_tested() -> None:
    refused = {(a, b) for a, b in ALL_PAIRS if b not in TRANSITIONS[a]}
    assert refused == {
        (S.ACTIVE, S.ACTIVE),
        (S.PAUSED, S.PAUSED),
        (S.ENDED, S.ACTIVE),
        (S.ENDED, S.PAUSED),
        (S.ENDED, S.ENDED),
    }
