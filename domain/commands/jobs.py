"""Background jobs: the job log, and running a job now."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from domain.commands.base import Command, Query


class ListJobRuns(Query):
    """The job log: the latest runs, of every job or of one."""

    job: str | None = None
    limit: int = 20


class ShowJobRun(Query):
    """One run of the job log, with each of its errors and notes."""

    run_id: int


class RunJob(Command):
    """Run a background job now (managers); `slot` is the schedule time it stands for."""

    manager_only: ClassVar[bool] = True
    # The runner commits its own transactions (one per batch); the bus's unit of work
    # stays untouched, so it must not commit (or hold a write lock) around the run.
    writes: ClassVar[bool] = False
    name: str
    slot: datetime | None = None
