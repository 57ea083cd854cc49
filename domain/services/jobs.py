"""Services of the job commands: the job log (`/jobs`), one run with each of its errors
and notes (`/jobs show`), and running a job now (`/jobs run`)."""

from __future__ import annotations

from dataclasses import dataclass

from domain import commands as c
from domain.errors import DomainError
from domain.jobs.log import JobRun, JobStatus, check_job_name
from domain.jobs.notes import note_text
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.text_values import Count
from domain.texts import Text, _, ngettext


@dataclass(frozen=True)
class JobRunView:
    """A run that just finished, and what to say about it."""

    run: JobRun
    note: Text | str = ""

    def ref(self) -> str:
        """A key to find this result again."""
        return f"job_run:{self.run.id}"


@dataclass(frozen=True)
class JobLogView:
    """The latest runs, newest first."""

    runs: tuple[JobRun, ...]
    job: str | None = None


@dataclass(frozen=True)
class JobRunDetail:
    """One run of the job log in full: every error and note it kept."""

    run: JobRun

    def ref(self) -> str:
        """A key to find this result again."""
        return f"job_run:{self.run.id}"


def show_job_run(cmd: c.ShowJobRun, uow: UnitOfWork, ctx: ServiceContext) -> JobRunDetail:
    """One run, with each of its errors and notes."""
    return JobRunDetail(uow.job_runs.get(cmd.run_id))


def list_job_runs(cmd: c.ListJobRuns, uow: UnitOfWork, ctx: ServiceContext) -> JobLogView:
    """The latest runs of every job, or of one."""
    job = check_job_name(cmd.job) if cmd.job else None
    return JobLogView(tuple(uow.job_runs.latest(cmd.limit, job)), job)


def run_job(cmd: c.RunJob, uow: UnitOfWork, ctx: ServiceContext) -> JobRunView:
    """Run a job now (managers); a re-run finishes what a failed run left."""
    runner = ctx.adapters.jobs
    if runner is None:
        raise DomainError("job.unavailable", _("Jobs cannot be run from here (no job runner)."))
    run = runner.run(cmd.name, cmd.actor or "schedule", cmd.slot)
    said = {"id": run.id, "job": run.job_name}
    if run.status is JobStatus.SKIPPED:
        if not run.notes:
            return JobRunView(run, _("Run {id} of {job} skipped: no reason given.", **said))
        return JobRunView(
            run,
            _("Run {id} of {job} skipped: {reason}.", reason=note_text(run.notes[0]), **said),
        )
    # each count is a phrase with its own plural ("1 200 traités", "1 commande créée")
    counts = {
        "processed": ngettext(
            "{count} processed", "{count} processed", run.processed, count=Count(run.processed)
        ),
        "orders": ngettext(
            "{count} order created",
            "{count} orders created",
            run.orders_created,
            count=Count(run.orders_created),
        ),
        **said,
    }
    outcome = {
        JobStatus.SUCCEEDED: _("Run {id} of {job} succeeded: {processed}, {orders}.", **counts),
        JobStatus.PARTIAL: _(
            "Run {id} of {job} finished with errors: {processed}, {orders}.", **counts
        ),
    }
    failed = _("Run {id} of {job} failed: {processed}, {orders}.", **counts)
    return JobRunView(run, outcome.get(run.status, failed))
