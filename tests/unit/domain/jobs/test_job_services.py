"""The job services with fakes: the log, running a job, managers only, dead runs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from domain import commands as c
from domain.errors import DomainError, Forbidden, ValidationFailed
from domain.jobs.log import JobStatus
from domain.services.context import Adapters, Policy
from domain.services.job_runner import JobContext, JobRunner
from domain.services.messagebus import MessageBus
from l10n.translation import render
from tests.unit.fakes import FakeClock, FakeStore


class Locks:
    """Locks that are free unless their name is in `busy`."""

    def __init__(self) -> None:
        self.busy: set[str] = set()

    def __call__(self, name: str) -> Locks.One:
        return Locks.One(name, self.busy)

    class One:
        def __init__(self, name: str, busy: set[str]) -> None:
            self.name, self.busy = name, busy

        def acquire(self) -> bool:
            return self.name not in self.busy

        def held(self) -> bool:
            return True

        def release(self) -> None:
            return None


def make() -> tuple[FakeStore, MessageBus, JobRunner, Locks]:
    store, clock, locks = FakeStore(), FakeClock(), Locks()
    runner = JobRunner(store.uow_factory, clock, Policy(), ZoneInfo("Europe/Paris"), locks)
    bus = MessageBus(store.uow_factory, clock, Policy(), adapters=Adapters(jobs=runner))
    return store, bus, runner, locks


def test_a_run_is_logged_with_its_counts_and_listed_newest_first() -> None:
    _, bus, runner, _ = make()

    def work(ctx: JobContext) -> None:
        with ctx.units(False) as uow:
            ctx.progress(uow, processed=4, orders=3, errors=["subscription 9: no"])
            uow.commit()

    runner.register("subscriptions", work)
    view = bus.handle(c.RunJob(name="Subscriptions", actor="ann", manager=True))
    assert (
        str(view.note)
        == "Run 1 of subscriptions finished with errors: 4 processed, 3 orders created."
    )
    assert render(view.note, "fr") == (
        "Exécution 1 de subscriptions terminée avec des erreurs : 4 traités, 3 commandes créées."
    )
    assert (view.run.status, view.run.triggered_by) == (JobStatus.PARTIAL, "ann")
    bus.handle(c.RunJob(name="subscriptions", manager=True))
    log = bus.handle(c.ListJobRuns())
    assert [(r.id, r.status) for r in log.runs] == [(2, "partial"), (1, "partial")]


def test_a_failing_job_is_logged_failed_with_the_reason() -> None:
    _, bus, runner, _ = make()

    def work(ctx: JobContext) -> None:
        raise RuntimeError("disk full")

    runner.register("digest", work)
    run = bus.handle(c.RunJob(name="digest", manager=True)).run
    assert (run.status, run.errors) == (JobStatus.FAILED, ["RuntimeError('disk full')"])


def test_only_managers_unknown_and_unset_jobs_and_a_busy_job_are_refused() -> None:
    store, bus, runner, locks = make()
    runner.register("subscriptions", lambda ctx: None)
    with pytest.raises(Forbidden):
        bus.handle(c.RunJob(name="subscriptions"))
    with pytest.raises(ValidationFailed, match="there is no job 'nightly'"):
        bus.handle(c.RunJob(name="nightly", manager=True))
    with pytest.raises(ValidationFailed, match="the outbox job is not set up"):
        bus.handle(c.RunJob(name="outbox", manager=True))
    locks.busy.add("job-subscriptions")
    with pytest.raises(DomainError, match="already running"):
        bus.handle(c.RunJob(name="subscriptions", manager=True))
    assert store.state.job_runs == []


def test_a_run_left_running_is_marked_failed_at_the_next_start() -> None:
    store, bus, runner, _ = make()
    from domain.jobs.log import JobRun

    with store.uow_factory() as uow:
        uow.job_runs.add(JobRun.start("subscriptions", datetime(2026, 3, 1, tzinfo=UTC)))
        uow.commit()
    runner.register("subscriptions", lambda ctx: None)
    bus.handle(c.RunJob(name="subscriptions", manager=True))
    runs = bus.handle(c.ListJobRuns()).runs
    assert [(r.id, r.status, r.errors) for r in runs] == [
        (2, "succeeded", []),
        (1, "failed", ["the process stopped during the run"]),
    ]
