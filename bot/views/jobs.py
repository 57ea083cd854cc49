"""The job log and job runs as text (console answers, Slack fallback)."""

from __future__ import annotations

from domain.jobs.log import JobRun, JobStatus
from domain.services.jobs import JobLogView, JobRunDetail, JobRunView
from l10n.formats import ISO_SECOND, Formats
from l10n.translation import render as say


def run_line(run: JobRun, f: Formats) -> str:
    """One run on one line: id, job, status (with the reason of a skipped run), times,
    counts, first error."""
    took = run.duration()
    ended = f" took {f.number(took.total_seconds(), decimals=1)}s" if took is not None else ""
    error = f" · {run.errors[0]}" if run.errors else ""
    more = f" (+{f.number(run.error_count - 1)} more)" if run.error_count > 1 else ""
    status = str(run.status)
    if run.status is JobStatus.SKIPPED and run.notes:
        status = f"skipped: {run.notes[0]}"
    notes = ""
    if run.status is not JobStatus.SKIPPED and run.notes:
        notes = f" · {f.number(len(run.notes))} note(s)"
    return (
        f"#{run.id} {run.job_name:<13} {status:<9} {f.datetime(run.started_at, ISO_SECOND)}"
        f"{ended} · {f.number(run.processed)} processed · {f.number(run.orders_created)} "
        f"order(s) · by {run.triggered_by}{notes}{error}{more}"
    )


def run_detail_text(run: JobRun, f: Formats) -> str:
    """One run in full: its line, then each error and each note it kept."""
    out = [run_line(run, f)]
    finished = f.datetime(run.finished_at, ISO_SECOND) if run.finished_at else "still running"
    out.append(f"  finished: {finished}")
    if run.errors:
        out.append(f"  Errors ({f.number(run.error_count)}):")
        out += [f"    {n}. {e}" for n, e in enumerate(run.errors, start=1)]
        if run.error_count > len(run.errors):
            hidden = f.number(run.error_count - len(run.errors))
            out.append(f"    {hidden} more error(s) were counted but not kept.")
    else:
        out.append("  No errors.")
    notes = run.notes[1:] if run.status is JobStatus.SKIPPED else run.notes
    if notes:
        out.append("  Notes:")
        out += [f"    - {note}" for note in notes]
    return "\n".join(out)


def jobs_text(result: JobLogView | JobRunView | JobRunDetail, f: Formats) -> str:
    """The job log, a run that just finished, or one run in full."""
    if isinstance(result, JobRunDetail):
        return run_detail_text(result.run, f)
    if isinstance(result, JobRunView):
        return f"{say(result.note)}\n{run_line(result.run, f)}"
    title = f"Job runs of {result.job}" if result.job else "Job runs"
    if not result.runs:
        return f"{title}: none."
    return "\n".join([f"{title} (newest first):", *(f"  {run_line(r, f)}" for r in result.runs)])
