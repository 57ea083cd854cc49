"""Commands and queries of customer service cases."""

from __future__ import annotations

from domain.commands.base import Command, Query


class OpenCase(Command):
    customer: str
    priority: str
    title: str


class ListCases(Query):
    customer: str | None = None


class CloseCase(Command):
    case_id: int
