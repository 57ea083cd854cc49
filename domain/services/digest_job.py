"""The digest job: one Slack message per schedule slot with what the jobs did since the last.

The outbox row's key names the slot (`digest:2026-11-23T08:00`, local wall time), so a
slot is posted once however often the job runs for it (a re-run, a second process, a
daylight-saving repeat); every run, dead message and ended subscription is reported in
exactly one digest (store's reported items, written in the same transaction). The row
holds the digest as data; the Slack sender draws it. Sending, and retrying while Slack
answers 429 or 500, is the outbox relay's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from domain.errors import ConcurrencyConflict
from domain.jobs.digest import make_digest
from domain.outbox.messages import Channel, OutboxMessage
from domain.services.job_runner import JobContext

MAX_ITEMS = 200


@dataclass
class DigestJob:
    """The work of the `digest` job, posting to `channel`."""

    channel: str
    zone: tzinfo

    def key(self, ctx: JobContext) -> str:
        """The outbox key: the schedule slot, or the run for a digest asked by hand."""
        if ctx.slot is None:
            return f"digest:run-{ctx.run_id}"
        return f"digest:{ctx.slot.astimezone(self.zone).strftime('%Y-%m-%dT%H:%M')}"

    def __call__(self, ctx: JobContext) -> None:
        """Queue the digest of everything not reported yet (nothing when the slot is done)."""
        key = self.key(ctx)
        try:
            with ctx.units(False) as uow:
                digests = uow.digests
                if digests.digest_exists(key):
                    return
                runs = [r for r in digests.unreported_runs(MAX_ITEMS) if r.id != ctx.run_id]
                dead = digests.unreported_dead_messages(MAX_ITEMS)
                ended = digests.unreported_ended_subscriptions(MAX_ITEMS)
                digest = make_digest(runs, dead, ended, ctx.now, self.zone)
                uow.outbox.add(
                    OutboxMessage(
                        channel=Channel.SLACK,
                        kind="digest",
                        recipient=self.channel,
                        created_at=ctx.now,
                        payload=digest.payload(),
                        key=key,
                    )
                )
                digests.mark_reported(key, "run", [r.id for r in runs if r.id is not None])
                digests.mark_reported(key, "outbox", [m.id for m in dead if m.id is not None])
                digests.mark_reported(key, "subscription", [s.id for s in ended])
                ctx.progress(uow, processed=len(runs) + len(dead) + len(ended))
                uow.commit()
        except ConcurrencyConflict:
            return  # another process posted this slot's digest first
