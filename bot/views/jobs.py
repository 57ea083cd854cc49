"""The job log and job runs as text (console answers, Slack fallback)."""

from __future__ import annotations

from domain.jobs.log import JobRun
from domain.services.jobs import JobLogView, JobRunView
from l10n.formats import ISO_SECOND, Formats


def run_line(run: JobRun, f: Formats) -> str:
    """One run on one line: id, job, status, times, counts, first error."""
    took = run.duration()
    ended = f" took {f.number(took.total_seconds(), decimals=1)}s" if took is not None else ""
    error = f" · {run.errors[0]}" if run.errors else ""
    more = f" (+{f.number(run.error_count - 1)} more)" if run.error_count > 1 else ""
    return (
        f"#{run.id} {run.job_name:<13} {run.status:<9} {f.datetime(run.started_at, ISO_SECOND)}"
        f"{ended} · {f.number(run.processed)} processed · {f.number(run.orders_created)} "
        f"order(s) · by {run.triggered_by}{error}{more}"
    )


def jobs_text(result: JobLogView | JobRunView, f: Formats) -> str:
    """The job log, or a run that just finished."""
    if isinstance(result, JobRunView):
        return f"{result.note}\n{run_line(result.run, f)}"
    title = f"Job runs of {result.job}" if result.job else "Job runs"
    if not result.runs:
        return f"{title}: none."
    return "\n".join([f"{title} (newest first):", *(f"  {run_line(r, f)}" for r in result.runs)])
