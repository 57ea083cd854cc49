"""The digest job: one Slack message per schedule slot with what the jobs did since the last.

The outbox row's key names the slot (`digest:2026-11-23T08:00`, local wall time), so a
slot is posted once however often the job runs for it (a re-run, a second process, a
daylight-saving repeat); every run, dead message, ended subscription and order line that
became available is reported in exactly one digest; products low in stock are listed in
every digest while they are low (store's reported items, written in the same transaction). The row
holds the digest as data; the Slack sender draws it. Sending, and retrying while Slack
answers 429 or 500, is the outbox relay's work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from domain.errors import ConcurrencyConflict
from domain.jobs.digest import make_digest
from domain.outbox.messages import Channel, OutboxMessage
from domain.services.job_runner import JobContext
from domain.stock.digest import make_stock_digest
from domain.stock.levels import Reservation

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
                became = uow.stock.became_available(MAX_ITEMS)
                stock = make_stock_digest(
                    ctx.policy.stock.low_threshold,
                    uow.stock.below(ctx.policy.stock.low_threshold),
                    became,
                    _by_order(uow.stock.reservations_for(sorted({r.order_code for r in became}))),
                )
                digest = make_digest(runs, dead, ended, ctx.now, self.zone, stock)
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
                digests.mark_reported(key, "available", [r.id for r in became if r.id])
                ctx.progress(uow, processed=len(runs) + len(dead) + len(ended))
                uow.commit()
        except ConcurrencyConflict:
            return  # another process posted this slot's digest first


def _by_order(rows: Sequence[Reservation]) -> dict[str, list[Reservation]]:
    found: dict[str, list[Reservation]] = {}
    for row in rows:
        found.setdefault(row.order_code, []).append(row)
    return found
