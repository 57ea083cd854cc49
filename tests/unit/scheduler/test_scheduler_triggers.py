"""Schedules across the daylight-saving changes of Europe/Paris: once a day, never twice."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.triggers import (
    WallClockCronTrigger,
    fire_times,
    is_repeat,
    parse_cron,
    previous_fire_time,
)

PARIS = ZoneInfo("Europe/Paris")


def trigger(expr: str) -> WallClockCronTrigger:
    return WallClockCronTrigger(parse_cron(expr, PARIS), PARIS)


@pytest.mark.parametrize("expr", ["0 6 * * *", "30 2 * * *", "0 2 * * *", "0 3 * * *"])
@pytest.mark.parametrize(
    "start", [datetime(2026, 3, 25, tzinfo=PARIS), datetime(2026, 10, 22, tzinfo=PARIS)]
)
def test_a_daily_job_runs_exactly_once_on_every_day_around_a_dst_change(
    expr: str, start: datetime
) -> None:
    times = fire_times(trigger(expr), start, start + timedelta(days=8))
    days = Counter(t.astimezone(PARIS).date() for t in times)
    assert sorted(days) == [(start + timedelta(days=n)).date() for n in range(8)]
    assert set(days.values()) == {1}


def test_apscheduler_alone_would_fire_twice_on_the_autumn_change() -> None:
    plain = parse_cron("30 2 * * *", PARIS)
    start = datetime(2026, 10, 24, 12, tzinfo=PARIS)
    first = plain.get_next_fire_time(None, start)
    second = plain.get_next_fire_time(first, first + timedelta(seconds=1))
    times = [first, second]
    assert [t.isoformat() for t in times] == [
        "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:30:00+01:00",
    ]
    assert [is_repeat(t, PARIS) for t in times] == [False, True]


def test_the_missing_spring_hour_runs_once_an_hour_later() -> None:
    start = datetime(2026, 3, 28, 12, tzinfo=PARIS)
    times = fire_times(trigger("30 2 * * *"), start, start + timedelta(days=1))
    assert [t.astimezone(ZoneInfo("UTC")).isoformat() for t in times] == [
        "2026-03-29T01:30:00+00:00"
    ]


def test_previous_fire_time_is_the_slot_now_stands_for() -> None:
    now = datetime(2026, 10, 25, 7, 15, tzinfo=PARIS)
    slot = previous_fire_time(trigger("0 6 * * *"), now)
    assert slot is not None
    assert slot.isoformat() == "2026-10-25T06:00:00+01:00"


@pytest.mark.parametrize(
    ("expr", "message"),
    [("0 6 * *", "a cron needs 5 fields"), ("0 25 * * *", "SUBSCRIPTION_JOB_CRON='0 25")],
)
def test_a_bad_cron_names_the_setting(expr: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_cron(expr, PARIS, "SUBSCRIPTION_JOB_CRON")
