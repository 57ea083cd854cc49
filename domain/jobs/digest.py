"""The job-log digest for managers: what it says, as data and as Slack Block Kit.

Pure: `digest_payload` turns the runs since the last digest, the dead outbox messages
and the subscriptions that ended into the payload of one outbox row (channel slack,
kind "digest"). The payload carries a ready `blocks` list and a `text` fallback for the
Slack sender, plus the same facts as plain fields. Failures come first, each with a
*Run again* button (action_id `jobs_run_again`, value = the job name).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from domain.jobs.log import JobRun, JobStatus
from domain.jobs.ports import EndedSubscription
from domain.outbox.messages import OutboxMessage

RUN_AGAIN_ACTION = "jobs_run_again"
MAX_FAILURE_BLOCKS = 20  # Slack allows 50 blocks per message
MAX_LISTED = 15

_ORDER = {JobStatus.FAILED: 0, JobStatus.PARTIAL: 1, JobStatus.RUNNING: 2, JobStatus.SUCCEEDED: 3}


def _when(at: datetime | None, zone: tzinfo) -> str:
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else "-"


def run_line(run: JobRun, zone: tzinfo) -> str:
    """One run as a digest line."""
    return (
        f"{run.job_name} #{run.id} {run.status} at {_when(run.started_at, zone)}: "
        f"{run.processed} processed, {run.orders_created} order(s) created"
        + (f", {run.error_count} error(s)" if run.error_count else "")
    )


def _run_data(run: JobRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "job": run.job_name,
        "status": str(run.status),
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "processed": run.processed,
        "orders_created": run.orders_created,
        "error_count": run.error_count,
        "errors": list(run.errors[:3]),
        "triggered_by": run.triggered_by,
    }


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _failure_block(run: JobRun, zone: tzinfo) -> dict[str, Any]:
    first = f"\n> {run.errors[0][:200]}" if run.errors else ""
    block = _section(f":x: *{run_line(run, zone)}*{first}")
    block["accessory"] = {
        "type": "button",
        "text": {"type": "plain_text", "text": "Run again"},
        "action_id": RUN_AGAIN_ACTION,
        "value": run.job_name,
        "style": "danger",
    }
    return block


def digest_payload(
    runs: Sequence[JobRun],
    dead: Sequence[OutboxMessage],
    ended: Sequence[EndedSubscription],
    until: datetime,
    zone: tzinfo,
) -> dict[str, Any]:
    """The digest's outbox payload: facts, Block Kit `blocks` and a `text` fallback."""
    ordered = sorted(runs, key=lambda r: (_ORDER.get(r.status, 9), r.started_at, r.id or 0))
    failures = [r for r in ordered if r.status in (JobStatus.FAILED, JobStatus.PARTIAL)]
    others = [r for r in ordered if r not in failures]
    orders = sum(r.orders_created for r in runs)
    summary = (
        f"{len(runs)} run(s) since the last digest: {len(failures)} failed or partial, "
        f"{orders} order(s) created; {len(dead)} dead message(s); "
        f"{len(ended)} subscription(s) ended."
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "orderbot job digest"}},
        _section(f"{summary}\nUntil {_when(until, zone)}."),
    ]
    blocks += [_failure_block(r, zone) for r in failures[:MAX_FAILURE_BLOCKS]]
    if len(failures) > MAX_FAILURE_BLOCKS:
        blocks.append(_section(f"… and {len(failures) - MAX_FAILURE_BLOCKS} more failure(s)."))
    if others:
        listed = "\n".join(f"• {run_line(r, zone)}" for r in others[:MAX_LISTED])
        more = f"\n… and {len(others) - MAX_LISTED} more" if len(others) > MAX_LISTED else ""
        blocks.append(_section(f"*Runs*\n{listed}{more}"))
    if dead:
        listed = "\n".join(
            f"• #{m.id} {m.channel} {m.kind} to {m.recipient}"
            + (f" ({m.order_code})" if m.order_code else "")
            + (f": {m.last_error[:120]}" if m.last_error else "")
            for m in dead[:MAX_LISTED]
        )
        blocks.append(_section(f"*Dead messages*\n{listed}"))
    if ended:
        listed = "\n".join(
            f"• subscription {s.id} of {s.customer_code}, ended {s.ended_on}"
            for s in ended[:MAX_LISTED]
        )
        blocks.append(_section(f"*Subscriptions ended*\n{listed}"))
    text_lines = [f"orderbot job digest: {summary}"]
    text_lines += [f"FAILED {run_line(r, zone)}" for r in failures]
    text_lines += [run_line(r, zone) for r in others]
    return {
        "text": "\n".join(text_lines),
        "blocks": blocks,
        "until": until.isoformat(),
        "runs": [_run_data(r) for r in ordered],
        "dead_messages": [
            {
                "id": m.id,
                "channel": str(m.channel),
                "kind": m.kind,
                "recipient": m.recipient,
                "order_code": m.order_code,
                "last_error": m.last_error,
            }
            for m in dead
        ],
        "ended_subscriptions": [
            {"id": s.id, "customer_code": s.customer_code, "ended_on": str(s.ended_on)}
            for s in ended
        ],
    }
