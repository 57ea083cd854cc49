"""The job runner: runs a background job under its lock and keeps the job log.

Every run of every job goes through `JobRunner.run`: it takes the job's lock (one run of
a job at a time, across processes), marks runs the lock proves dead (`running` rows
nobody holds) as failed, opens a `JobRun` row, hands the work a `JobContext`, and closes
the run as succeeded, partial or failed. The work commits its own transactions and
reports progress through `JobContext.progress` in those same transactions, so the log
never claims more (or less) than what was committed, even if the process is killed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from domain.errors import DomainError, ValidationFailed
from domain.events import Event
from domain.jobs.log import KNOWN_JOBS, JobRun, check_job_name
from domain.jobs.notes import sentence_note
from domain.jobs.ports import LockFactory
from domain.ports import UnitOfWork
from domain.services.context import Policy, ServiceContext
from domain.texts import Text, _

UnitFactory = Callable[[bool], UnitOfWork]
EventHandlerFn = Callable[[Event, UnitOfWork, ServiceContext], None]


class JobBusy(DomainError):
    """The job is already running (here or in another process)."""


class JobSkipped(DomainError):
    """The work declines to run, for the reason its message gives: the run is logged
    as skipped with that reason."""

    def __init__(self, reason: Text) -> None:
        super().__init__("job.skipped", reason)


@dataclass
class JobContext:
    """What one run of a job gets: its run id, times, units of work and the rules."""

    run_id: int
    job_name: str
    now: datetime
    today: date
    slot: datetime | None
    units: UnitFactory
    policy: Policy
    service_context: Callable[[], ServiceContext]
    event_handlers: list[EventHandlerFn] = field(default_factory=list)

    def progress(
        self,
        uow: UnitOfWork,
        processed: int = 0,
        orders: int = 0,
        errors: Iterable[str] = (),
        notes: Iterable[str] = (),
    ) -> None:
        """Count work in the run row, inside the transaction that did the work."""
        run = uow.job_runs.get(self.run_id)
        for message in errors:
            run.add_error(message)
        for message in notes:
            run.add_note(message)
        run.progress(processed, orders)

    def dispatch(self, uow: UnitOfWork, events: Iterable[Event]) -> None:
        """Hand events to the bus's event handlers, in the caller's transaction."""
        if not self.event_handlers:
            return
        ctx = self.service_context()
        for event in events:
            for handler in self.event_handlers:
                handler(event, uow, ctx)


JobWork = Callable[[JobContext], Any]


class JobRunner:
    """Runs the jobs registered with it; one run per job at a time, each one logged."""

    def __init__(
        self,
        units: UnitFactory,
        clock: Callable[[], datetime],
        policy: Policy,
        zone: tzinfo,
        locks: LockFactory,
    ) -> None:
        self.units = units
        self.clock = clock
        self.policy = policy
        self.zone = zone
        self.locks = locks
        self.works: dict[str, JobWork] = {}
        self.service_context: Callable[[], ServiceContext] = lambda: ServiceContext(
            now=self.clock(), policy=self.policy
        )
        self.event_handlers: list[EventHandlerFn] = []

    def register(self, name: str, work: JobWork) -> None:
        """Make job `name` (one of KNOWN_JOBS) runnable here."""
        self.works[check_job_name(name)] = work

    def attach(
        self, service_context: Callable[[], ServiceContext], handlers: list[EventHandlerFn]
    ) -> None:
        """Use the bus's service context and event handlers (set once the bus exists)."""
        self.service_context = service_context
        self.event_handlers = handlers

    def known(self) -> tuple[str, ...]:
        """The jobs this process can run, in the order of KNOWN_JOBS."""
        return tuple(name for name in KNOWN_JOBS if name in self.works)

    def run(
        self, name: str, triggered_by: str = "schedule", slot: datetime | None = None
    ) -> JobRun:
        """Run job `name` now; JobBusy when a run of it is already going."""
        job = check_job_name(name)
        work = self.works.get(job)
        if work is None:
            here = ", ".join(self.known()) or _("none")
            raise ValidationFailed.field(
                "job",
                _(
                    "the {job} job is not set up in this process (jobs here: {here})",
                    job=job,
                    here=here,
                ),
                "job.not_available",
            )
        lock = self.locks(f"job-{job}")
        if not lock.acquire():
            raise JobBusy(
                "job.running", _("The {job} job is already running; try again later.", job=job)
            )
        try:
            return self._run_locked(job, work, triggered_by, slot)
        finally:
            lock.release()

    def _run_locked(
        self, job: str, work: JobWork, triggered_by: str, slot: datetime | None
    ) -> JobRun:
        now = self.clock()
        with self.units(False) as uow:
            for dead in uow.job_runs.running(job):
                dead.mark_dead(now)
            run = JobRun.start(job, now, triggered_by)
            uow.job_runs.add(run)
            uow.flush()
            uow.commit()
        assert run.id is not None
        ctx = JobContext(
            run_id=run.id,
            job_name=job,
            now=now,
            today=now.astimezone(self.zone).date(),
            slot=slot,
            units=self.units,
            policy=self.policy,
            service_context=self.service_context,
            event_handlers=self.event_handlers,
        )
        try:
            work(ctx)
        except JobSkipped as skipped:
            # Kept as its sentence, so each reader of the log reads it in their language.
            note = sentence_note(skipped.text)
            return self._close(run.id, lambda r, at: r.skip(at, note))
        except Exception as error:  # the log must show any failure, whatever it was
            # A refusal is kept as its sentence; any other error as its own words.
            reason = sentence_note(error.text) if isinstance(error, DomainError) else repr(error)
            return self._close(run.id, lambda r, at: r.fail(at, reason))
        return self._close(run.id, lambda r, at: r.finish(at))

    def _close(self, run_id: int, end: Callable[[JobRun, datetime], object]) -> JobRun:
        with self.units(False) as uow:
            run = uow.job_runs.get(run_id)
            end(run, self.clock())
            uow.commit()
        return run

    def sweep(self) -> int:
        """Mark runs left running by dead processes as failed (jobs whose lock is free)."""
        count = 0
        for job in KNOWN_JOBS:
            lock = self.locks(f"job-{job}")
            if not lock.acquire():
                continue  # a live run holds it
            try:
                with self.units(False) as uow:
                    dead = list(uow.job_runs.running(job))
                    for run in dead:
                        run.mark_dead(self.clock())
                    if dead:
                        uow.commit()
                count += len(dead)
            finally:
                lock.release()
        return count
