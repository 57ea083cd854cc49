"""What customers are sent: tracking links, the catalogue mail, and the outbox's
dead messages."""

from __future__ import annotations

from datetime import datetime

from domain.commands.base import Command, Query


class ViewAsCustomer(Command):
    """The order's tracking link as its customer gets it (may mint one: it writes)."""

    code: str


class RevokeTracking(Command):
    code: str


class SendCatalog(Command):
    """Mail a catalogue (`catalogue` None: the default one) to the customer."""

    customer: str
    catalogue: str | None = None


class ListDeadMessages(Query):
    limit: int = 20
    since: datetime | None = None
