"""Customer service cases: their priority and active alert, their notes and their log.

A case is an active alert while it is open and its priority raises alerts
(`domain.cases.priorities`): giving it another priority adds or removes the alert, as
in Dynamics AX. Notes people write and the changes commands make are kept on the case
in one log (`CaseNote`), each with who wrote or made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain import bounds
from domain.cases.priorities import CasePriority
from domain.errors import InvalidTransition, ValidationFailed
from domain.events import CaseClosed, CaseOpened, EventRecorder
from domain.texts import Text, _

TITLE_MAX = bounds.CASE_TITLE
"""The longest title (the width of its column)."""


class CaseStatus(StrEnum):
    """Whether a case still needs work."""

    OPEN = "open"  # being worked on
    CLOSED = "closed"  # resolved


class EntryKind(StrEnum):
    """What a line of a case's log is."""

    NOTE = "note"  # written by someone
    CHANGE = "change"  # what a command changed


CASE_TRANSITIONS = {CaseStatus.OPEN: frozenset({CaseStatus.CLOSED}), CaseStatus.CLOSED: frozenset()}


@dataclass(eq=False)
class CaseNote:
    """A line of a case's log: a note, or a change, with who wrote or made it. A change
    keeps its `sentence`, said in each reader's language, beside its English `text`; a
    note is the author's own words, and a change written before sentences were kept has
    its English only (`said`)."""

    at: datetime
    author: str
    text: str
    kind: EntryKind = EntryKind.NOTE
    id: int | None = None
    sentence: Text | None = None

    @property
    def said(self) -> Text | str:
        """What the line says: its sentence, else its text."""
        return self.text if self.sentence is None else self.sentence


def _title(text: str) -> str:
    title = text.strip()
    if not title:
        raise ValidationFailed.field("title", _("a case needs a title"), "case.title_missing")
    if len(title) > TITLE_MAX:
        raise ValidationFailed.field(
            "title",
            _(
                "{length} characters is too long ({most} at most)",
                length=len(title),
                most=TITLE_MAX,
            ),
            "case.title_long",
        )
    return title


@dataclass(eq=False)
class Case(EventRecorder):
    """A customer service case; `alert` is its priority's mark when last given or changed."""

    customer_code: str
    title: str
    priority: str
    opened_at: datetime
    status: CaseStatus = CaseStatus.OPEN
    alert: bool = False
    closed_at: datetime | None = None
    notes: list[CaseNote] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def open(
        cls, customer_code: str, priority: CasePriority, title: str, now: datetime, actor: str = ""
    ) -> Case:
        """A new open case, an active alert when its priority raises alerts."""
        case = cls(
            customer_code=customer_code,
            title=_title(title),
            priority=priority.name,
            opened_at=now,
            alert=priority.alert,
        )
        opened = (
            _("opened with priority {priority} (alert)", priority=priority.name)
            if priority.alert
            else _("opened with priority {priority}", priority=priority.name)
        )
        case._log(opened, actor, now)
        return case

    def announce(self) -> None:
        """Record the opening once the case has its id."""
        assert self.id is not None
        self.record(CaseOpened(self.id, self.customer_code, str(self.priority)))

    @property
    def active_alert(self) -> bool:
        """An open case whose priority is an alert."""
        return self.alert and self.status == CaseStatus.OPEN

    def set_priority(self, priority: CasePriority, actor: str, now: datetime) -> Text | None:
        """Give the case another priority, and that priority's alert; what changed, as a
        sentence (None when nothing did)."""
        if priority.name == self.priority:
            return self.follow_priority(priority, actor, now)
        values = {"old": self.priority, "new": priority.name}
        self.priority = priority.name
        alerted = self._follow(priority.alert)
        if alerted is None:
            change = _("priority {old} -> {new}", **values)
        elif alerted:
            change = _("priority {old} -> {new} (now an active alert)", **values)
        else:
            change = _("priority {old} -> {new} (the alert is removed)", **values)
        self._log(change, actor, now)
        return change

    def follow_priority(self, priority: CasePriority, actor: str, now: datetime) -> Text | None:
        """A manager marked or unmarked this case's priority: the alert follows while
        the case is open; what changed, as a sentence (None when nothing did)."""
        if self.status != CaseStatus.OPEN or priority.alert == self.alert:
            return None
        self._follow(priority.alert)
        if priority.alert:
            change = _(
                "priority {name} now raises alerts (now an active alert)", name=priority.name
            )
        else:
            change = _(
                "priority {name} no longer raises alerts (the alert is removed)",
                name=priority.name,
            )
        self._log(change, actor, now)
        return change

    def _follow(self, alert: bool) -> bool | None:
        """Take the alert mark; whether the open case became or stopped being an alert
        (None when that did not change)."""
        was = self.alert
        self.alert = alert
        if self.status != CaseStatus.OPEN or was == alert:
            return None
        return alert

    def retitle(self, title: str, actor: str, now: datetime) -> Text | None:
        """A new title; what changed, as a sentence (None when nothing did)."""
        title = _title(title)
        if title == self.title:
            return None
        change = _("title {old} -> {new}", old=repr(self.title), new=repr(title))
        self.title = title
        self._log(change, actor, now)
        return change

    def add_note(self, text: str, actor: str, now: datetime) -> CaseNote:
        """A note on the case, by `actor`."""
        text = text.strip()
        if not text:
            raise ValidationFailed.field("text", _("the note is empty"), "case.note_empty")
        note = CaseNote(at=now, author=actor, text=text)
        self.notes.append(note)
        return note

    def close(self, now: datetime, actor: str = "") -> None:
        """Open -> closed."""
        if CaseStatus.CLOSED not in CASE_TRANSITIONS[self.status]:
            # Only a closed case has nowhere to go.
            raise InvalidTransition(
                "case.invalid_transition", _("Case {id} is already closed.", id=self.id)
            )
        self.status, self.closed_at = CaseStatus.CLOSED, now
        self._log(_("closed"), actor, now)
        self.record(CaseClosed(self.id or 0))

    def _log(self, change: Text, actor: str, now: datetime) -> None:
        self.notes.append(
            CaseNote(at=now, author=actor, text=str(change), kind=EntryKind.CHANGE, sentence=change)
        )
