"""Commands and queries of customer service cases and their priorities."""

from __future__ import annotations

from typing import Annotated, ClassVar

from domain import bounds as b
from domain.bounds import CustomerCode
from domain.commands.base import Command, Query


class OpenCase(Command):
    customer: CustomerCode
    priority: str
    title: str


class ListCases(Query):
    customer: str | None = None


class ShowCase(Query):
    case_id: int


class AddCaseNote(Command):
    case_id: int
    text: Annotated[str, b.Text("note", b.NOTE)]


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
