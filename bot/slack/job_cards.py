"""Job runs as Slack cards: one run in full (`/jobs show ID`): its status and counts,
then every error and every note it kept, in as many sections as they need, and *Run
again* when it did not succeed; and a run in short, as the answer to `/jobs run`."""

from __future__ import annotations

from bot.slack.blocks import MAX_TEXT, Block, actions, context, section
from bot.views.job_counts import counted, errors, orders_created, processed
from bot.views.states import job_status_word
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.notes import note_text
from domain.services.jobs import JobRunDetail
from l10n.formats import Formats
from l10n.translation import gettext, ngettext, render

MAX_SECTIONS = 40
"""Sections of errors and notes at most (Slack takes 50 blocks a message)."""


def _sections(title: str, rows: list[str]) -> list[Block]:
    """`rows` under `title`, packed into sections Slack accepts."""
    chunks: list[str] = []
    current = f"*{title}*"
    for row in rows:
        line = f"• {row}"[: MAX_TEXT - 10]
        if len(current) + len(line) + 1 > MAX_TEXT:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    chunks.append(current)
    return [section(chunk) for chunk in chunks]


def skipped_status(status: str, reason: str) -> str:
    """A skipped run's status with why it was skipped."""
    # Translators: a job run's status ("skipped") and the reason it was skipped.
    return gettext("{status}: {reason}", status=status, reason=reason)


def job_detail_blocks(view: JobRunDetail, f: Formats) -> list[Block]:
    """The run: a summary line, each error, each note, and *Run again* if it failed."""
    run = view.run
    finished = f.datetime(run.finished_at) if run.finished_at else gettext("still running")
    status = f"`{job_status_word(run.status)}`"
    notes = [render(note_text(note)) for note in run.notes]  # in the reader's language
    if run.status is JobStatus.SKIPPED and notes:
        status = skipped_status(status, notes.pop(0))
    blocks: list[Block] = [
        section(
            gettext(
                "*Run {id} of {job}* {status} · started {started} · finished {finished}",
                id=run.id,
                job=run.job_name,
                status=status,
                started=f.datetime(run.started_at),
                finished=finished,
            )
            + "\n"
            + counted(
                processed(run.processed, f),
                orders_created(run.orders_created, f),
                gettext("by {who}", who=run.triggered_by),
            )
        )
    ]
    body: list[Block] = []
    if run.errors:
        title = gettext("Errors ({count})", count=f.number(run.error_count))
        body += _sections(title, [render(note_text(error)) for error in run.errors])
        if run.error_count > len(run.errors):
            hidden = run.error_count - len(run.errors)
            said = ngettext(
                "{hidden} more error was counted but not kept.",
                "{hidden} more errors were counted but not kept.",
                hidden,
                hidden=f.number(hidden),
            )
            body.append(context(said))
    else:
        body.append(context(gettext("No errors.")))
    if notes:
        body += _sections(gettext("Notes"), notes)
    blocks += body[:MAX_SECTIONS]
    if run.status in (JobStatus.FAILED, JobStatus.PARTIAL):
        blocks += actions(_run_again(run), f"job:{run.id}")
    return blocks


def _run_again(run: JobRun) -> list[tuple[str, str, str | None]]:
    return [(gettext("Run again"), f"jobs run {run.job_name}", None)]


def job_run_blocks(run: JobRun, f: Formats, note: str = "") -> list[Block]:
    """A job run: status, counts, errors, and *Run again* when it did not succeed."""
    finished = f.datetime(run.finished_at) if run.finished_at else gettext("still running")
    text = gettext(
        "*{job}* `{status}` · started {started} · finished {finished}",
        job=run.job_name,
        status=job_status_word(run.status),
        started=f.datetime(run.started_at),
        finished=finished,
    )
    text += "\n" + counted(
        processed(run.processed, f),
        orders_created(run.orders_created, f),
        errors(run.error_count, f),
        gettext("by {who}", who=run.triggered_by),
    )
    if run.errors:
        text += "\n" + "\n".join(f"• {render(note_text(e))}" for e in run.errors[:5])
    if run.notes:
        count = len(run.notes)
        text += (
            "\n_"
            + ngettext(
                "{count} note: /jobs show {id}",
                "{count} notes: /jobs show {id}",
                count,
                count=f.number(count),
                id=run.id,
            )
            + "_"
        )
    blocks = [context(note)] if note else []
    blocks.append(section(text))
    if run.status in (JobStatus.FAILED, JobStatus.PARTIAL):
        blocks += actions(_run_again(run), f"job:{run.id}")
    return blocks
