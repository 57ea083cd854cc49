"""One run of the job log in full as a Slack card (`/jobs show ID`): its status and
counts, then every error and every note it kept, in as many sections as they need, and
*Run again* when it did not succeed."""

from __future__ import annotations

from bot.slack.blocks import MAX_TEXT, Block, actions, context, section
from domain.jobs.log import JobStatus
from domain.services.jobs import JobRunDetail
from l10n.formats import Formats

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


def job_detail_blocks(view: JobRunDetail, f: Formats) -> list[Block]:
    """The run: a summary line, each error, each note, and *Run again* if it failed."""
    run = view.run
    finished = f.datetime(run.finished_at) if run.finished_at else "still running"
    status = f"`{run.status}`"
    notes = list(run.notes)
    if run.status is JobStatus.SKIPPED and notes:
        status += f": {notes.pop(0)}"
    blocks: list[Block] = [
        section(
            f"*Run {run.id} of {run.job_name}* {status} · started {f.datetime(run.started_at)}"
            f" · finished {finished}\n{f.number(run.processed)} processed · "
            f"{f.number(run.orders_created)} order(s) created · by {run.triggered_by}"
        )
    ]
    body: list[Block] = []
    if run.errors:
        body += _sections(f"Errors ({f.number(run.error_count)})", run.errors)
        if run.error_count > len(run.errors):
            hidden = f.number(run.error_count - len(run.errors))
            body.append(context(f"{hidden} more error(s) were counted but not kept."))
    else:
        body.append(context("No errors."))
    if notes:
        body += _sections("Notes", notes)
    blocks += body[:MAX_SECTIONS]
    if run.status in (JobStatus.FAILED, JobStatus.PARTIAL):
        blocks += actions([("Run again", f"jobs run {run.job_name}", None)], f"job:{run.id}")
    return blocks
