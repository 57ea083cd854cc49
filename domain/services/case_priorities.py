"""Services of the case priorities: list them; managers add them and mark which raise alerts.

Marking or unmarking a priority moves the alert of every open case that has it, and
writes the change on each such case's log with the manager who made it.
"""

from __future__ import annotations

from domain import commands as c
from domain.cases.case import Case
from domain.cases.priorities import new_priority, pick
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import PrioritiesView
from domain.texts import Text, _, ngettext


def list_priorities(
    cmd: c.ListCasePriorities, uow: UnitOfWork, ctx: ServiceContext
) -> PrioritiesView:
    """Every priority, by rank, with its alert mark."""
    return PrioritiesView(tuple(uow.cases.priorities()))


def add_priority(cmd: c.NewCasePriority, uow: UnitOfWork, ctx: ServiceContext) -> PrioritiesView:
    """A new priority, ranked after the others."""
    priority = new_priority(uow.cases.priorities(), cmd.name, cmd.alert)
    uow.cases.add_priority(priority)
    note = (
        _("Priority {name} added; it raises an alert.", name=priority.name)
        if priority.alert
        else _("Priority {name} added; it raises no alert.", name=priority.name)
    )
    return PrioritiesView(tuple(uow.cases.priorities()), note)


def mark_priority(cmd: c.SetCasePriority, uow: UnitOfWork, ctx: ServiceContext) -> PrioritiesView:
    """A priority marked as raising alerts, or not; its open cases follow."""
    priorities = uow.cases.priorities()
    priority = pick(priorities, cmd.name, "name")
    if priority.alert == cmd.alert:
        already = (
            _("Priority {name} already raises alerts.", name=priority.name)
            if cmd.alert
            else _("Priority {name} already raises no alert.", name=priority.name)
        )
        return PrioritiesView(tuple(priorities), already)
    priority.alert = cmd.alert
    moved = [
        case
        for case in uow.cases.open_with_priority(priority.name)
        if case.follow_priority(priority, cmd.actor, ctx.now)
    ]
    return PrioritiesView(tuple(priorities), _marked(priority.name, cmd.alert, moved))


def _marked(name: str, alert: bool, moved: list[Case]) -> Text:
    """What marking a priority did, with the open cases that followed it."""
    if not moved:
        if alert:
            return _("Priority {name} now raises alerts.", name=name)
        return _("Priority {name} now raises no alert.", name=name)
    ids = ", ".join(f"#{case.id}" for case in moved)
    if alert:
        return ngettext(
            "Priority {name} now raises alerts. Its open case {ids} is now an active alert.",
            "Priority {name} now raises alerts. Its open cases {ids} are now active alerts.",
            len(moved),
            name=name,
            ids=ids,
        )
    return ngettext(
        "Priority {name} now raises no alert. Its open case {ids} is no longer an active alert.",
        "Priority {name} now raises no alert. Its open cases {ids} are no longer active alerts.",
        len(moved),
        name=name,
        ids=ids,
    )
