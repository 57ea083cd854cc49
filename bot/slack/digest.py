"""The job-log digest as a Slack message: Block Kit blocks and the plain-text fallback.

Drawn by the Slack sender from the outbox row's data (`Digest.of_payload`) at send
time, so a retry posts the same message. Failures come first, each with a *Run again*
button that runs `jobs run JOB` with the clicker's rights, like every card button.
"""

from __future__ import annotations

from typing import Any

from bot.slack.cards import Block, button, section
from bot.slack.stock_digest import stock_blocks
from bot.views.job_counts import (
    counted,
    dead_messages,
    errors,
    failed_or_partial,
    orders_created,
    processed,
    runs_since,
    subscriptions_ended,
)
from bot.views.states import job_status_word
from domain.jobs.digest import Digest, DigestDeadMessage, DigestRun
from domain.jobs.notes import note_text
from l10n.formats import Formats
from l10n.translation import gettext, ngettext, render

MAX_FAILURE_BLOCKS = 20  # Slack allows 50 blocks per message
MAX_LISTED = 15


def title() -> str:
    """The digest's header."""
    return gettext("orderbot job digest")


def run_line(run: DigestRun, f: Formats) -> str:
    """One run as a digest line."""
    counts = [processed(run.processed, f), orders_created(run.orders_created, f)]
    if run.error_count:
        counts.append(errors(run.error_count, f))
    # Translators: a job run, its status and start, then its counts ("1 order created").
    return gettext(
        "{job} #{id} {status} at {at}: {counts}",
        job=run.job,
        id=run.id,
        status=job_status_word(run.status),
        at=f.datetime(run.started_at),
        counts=counted(*counts),
    )


def summary(digest: Digest, f: Formats) -> str:
    """The counts, one after the other."""
    return counted(
        runs_since(len(digest.runs), f),
        failed_or_partial(len(digest.failures), f),
        orders_created(digest.orders_created, f),
        dead_messages(len(digest.dead_messages), f),
        subscriptions_ended(len(digest.ended_subscriptions), f),
    )


def _failure_block(run: DigestRun, index: int, f: Formats) -> Block:
    first = f"\n> {render(note_text(run.errors[0]))[:200]}" if run.errors else ""
    block = section(f":x: *{run_line(run, f)}*{first}")
    block["accessory"] = button(gettext("Run again"), f"jobs run {run.job}", index, "danger")
    return block


def _notes(run: DigestRun) -> str:
    """The alerts a run raised (orders at risk), one line each under the run, in the
    language the digest is drawn in."""
    return "".join(f"\n    ◦ {render(note_text(note))[:200]}" for note in run.notes)


def _dead_line(m: DigestDeadMessage) -> str:
    said = gettext(
        "#{id} {channel} {kind} to {recipient}",
        id=m.id,
        channel=m.channel,
        kind=m.kind,
        recipient=m.recipient,
    )
    said += f" ({m.order_code})" if m.order_code else ""
    if not m.last_error:
        return f"• {said}"
    # Translators: a message that could not be sent, then the error that stopped it.
    return "• " + gettext("{message}: {error}", message=said, error=m.last_error[:120])


def digest_blocks(digest: Digest, f: Formats) -> list[Block]:
    """The digest's blocks: header, summary, failures, other runs, dead messages, ended."""
    failures, others = digest.failures, digest.others
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": title()}},
        section(summary(digest, f) + "\n" + gettext("Until {at}.", at=f.datetime(digest.until))),
    ]
    blocks += [_failure_block(r, i, f) for i, r in enumerate(failures[:MAX_FAILURE_BLOCKS])]
    if len(failures) > MAX_FAILURE_BLOCKS:
        hidden = len(failures) - MAX_FAILURE_BLOCKS
        said = ngettext(
            "… and {more} more failure.",
            "… and {more} more failures.",
            hidden,
            more=f.number(hidden),
        )
        blocks.append(section(said))
    if others:
        listed = "\n".join(f"• {run_line(r, f)}{_notes(r)}" for r in others[:MAX_LISTED])
        rest = len(others) - MAX_LISTED
        more = "\n" + gettext("… and {more} more", more=f.number(rest)) if rest > 0 else ""
        blocks.append(section(gettext("*Runs*") + f"\n{listed}{more}"))
    if digest.dead_messages:
        listed = "\n".join(_dead_line(m) for m in digest.dead_messages[:MAX_LISTED])
        blocks.append(section(gettext("*Dead messages*") + f"\n{listed}"))
    if digest.ended_subscriptions:
        listed = "\n".join(
            "• "
            + gettext(
                "subscription {id} of {customer}, ended {day}",
                id=s.id,
                customer=s.customer_code,
                day=f.date(s.ended_on) if s.ended_on else "-",
            )
            for s in digest.ended_subscriptions[:MAX_LISTED]
        )
        blocks.append(section(gettext("*Subscriptions ended*") + f"\n{listed}"))
    return blocks + stock_blocks(digest.stock, f)


def digest_text(digest: Digest, f: Formats) -> str:
    """The plain-text fallback (notifications, clients without blocks)."""
    # Translators: the digest's title, then its summary in a few words.
    lines = [gettext("{title}: {summary}", title=title(), summary=summary(digest, f))]
    lines += [gettext("FAILED {run}", run=run_line(r, f)) for r in digest.failures]
    lines += [run_line(r, f) + _notes(r) for r in digest.others]
    return "\n".join(lines)


def digest_message(payload: dict[str, Any], f: Formats) -> dict[str, Any]:
    """The chat.postMessage arguments (text, blocks) of a digest row's payload."""
    digest = Digest.of_payload(payload)
    return {"text": digest_text(digest, f), "blocks": digest_blocks(digest, f)}
