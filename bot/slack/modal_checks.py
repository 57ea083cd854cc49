"""The `/order new` modal's quick check before it closes: the customer and the lines'
products looked up (domain.services.order_checks), and what was not found said under its
field, so the rep corrects what they typed instead of typing it again.

Slack keeps a modal open only when the submission is answered with its field errors
within 3 seconds; a check slower than `CHECK_BUDGET` is given up and the modal closes,
the order factory deciding as it always does.
"""

from __future__ import annotations

from domain import commands as c
from domain.services.order_checks import NewOrderCheck
from l10n.translation import gettext, render

CHECK_BUDGET = 2.0  # seconds: Slack drops a view_submission's answer after 3


def check_of(command: c.CreateOrder) -> c.CheckNewOrder:
    """The check of the order a submission asks for, by the same door's actor."""
    return c.CheckNewOrder(
        customer=command.customer,
        lines=command.lines,
        actor=command.actor,
        actor_name=command.actor_name,
        actor_door=command.actor_door,
        manager=command.manager,
    )


def field_errors(check: NewOrderCheck) -> dict[str, str]:
    """The modal's errors by block id, in the current language (none when it passed)."""
    errors: dict[str, str] = {}
    if check.customer is not None:
        errors["customer"] = render(check.customer)
    if check.lines:
        errors["lines"] = "\n".join(
            gettext("Line {number}: {problem}", number=line.number, problem=render(line.problem))
            for line in check.lines
        )
    return errors
