"""The jeopardy job: orders whose delivery is at risk are raised in their thread and in
the managers' digest, once per order per day, until they are not at risk any more.

Judging reads the threads' orders lean, in read-only units; what it raises is written
in short units that load no order (so no order's version moves): an idempotency key
`jeopardy:CODE:DAY` (a second run the same day, or a second process, raises nothing
again), the thread posts (the owner mentioned), and a note of the run per alert, which
the digest lists under the run. The notes are sentences kept as data, not English text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.jobs.notes import sentence_note
from domain.services.job_runner import JobContext, JobSkipped
from domain.texts import Text, _
from domain.threads.jeopardy import at_risk
from domain.threads.posts import thread_post
from domain.threads.thread import order_thread

BATCH = 200  # orders judged per unit of work


@dataclass
class JeopardyJob:
    """The work of the `jeopardy` job."""

    batch_size: int = BATCH

    def __call__(self, ctx: JobContext) -> None:
        """Raise today's alerts of every order with a thread."""
        if not ctx.policy.orders_channel:
            raise JobSkipped(_("SLACK_ORDERS_CHANNEL is not set: orders have no threads"))
        with ctx.units(True) as uow:
            codes = list(uow.threads.order_codes())
        for start in range(0, len(codes), self.batch_size):
            chunk = codes[start : start + self.batch_size]
            with ctx.units(True) as uow:
                risky: dict[str, list[Text]] = {}
                for code in chunk:
                    order = uow.orders.find(code)
                    reasons = at_risk(order, ctx.today) if order is not None else []
                    if reasons:
                        risky[code] = reasons
            self._raise(ctx, risky, len(chunk))

    def _raise(self, ctx: JobContext, risky: dict[str, list[Text]], judged: int) -> None:
        day = ctx.today.isoformat()
        with ctx.units(False) as uow:
            notes: list[str] = []
            for code, reasons in risky.items():
                key = f"jeopardy:{code}:{day}"
                thread = uow.threads.find(order_thread(code))
                if thread is None or uow.idempotency.get(key) is not None:
                    continue
                uow.idempotency.put(key, "raised")
                for reason in reasons:
                    uow.outbox.add(thread_post(thread, reason, ctx.now, mention=thread.owner))
                notes += _notes(reasons)
            ctx.progress(uow, processed=judged, notes=notes)
            uow.commit()


def _notes(reasons: Sequence[Text]) -> list[str]:
    """The run's notes: sentences kept as data (`domain.jobs.notes`), worded in each
    reader's language when the job log or the digest is read."""
    return [sentence_note(reason) for reason in reasons]
