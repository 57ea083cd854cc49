"""Services of the case priorities: list them; managers add them and mark which raise alerts.

Marking or unmarking a priority moves the alert of every open case that has it, and
writes the change on each such case's log with the manager who made it.
"""

from __future__ import annotations

from domain import commands as c
from domain.cases.priorities import new_priority, pick
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import PrioritiesView


def list_priorities(
    cmd: c.ListCasePriorities, uow: UnitOfWork, ctx: ServiceContext
) -> PrioritiesView:
    """Every priority, by rank, with its alert mark."""
    return PrioritiesView(tuple(uow.cases.priorities()))


def add_priority(cmd: c.NewCasePriority, uow: UnitOfWork, ctx: ServiceContext) -> PrioritiesView:
    """A new priority, ranked after the others."""
    priority = new_priority(uow.cases.priorities(), cmd.name, cmd.alert)
    uow.cases.add_priority(priority)
    alert = "it raises an alert" if priority.alert else "it raises no alert"
    note = f"Priority {priority.name} added; {alert}."
    return PrioritiesView(tuple(uow.cases.priorities()), note)


def mark_priority(cmd: c.SetCasePriority, uow: UnitOfWork, ctx: ServiceContext) -> PrioritiesView:
    """A priority marked as raising alerts, or not; its open cases follow."""
    priorities = uow.cases.priorities()
    priority = pick(priorities, cmd.name, "name")
    does = "raises alerts" if cmd.alert else "raises no alert"
    if priority.alert == cmd.alert:
        return PrioritiesView(tuple(priorities), f"Priority {priority.name} already {does}.")
    priority.alert = cmd.alert
    moved = [
        case
        for case in uow.cases.open_with_priority(priority.name)
        if case.follow_priority(priority, cmd.actor, ctx.now)
    ]
    note = f"Priority {priority.name} now {does}."
    if moved:
        ids = ", ".join(f"#{case.id}" for case in moved)
        one = len(moved) == 1
        cases, are, alerts = (
            ("case", "is", "an active alert") if one else ("cases", "are", "active alerts")
        )
        note += f" Its open {cases} {ids} {are} {'now' if cmd.alert else 'no longer'} {alerts}."
    return PrioritiesView(tuple(priorities), note)
