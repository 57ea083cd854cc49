"""The job log and job runs as text (console answers, Slack fallback)."""

from __future__ import annotations

from domain.jobs.log import JobRun
from domain.services.jobs import JobLogView, JobRunView


def run_line(run: JobRun) -> str:
    """One run on one line: id, job, status, times, counts, first error."""
    took = run.duration()
    ended = f" took {took.total_seconds():.1f}s" if took is not None else ""
    error = f" · {run.errors[0]}" if run.errors else ""
    more = f" (+{run.error_count - 1} more)" if run.error_count > 1 else ""
    return (
        f"#{run.id} {run.job_name:<13} {run.status:<9} {run.started_at:%Y-%m-%d %H:%M:%S}{ended}"
        f" · {run.processed} processed · {run.orders_created} order(s) · by {run.triggered_by}"
        f"{error}{more}"
    )


def jobs_text(result: JobLogView | JobRunView) -> str:
    """The job log, or a run that just finished."""
    if isinstance(result, JobRunView):
        return f"{result.note}\n{run_line(result.run)}"
    title = f"Job runs of {result.job}" if result.job else "Job runs"
    if not result.runs:
        return f"{title}: none."
    return "\n".join([f"{title} (newest first):", *(f"  {run_line(r)}" for r in result.runs)])
