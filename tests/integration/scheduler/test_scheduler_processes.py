"""Two processes on PostgreSQL with the scheduler: one leads, the other takes over."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.jobs.log import JobStatus
from store.tables import core as t
from store.tables import scheduler as sched
from tests.integration.jobs_helpers import Clock, app_on, count, seed, subscribe

CRON = "*/2 * * * * *"  # every 2 seconds (seconds first)


def _spawn(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.scheduler_worker", url, CRON],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def _wait_leader(procs: list[subprocess.Popen[str]], timeout: float) -> subprocess.Popen[str]:
    selector = selectors.DefaultSelector()
    for p in procs:
        assert p.stdout is not None
        selector.register(p.stdout, selectors.EVENT_READ, p)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.2):
                if key.fileobj.readline().strip() == "leader":  # type: ignore[union-attr]
                    proc: subprocess.Popen[str] = key.data
                    return proc
    finally:
        selector.close()
    raise AssertionError("no process took the lead")


def _until(check, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _slots(app) -> Counter[str]:  # type: ignore[no-untyped-def]
    with app.engine.connect() as conn:
        who = conn.scalars(select(sched.job_runs.c.triggered_by)).all()
    return Counter(who)


def test_one_leader_runs_the_job_and_the_other_takes_over(pg_url: str) -> None:
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    app = app_on(pg_url, Clock(datetime.now(ZoneInfo("UTC"))))
    procs: list[subprocess.Popen[str]] = []
    try:
        seed(app)
        for _ in range(50):
            subscribe(app, today)
        procs = [_spawn(pg_url), _spawn(pg_url)]
        leader = _wait_leader(procs, 60)
        _until(lambda: count(app, t.orders) == 50, 60)
        other = next(p for p in procs if p is not leader)
        os.kill(leader.pid, signal.SIGKILL)
        leader.wait(10)
        assert _wait_leader([other], 30) is other
        for _ in range(5):
            subscribe(app, today)
        _until(lambda: count(app, t.orders) == 55, 30)
        time.sleep(3)  # a few more slots: nothing more to make
        assert count(app, t.orders) == 55
        slots = _slots(app)
        scheduled = {k: v for k, v in slots.items() if k.startswith("schedule")}
        assert scheduled
        assert set(scheduled.values()) == {1}
        with app.engine.connect() as conn:
            statuses = set(conn.scalars(select(sched.job_runs.c.status)).all())
        assert statuses <= {JobStatus.SUCCEEDED, JobStatus.FAILED}
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    p.wait(10)
            if p.poll() is None:
                p.kill()
                p.wait()
            if p.stdout is not None:
                p.stdout.close()
        app.engine.dispose()
