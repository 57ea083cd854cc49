"""Commands and queries of subscriptions (recurring orders)."""

from __future__ import annotations

from datetime import date

from domain.bounds import CustomerCode, ProductCode, Quantity
from domain.commands.base import Command, Query


class CreateSubscription(Command):
    customer: CustomerCode
    lines: tuple[tuple[ProductCode, Quantity], ...]
    frequency: str
    start_date: date
    end_date: date | None = None
    catch_up: str = "all"


class ListSubscriptions(Query):
    customer: str | None = None


class PauseSubscription(Command):
    subscription_id: int


class ResumeSubscription(Command):
    subscription_id: int


class EndSubscription(Command):
    subscription_id: int
