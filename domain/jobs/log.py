"""Job runs: the log of every run of every background job, and the jobs there are.

This module owns `JobRun` (one run of one job: when it started and finished, how it
ended, what it did, what went wrong), its status machine, and the list of known job
names. It does no I/O: the scheduler opens a run with `JobRun.start`, reports
`progress` and `add_error` as it goes, and closes it with `finish` or `fail`. A run
still `running` when the process starts again was cut off by a crash or a kill: the
start-up marks it with `mark_dead`, so the log never shows a run as running forever.

How a run ends (`finish`):
- succeeded: no error (a run with nothing to do succeeds too);
- partial: some errors, but some work was done (records processed or orders created);
- failed: errors and nothing done, or `fail` / `mark_dead` was called;
- skipped (`skip`): the job did not do its work, for the reason its note gives (the
  subscriptions switched off while periods are due), so the log does not read as if
  there had been nothing to do.

Notes (`add_note`) are what a run decided that someone should know but that is not an
error: a subscription period skipped, and why. Errors and notes the jobs write are
sentences (`domain.jobs.notes.Note`), read in each reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidTransition, ValidationFailed
from domain.events import Event, EventRecorder
from domain.jobs.notes import sentence_note
from domain.texts import Text, _

KNOWN_JOBS: tuple[str, ...] = ("subscriptions", "outbox", "inbox", "digest", "jeopardy")

DEAD_RUN_ERROR = sentence_note(_("the process stopped during the run"))

# A run over 100,000 records could fail on each; keep the first messages and count the rest
# so one bad night cannot bloat the log row.
MAX_ERROR_MESSAGES = 50


class JobStatus(StrEnum):
    """How a job run stands."""

    RUNNING = "running"  # started and not finished (or its process died; see mark_dead)
    SUCCEEDED = "succeeded"  # finished without an error
    FAILED = "failed"  # stopped by an error, died, or finished with errors and nothing done
    PARTIAL = "partial"  # finished with errors, but some records were done
    SKIPPED = "skipped"  # did not do its work, for the reason in its first note


TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.RUNNING: frozenset(
        {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.PARTIAL, JobStatus.SKIPPED}
    ),
    JobStatus.SUCCEEDED: frozenset(),
    JobStatus.FAILED: frozenset(),
    JobStatus.PARTIAL: frozenset(),
    JobStatus.SKIPPED: frozenset(),
}


def check_job_name(name: str) -> str:
    """The known job called `name` (any case); ValidationFailed listing the known ones."""
    normal = name.strip().lower()
    if normal not in KNOWN_JOBS:
        raise ValidationFailed.field(
            "job",
            _(
                "there is no job {name}; the jobs are {jobs}",
                name=repr(name),
                jobs=", ".join(KNOWN_JOBS),
            ),
            "job.unknown",
        )
    return normal


@dataclass(frozen=True)
class JobRunStarted(Event):
    """A run of `job_name` began."""

    job_name: str
    started_at: datetime
    triggered_by: str


@dataclass(frozen=True)
class JobRunFinished(Event):
    """A run ended, whichever way; the digest and failure alerts listen to this."""

    run_id: int | None
    job_name: str
    status: str
    processed: int
    orders_created: int
    error_count: int
    finished_at: datetime


@dataclass(eq=False, kw_only=True)
class JobRun(EventRecorder):
    """One run of a background job, as the job log shows it."""

    job_name: str
    started_at: datetime
    finished_at: datetime | None = None
    status: JobStatus = JobStatus.RUNNING
    processed: int = 0  # records handled without an error
    orders_created: int = 0  # orders "moved to fulfilment" by this run
    errors: list[str] = field(default_factory=list)  # the first MAX_ERROR_MESSAGES
    error_count: int = 0  # every error, including those past MAX_ERROR_MESSAGES
    triggered_by: str = "schedule"  # "schedule", or who ran it by hand
    notes: list[str] = field(default_factory=list)  # the first MAX_ERROR_MESSAGES
    id: int | None = None

    @classmethod
    def start(cls, job_name: str, now: datetime, triggered_by: str = "schedule") -> JobRun:
        """A new running run of a known job, started at `now`."""
        name = check_job_name(job_name)
        run = cls(job_name=name, started_at=now, triggered_by=triggered_by or "schedule")
        run.record(JobRunStarted(name, now, run.triggered_by))
        return run

    def label(self) -> str:
        """How messages name this run: "Run 12 of digest" once stored."""
        return str(self.said())

    def said(self) -> Text:
        """This run named in a sentence: "Run 12 of digest" once stored."""
        if self.id is not None:
            return _("Run {id} of {job}", id=self.id, job=self.job_name)
        return _("The {job} run", job=self.job_name)

    def _require_running(self, doing: Text) -> None:
        if self.status is not JobStatus.RUNNING:
            raise InvalidTransition("job_run.not_running", doing)

    def progress(self, processed: int = 0, orders_created: int = 0) -> None:
        """Add to the counts of records processed and orders created."""
        self._require_running(
            _("{run} has already finished ({status}); it cannot make progress.", **self._ended())
        )
        if processed < 0 or orders_created < 0:
            raise ValueError(f"progress cannot be negative: {processed}, {orders_created}")
        self.processed += processed
        self.orders_created += orders_created

    def add_error(self, message: str) -> None:
        """Note an error on one record; the run goes on."""
        self._require_running(
            _("{run} has already finished ({status}); it cannot take an error.", **self._ended())
        )
        self.error_count += 1
        if len(self.errors) < MAX_ERROR_MESSAGES:
            self.errors.append(message)

    def add_note(self, message: str) -> None:
        """Note something the run decided (not an error); the run goes on."""
        self._require_running(
            _("{run} has already finished ({status}); it cannot take a note.", **self._ended())
        )
        if len(self.notes) < MAX_ERROR_MESSAGES:
            self.notes.append(message)

    def skip(self, now: datetime, reason: str) -> None:
        """End the run without its work being done, for `reason` (its first note)."""
        self._check_transition(JobStatus.SKIPPED)
        self.notes.insert(0, reason)
        del self.notes[MAX_ERROR_MESSAGES:]
        self._end(JobStatus.SKIPPED, now)

    def outcome(self) -> JobStatus:
        """How the run would end if it finished now."""
        if self.error_count == 0:
            return JobStatus.SUCCEEDED
        if self.processed > 0 or self.orders_created > 0:
            return JobStatus.PARTIAL
        return JobStatus.FAILED

    def finish(self, now: datetime) -> JobStatus:
        """End the run normally: succeeded, partial or failed by its errors and work."""
        self._end(self.outcome(), now)
        return self.status

    def fail(self, now: datetime, reason: str) -> None:
        """End the run because of `reason` (an error that stopped the whole run)."""
        self._check_transition(JobStatus.FAILED)
        self.add_error(reason)
        self._end(JobStatus.FAILED, now)

    def mark_dead(self, now: datetime) -> None:
        """End a run found still running at start-up: its process died during the run."""
        self.fail(now, DEAD_RUN_ERROR)

    def _check_transition(self, to: JobStatus) -> None:
        if to not in TRANSITIONS[self.status]:
            raise InvalidTransition(
                "job_run.invalid_transition",
                _(
                    "{run} has already finished ({status}); it cannot become {to}.",
                    to=str(to),
                    **self._ended(),
                ),
            )

    def _ended(self) -> dict[str, object]:
        return {"run": self.said(), "status": str(self.status)}

    def _end(self, to: JobStatus, now: datetime) -> None:
        self._check_transition(to)
        self.status = to
        self.finished_at = now
        self.record(
            JobRunFinished(
                self.id,
                self.job_name,
                to.value,
                self.processed,
                self.orders_created,
                self.error_count,
                now,
            )
        )

    def duration(self) -> timedelta | None:
        """How long the run took; None while it runs."""
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at
