"""Case priorities as data: each company names its own and says which raise an alert.

As in Dynamics AX, a priority is a name and an "active alert" mark. A new database has
low, medium, high and critical, the last two marked; managers mark, unmark and add
priorities (`/case priority ...`). A case takes its alert from its priority when the
priority is given, and again whenever a manager changes that priority's mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain import bounds
from domain.errors import ValidationFailed
from domain.text_values import Count
from domain.texts import _

DEFAULT_PRIORITIES: tuple[tuple[str, bool], ...] = (
    ("low", False),
    ("medium", False),
    ("high", True),
    ("critical", True),
)
"""(name, raises an alert) of a new database, in rank order (the migration writes them)."""
NAME_MAX = bounds.PRIORITY
"""The longest priority name (the width of the cases' priority column)."""
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(eq=False)
class CasePriority:
    """A priority cases can have; `rank` orders them, most urgent last."""

    name: str
    alert: bool = False
    rank: int = 0
    id: int | None = None

    @property
    def label(self) -> str:
        """The name with its mark, as lists show it."""
        return f"{self.name} (alert)" if self.alert else self.name


def priority_name(text: str) -> str:
    """A priority's name in lower case: one word of letters, digits, `-` or `_`."""
    name = text.strip().lower()
    if not name:
        raise ValidationFailed.field("name", _("a priority needs a name"), "priority.name_missing")
    if len(name) > NAME_MAX:
        raise ValidationFailed.field(
            "name",
            _(
                "{text} is too long ({most} characters at most)",
                text=repr(text),
                most=Count(NAME_MAX),
            ),
            "priority.name_long",
        )
    if not _NAME.fullmatch(name):
        raise ValidationFailed.field(
            "name",
            _(
                "{text} is not one word of letters, digits, - or _ (such as urgent)",
                text=repr(text),
            ),
            "priority.name_invalid",
        )
    return name


def pick(priorities: Sequence[CasePriority], text: str, field: str = "priority") -> CasePriority:
    """The priority named `text` (any case); refused with the names there are."""
    wanted = text.strip().lower()
    for priority in priorities:
        if priority.name == wanted:
            return priority
    names = ", ".join(p.name for p in priorities)
    problem = (
        _("{text} is not a priority; use {names}", text=repr(text), names=names)
        if names
        else _("{text} is not a priority; use none yet", text=repr(text))
    )
    raise ValidationFailed.field(field, problem, "case.priority_invalid")


def new_priority(priorities: Sequence[CasePriority], name: str, alert: bool) -> CasePriority:
    """A priority ranked after the others; refused when the name is taken."""
    name = priority_name(name)
    if any(p.name == name for p in priorities):
        raise ValidationFailed.field(
            "name", _("there is a priority {name} already", name=name), "priority.name_taken"
        )
    rank = max((p.rank for p in priorities), default=0) + 1
    return CasePriority(name=name, alert=alert, rank=rank)
