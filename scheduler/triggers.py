"""Cron triggers in a time zone that fire once per wall-clock time, across DST changes.

APScheduler 3's CronTrigger fires twice when a wall time repeats (autumn: 02:30 comes
twice in Europe/Paris) and once, shifted, when it does not exist (spring: 02:30 runs at
03:30). `WallClockCronTrigger` skips the second occurrence of a repeated wall time, so a
daily job runs exactly once every local day. A 6-field expression has seconds first
(tests and frequent jobs); 5 fields are classic crontab.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

FIELDS_5 = ("minute", "hour", "day", "month", "day_of_week")
FIELDS_6 = ("second", *FIELDS_5)


def parse_cron(expression: str, zone: tzinfo, setting: str = "cron") -> CronTrigger:
    """A CronTrigger from 5 (or 6, seconds first) fields; ValueError naming the setting."""
    words = expression.split()
    names = {5: FIELDS_5, 6: FIELDS_6}.get(len(words))
    if names is None:
        raise ValueError(
            f"{setting}={expression!r}: a cron needs 5 fields (minute hour day month weekday)"
        )
    try:
        return CronTrigger(**dict(zip(names, words, strict=True)), timezone=zone)
    except ValueError as error:
        raise ValueError(f"{setting}={expression!r}: {error}") from None


def is_repeat(moment: datetime, zone: tzinfo) -> bool:
    """Whether `moment` is the second occurrence of its wall time (DST fall-back)."""
    wall = moment.astimezone(zone).replace(tzinfo=None)
    first = wall.replace(tzinfo=zone, fold=0)
    return first.astimezone(UTC) != moment.astimezone(UTC)


def _overlap(moment: datetime, zone: tzinfo) -> timedelta:
    wall = moment.astimezone(zone).replace(tzinfo=None)
    first = wall.replace(tzinfo=zone, fold=0).utcoffset() or timedelta(0)
    second = moment.astimezone(zone).utcoffset() or timedelta(0)
    return max(first - second, timedelta(minutes=1))


class WallClockCronTrigger(BaseTrigger):
    """A cron trigger that never fires twice for one wall-clock time."""

    def __init__(self, cron: CronTrigger, zone: tzinfo) -> None:
        self.cron = cron
        self.zone = zone

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """The next fire time after `now`, passing over repeated wall times."""
        nxt: datetime | None = self.cron.get_next_fire_time(previous_fire_time, now)
        while nxt is not None and is_repeat(nxt, self.zone):
            # The whole repeated hour is a second pass: resume once it is over.
            nxt = self.cron.get_next_fire_time(nxt, nxt + _overlap(nxt, self.zone))
        return nxt

    def __getstate__(self) -> dict[str, Any]:
        return {"cron": self.cron, "zone": self.zone}

    def __str__(self) -> str:
        return f"wallclock({self.cron})"


def fire_times(trigger: BaseTrigger, start: datetime, end: datetime) -> list[datetime]:
    """Every fire time in [start, end), as the scheduler would compute them one by one."""
    times: list[datetime] = []
    previous: datetime | None = None
    now = start
    while (nxt := trigger.get_next_fire_time(previous, now)) is not None and nxt < end:
        times.append(nxt)
        previous, now = nxt, nxt + timedelta(seconds=1)
    return times


def previous_fire_time(
    trigger: BaseTrigger, now: datetime, lookback: timedelta = timedelta(days=2)
) -> datetime | None:
    """The latest fire time at or before `now` within `lookback` (the slot now stands for).

    The window widens from a minute: a cron firing every few seconds must not be
    enumerated over the whole lookback (86,400 fire times a day, on the event loop)."""
    span = min(timedelta(minutes=1), lookback)
    while True:
        times = fire_times(trigger, now - span, now + timedelta(microseconds=1))
        if times or span >= lookback:
            return times[-1] if times else None
        span = min(span * 2, lookback)
