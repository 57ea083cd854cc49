"""What can be told of a new order before it is made, without writing: whether its
customer and its lines' products exist and are still sold.

A door that can keep its form open (the Slack modal) asks this first, so the person
corrects what they typed instead of reading a refusal after the form has closed. The
look-ups are the order factory's own (the customers' repository, `OrderFactory.spec`),
and a code that does not exist gets the "did you mean" of every refusal
(domain.services.near_misses). The factory still decides when the order is made: a
check that passes promises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import commands as c
from domain.errors import NotFound, ValidationFailed
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.near_misses import suggested
from domain.services.orders import factory
from domain.texts import Text


@dataclass(frozen=True)
class LineProblem:
    """Why one typed line cannot make a line of the order."""

    number: int  # the line's place among those typed, from 1
    product: str  # as typed
    problem: Text


@dataclass(frozen=True)
class NewOrderCheck:
    """The problems found: the customer's (None when it exists) and the lines'."""

    customer: Text | None
    lines: tuple[LineProblem, ...]

    @property
    def passed(self) -> bool:
        """Whether nothing was found wrong."""
        return self.customer is None and not self.lines


def check_new_order(cmd: c.CheckNewOrder, uow: UnitOfWork, ctx: ServiceContext) -> NewOrderCheck:
    """Look up the customer and every line's product as creating the order would."""
    customer: Text | None = None
    try:
        uow.customers.get(cmd.customer)
    except NotFound as missing:
        customer = suggested(missing, uow).text
    makes = factory(uow, ctx, cmd.lines)
    problems: list[LineProblem] = []
    for number, line in enumerate(cmd.lines, start=1):
        try:
            makes.spec(line)
        except NotFound as missing:
            problems.append(LineProblem(number, line.product, suggested(missing, uow).text))
        except ValidationFailed as refusal:
            problems.append(LineProblem(number, line.product, refusal.text))
    return NewOrderCheck(customer, tuple(problems))
