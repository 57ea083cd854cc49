"""The job-log digest as a Slack message: Block Kit blocks and the plain-text fallback.

Drawn by the Slack sender from the outbox row's data (`Digest.of_payload`) at send
time, so a retry posts the same message. Failures come first, each with a *Run again*
button that runs `jobs run JOB` with the clicker's rights, like every card button.
"""

from __future__ import annotations

from typing import Any

from bot.slack.cards import Block, button, section
from bot.slack.stock_digest import stock_blocks
from domain.jobs.digest import Digest, DigestDeadMessage, DigestRun
from domain.jobs.notes import note_text
from l10n.formats import Formats
from l10n.translation import render

MAX_FAILURE_BLOCKS = 20  # Slack allows 50 blocks per message
MAX_LISTED = 15
TITLE = "orderbot job digest"


def run_line(run: DigestRun, f: Formats) -> str:
    """One run as a digest line."""
    return (
        f"{run.job} #{run.id} {run.status} at {f.datetime(run.started_at)}: "
        f"{f.number(run.processed)} processed, {f.number(run.orders_created)} order(s) created"
        + (f", {f.number(run.error_count)} error(s)" if run.error_count else "")
    )


def summary(digest: Digest, f: Formats) -> str:
    """The counts in one sentence."""
    return (
        f"{f.number(len(digest.runs))} run(s) since the last digest: "
        f"{f.number(len(digest.failures))} failed or partial, "
        f"{f.number(digest.orders_created)} order(s) created; "
        f"{f.number(len(digest.dead_messages))} dead message(s); "
        f"{f.number(len(digest.ended_subscriptions))} subscription(s) ended."
    )


def _failure_block(run: DigestRun, index: int, f: Formats) -> Block:
    first = f"\n> {run.errors[0][:200]}" if run.errors else ""
    block = section(f":x: *{run_line(run, f)}*{first}")
    block["accessory"] = button("Run again", f"jobs run {run.job}", index, "danger")
    return block


def _notes(run: DigestRun) -> str:
    """The alerts a run raised (orders at risk), one line each under the run, in the
    language the digest is drawn in."""
    return "".join(f"\n    ◦ {render(note_text(note))[:200]}" for note in run.notes)


def _dead_line(m: DigestDeadMessage) -> str:
    return (
        f"• #{m.id} {m.channel} {m.kind} to {m.recipient}"
        + (f" ({m.order_code})" if m.order_code else "")
        + (f": {m.last_error[:120]}" if m.last_error else "")
    )


def digest_blocks(digest: Digest, f: Formats) -> list[Block]:
    """The digest's blocks: header, summary, failures, other runs, dead messages, ended."""
    failures, others = digest.failures, digest.others
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": TITLE}},
        section(f"{summary(digest, f)}\nUntil {f.datetime(digest.until)}."),
    ]
    blocks += [_failure_block(r, i, f) for i, r in enumerate(failures[:MAX_FAILURE_BLOCKS])]
    if len(failures) > MAX_FAILURE_BLOCKS:
        more = f.number(len(failures) - MAX_FAILURE_BLOCKS)
        blocks.append(section(f"… and {more} more failure(s)."))
    if others:
        listed = "\n".join(f"• {run_line(r, f)}{_notes(r)}" for r in others[:MAX_LISTED])
        rest = len(others) - MAX_LISTED
        more = f"\n… and {f.number(rest)} more" if rest > 0 else ""
        blocks.append(section(f"*Runs*\n{listed}{more}"))
    if digest.dead_messages:
        listed = "\n".join(_dead_line(m) for m in digest.dead_messages[:MAX_LISTED])
        blocks.append(section(f"*Dead messages*\n{listed}"))
    if digest.ended_subscriptions:
        listed = "\n".join(
            f"• subscription {s.id} of {s.customer_code}, ended "
            + (f.date(s.ended_on) if s.ended_on else "-")
            for s in digest.ended_subscriptions[:MAX_LISTED]
        )
        blocks.append(section(f"*Subscriptions ended*\n{listed}"))
    return blocks + stock_blocks(digest.stock, f)


def digest_text(digest: Digest, f: Formats) -> str:
    """The plain-text fallback (notifications, clients without blocks)."""
    lines = [f"{TITLE}: {summary(digest, f)}"]
    lines += [f"FAILED {run_line(r, f)}" for r in digest.failures]
    lines += [run_line(r, f) + _notes(r) for r in digest.others]
    return "\n".join(lines)


def digest_message(payload: dict[str, Any], f: Formats) -> dict[str, Any]:
    """The chat.postMessage arguments (text, blocks) of a digest row's payload."""
    digest = Digest.of_payload(payload)
    return {"text": digest_text(digest, f), "blocks": digest_blocks(digest, f)}
