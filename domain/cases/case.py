"""Customer service cases, their priorities and active alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.errors import InvalidTransition, ValidationFailed
from domain.events import CaseClosed, CaseOpened, EventRecorder


class Priority(StrEnum):
    """How urgent a case is."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class CaseStatus(StrEnum):
    """Whether a case still needs work."""

    OPEN = "open"  # being worked on
    CLOSED = "closed"  # resolved


CASE_TRANSITIONS = {CaseStatus.OPEN: frozenset({CaseStatus.CLOSED}), CaseStatus.CLOSED: frozenset()}
ALERT_PRIORITIES = frozenset({Priority.HIGH, Priority.CRITICAL})


def parse_priority(text: str) -> Priority:
    """A priority from its name; ValidationFailed listing the names otherwise."""
    try:
        return Priority(text.strip().lower())
    except ValueError:
        names = ", ".join(p.value for p in Priority)
        raise ValidationFailed.field(
            "priority", f"{text!r} is not a priority; use {names}", "case.priority_invalid"
        ) from None


@dataclass(eq=False)
class Case(EventRecorder):
    """A customer service case; `alert` is set when its priority is an alert priority."""

    customer_code: str
    title: str
    priority: Priority
    opened_at: datetime
    status: CaseStatus = CaseStatus.OPEN
    alert: bool = False
    closed_at: datetime | None = None
    id: int | None = None

    @classmethod
    def open(
        cls,
        customer_code: str,
        priority: Priority,
        title: str,
        now: datetime,
        alert_priorities: frozenset[Priority] = ALERT_PRIORITIES,
    ) -> Case:
        """A new open case."""
        title = title.strip()
        if not title:
            raise ValidationFailed.field("title", "a case needs a title", "case.title_missing")
        return cls(
            customer_code=customer_code,
            title=title,
            priority=priority,
            opened_at=now,
            alert=priority in alert_priorities,
        )

    def announce(self) -> None:
        """Record the opening once the case has its id."""
        assert self.id is not None
        self.record(CaseOpened(self.id, self.customer_code, str(self.priority)))

    @property
    def active_alert(self) -> bool:
        """An open case whose priority is an alert."""
        return self.alert and self.status == CaseStatus.OPEN

    def close(self, now: datetime) -> None:
        """Open -> closed."""
        if CaseStatus.CLOSED not in CASE_TRANSITIONS[self.status]:
            raise InvalidTransition(
                "case.invalid_transition", f"Case {self.id} is already {self.status}."
            )
        self.status, self.closed_at = CaseStatus.CLOSED, now
        self.record(CaseClosed(self.id or 0))
