"""Commands and queries of customer service cases and their priorities."""

from __future__ import annotations

from typing import ClassVar

from domain.commands.base import Command, Query


class OpenCase(Command):
    customer: str
    priority: str
    title: str


class ListCases(Query):
    customer: str | None = None


class ShowCase(Query):
    case_id: int


class AddCaseNote(Command):
    case_id: int
    text: str


class SetCase(Command):
    """Give a case another priority or title (None: unchanged)."""

    case_id: int
    priority: str | None = None
    title: str | None = None


class CloseCase(Command):
    case_id: int


class ListCasePriorities(Query):
    pass


class NewCasePriority(Command):
    """A new priority, ranked after the others; managers only."""

    manager_only: ClassVar[bool] = True
    name: str
    alert: bool = False


class SetCasePriority(Command):
    """Mark a priority as raising alerts, or not; the open cases that have it follow."""

    manager_only: ClassVar[bool] = True
    name: str
    alert: bool
