"""The job log and job runs as text (console answers, Slack fallback)."""

from __future__ import annotations

from bot.views.job_counts import counted, orders, processed
from bot.views.states import job_status_word
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.notes import note_text
from domain.services.jobs import JobLogView, JobRunDetail, JobRunView
from l10n.formats import ISO_SECOND, Formats
from l10n.translation import gettext, ngettext
from l10n.translation import render as say


def run_line(run: JobRun, f: Formats) -> str:
    """One run on one line: id, job, status (with the reason of a skipped run), times,
    counts, first error."""
    took = run.duration()
    ended = (
        " " + gettext("took {seconds}s", seconds=f.number(took.total_seconds(), decimals=1))
        if took is not None
        else ""
    )
    error = f" · {say(note_text(run.errors[0]))}" if run.errors else ""
    more = (
        " " + gettext("(+{count} more)", count=f.number(run.error_count - 1))
        if run.error_count > 1
        else ""
    )
    status = job_status_word(run.status)
    if run.status is JobStatus.SKIPPED and run.notes:
        status = gettext("skipped: {reason}", reason=say(note_text(run.notes[0])))
    notes = ""
    if run.status is not JobStatus.SKIPPED and run.notes:
        notes = " · " + ngettext(
            "{count} note", "{count} notes", len(run.notes), count=f.number(len(run.notes))
        )
    counts = counted(
        processed(run.processed, f),
        orders(run.orders_created, f),
        gettext("by {who}", who=run.triggered_by),
    )
    return (
        f"#{run.id} {run.job_name:<13} {status:<9} {f.datetime(run.started_at, ISO_SECOND)}"
        f"{ended} · {counts}{notes}{error}{more}"
    )


def run_detail_text(run: JobRun, f: Formats) -> str:
    """One run in full: its line, then each error and each note it kept."""
    out = [run_line(run, f)]
    finished = (
        f.datetime(run.finished_at, ISO_SECOND) if run.finished_at else gettext("still running")
    )
    out.append("  " + gettext("finished: {at}", at=finished))
    if run.errors:
        out.append("  " + gettext("Errors ({count}):", count=f.number(run.error_count)))
        out += [f"    {n}. {say(note_text(e))}" for n, e in enumerate(run.errors, start=1)]
        if run.error_count > len(run.errors):
            hidden = run.error_count - len(run.errors)
            out.append(
                "    "
                + ngettext(
                    "{count} more error was counted but not kept.",
                    "{count} more errors were counted but not kept.",
                    hidden,
                    count=f.number(hidden),
                )
            )
    else:
        out.append("  " + gettext("No errors."))
    notes = run.notes[1:] if run.status is JobStatus.SKIPPED else run.notes
    if notes:
        out.append("  " + gettext("Notes:"))
        out += [f"    - {say(note_text(note))}" for note in notes]
    return "\n".join(out)


def jobs_text(result: JobLogView | JobRunView | JobRunDetail, f: Formats) -> str:
    """The job log, a run that just finished, or one run in full."""
    if isinstance(result, JobRunDetail):
        return run_detail_text(result.run, f)
    if isinstance(result, JobRunView):
        return f"{say(result.note)}\n{run_line(result.run, f)}"
    runs = [f"  {run_line(r, f)}" for r in result.runs]
    if result.job:
        if not runs:
            return gettext("Job runs of {job}: none.", job=result.job)
        return "\n".join([gettext("Job runs of {job} (newest first):", job=result.job), *runs])
    if not runs:
        return gettext("Job runs: none.")
    return "\n".join([gettext("Job runs (newest first):"), *runs])
