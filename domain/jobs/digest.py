"""The job-log digest for managers: what it says, as data.

Pure: `make_digest` turns the runs since the last digest, the dead outbox messages and
the subscriptions that ended into a `Digest`: failed and partial runs first, then the
others, each item with the facts a reader needs, times in the digest's zone. Its
`payload()` is the outbox row's payload (channel slack, kind "digest") and
`Digest.of_payload` reads it back, so the Slack edge draws the same message on every
attempt; how it looks (Block Kit, the fallback text) is the edge's business.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from domain.jobs.log import JobRun, JobStatus
from domain.jobs.notes import note_data, note_of
from domain.jobs.ports import EndedSubscription
from domain.outbox.messages import OutboxMessage
from domain.stock.digest import StockDigest

_ORDER = {
    JobStatus.FAILED: 0,
    JobStatus.PARTIAL: 1,
    JobStatus.SKIPPED: 2,
    JobStatus.RUNNING: 3,
    JobStatus.SUCCEEDED: 4,
}
_FAILED = (str(JobStatus.FAILED), str(JobStatus.PARTIAL))
MAX_ERRORS = 3  # the first errors of a run; the job log keeps them all
# Jobs whose notes are alerts for managers (the jeopardy job's orders at risk): the
# digest lists them under the run; other jobs' notes stay in the job log.
ALERTING_JOBS = frozenset({"jeopardy"})


@dataclass(frozen=True)
class DigestRun:
    """One job run as the digest reports it."""

    id: int | None
    job: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    processed: int
    orders_created: int
    error_count: int
    errors: tuple[str, ...]  # sentences among them are `Note`s, kept in the payload as data
    triggered_by: str
    # alerts to list under the run (ALERTING_JOBS); sentences among them are `Note`s,
    # kept in the payload as data and worded by the edge in its reader's language
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """Failed or partial: listed first, with a way to run the job again."""
        return self.status in _FAILED


@dataclass(frozen=True)
class DigestDeadMessage:
    """An outbox message that will not be sent."""

    id: int | None
    channel: str
    kind: str
    recipient: str
    order_code: str | None
    last_error: str


@dataclass(frozen=True)
class DigestEndedSubscription:
    """A subscription that ended."""

    id: int
    customer_code: str
    ended_on: date | None


@dataclass(frozen=True)
class Digest:
    """What one digest tells: runs (failures first), dead messages, ended subscriptions."""

    until: datetime
    runs: tuple[DigestRun, ...]
    dead_messages: tuple[DigestDeadMessage, ...]
    ended_subscriptions: tuple[DigestEndedSubscription, ...]
    stock: StockDigest = field(default_factory=StockDigest)

    @property
    def failures(self) -> tuple[DigestRun, ...]:
        """The failed and partial runs."""
        return tuple(r for r in self.runs if r.failed)

    @property
    def others(self) -> tuple[DigestRun, ...]:
        """The runs that did not fail."""
        return tuple(r for r in self.runs if not r.failed)

    @property
    def orders_created(self) -> int:
        """Orders the reported runs created, together."""
        return sum(r.orders_created for r in self.runs)

    def payload(self) -> dict[str, Any]:
        """The outbox payload: JSON values only (times as ISO text with their offset)."""
        return {
            "until": self.until.isoformat(),
            "runs": [
                {
                    "id": r.id,
                    "job": r.job,
                    "status": r.status,
                    "started_at": r.started_at.isoformat(),
                    "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                    "processed": r.processed,
                    "orders_created": r.orders_created,
                    "error_count": r.error_count,
                    "errors": [note_data(e) for e in r.errors],
                    "triggered_by": r.triggered_by,
                    "notes": [note_data(n) for n in r.notes],
                }
                for r in self.runs
            ],
            "dead_messages": [
                {
                    "id": m.id,
                    "channel": m.channel,
                    "kind": m.kind,
                    "recipient": m.recipient,
                    "order_code": m.order_code,
                    "last_error": m.last_error,
                }
                for m in self.dead_messages
            ],
            "ended_subscriptions": [
                {
                    "id": s.id,
                    "customer_code": s.customer_code,
                    "ended_on": s.ended_on.isoformat() if s.ended_on else None,
                }
                for s in self.ended_subscriptions
            ],
            "stock": self.stock.payload(),
        }

    @classmethod
    def of_payload(cls, payload: Mapping[str, Any]) -> Digest:
        """The digest an outbox payload holds; KeyError or ValueError when it holds none."""
        return cls(
            until=datetime.fromisoformat(payload["until"]),
            runs=tuple(_run_of(r) for r in payload.get("runs") or ()),
            dead_messages=tuple(
                DigestDeadMessage(
                    m.get("id"),
                    str(m.get("channel", "")),
                    str(m.get("kind", "")),
                    str(m.get("recipient", "")),
                    m.get("order_code"),
                    str(m.get("last_error") or ""),
                )
                for m in payload.get("dead_messages") or ()
            ),
            ended_subscriptions=tuple(
                DigestEndedSubscription(
                    int(s["id"]),
                    str(s.get("customer_code", "")),
                    _day(s.get("ended_on")),
                )
                for s in payload.get("ended_subscriptions") or ()
            ),
            stock=StockDigest.of_payload(payload.get("stock") or {}),
        )


def _day(value: object) -> date | None:
    # Rows of earlier versions wrote `str(None)` for a subscription without an end date.
    return date.fromisoformat(value) if isinstance(value, str) and value != "None" else None


def _run_of(data: Mapping[str, Any]) -> DigestRun:
    finished = data.get("finished_at")
    return DigestRun(
        id=data.get("id"),
        job=str(data["job"]),
        status=str(data["status"]),
        started_at=datetime.fromisoformat(data["started_at"]),
        finished_at=datetime.fromisoformat(finished) if finished else None,
        processed=int(data.get("processed", 0)),
        orders_created=int(data.get("orders_created", 0)),
        error_count=int(data.get("error_count", 0)),
        errors=tuple(note_of(e) for e in data.get("errors") or ()),
        triggered_by=str(data.get("triggered_by", "")),
        notes=tuple(note_of(n) for n in data.get("notes") or ()),
    )


def make_digest(
    runs: Sequence[JobRun],
    dead: Sequence[OutboxMessage],
    ended: Sequence[EndedSubscription],
    until: datetime,
    zone: tzinfo,
    stock: StockDigest | None = None,
) -> Digest:
    """The digest of these items, failures first, times in `zone`."""
    ordered = sorted(runs, key=lambda r: (_ORDER.get(r.status, 9), r.started_at, r.id or 0))
    return Digest(
        until=until.astimezone(zone),
        runs=tuple(
            DigestRun(
                id=r.id,
                job=r.job_name,
                status=str(r.status),
                started_at=r.started_at.astimezone(zone),
                finished_at=r.finished_at.astimezone(zone) if r.finished_at else None,
                processed=r.processed,
                orders_created=r.orders_created,
                error_count=r.error_count,
                errors=tuple(r.errors[:MAX_ERRORS]),
                triggered_by=r.triggered_by,
                notes=tuple(r.notes) if r.job_name in ALERTING_JOBS else (),
            )
            for r in ordered
        ),
        dead_messages=tuple(
            DigestDeadMessage(m.id, str(m.channel), m.kind, m.recipient, m.order_code, m.last_error)
            for m in dead
        ),
        ended_subscriptions=tuple(
            DigestEndedSubscription(s.id, s.customer_code, s.ended_on) for s in ended
        ),
        stock=stock or StockDigest(),
    )
