"""The header fields of a mailed order, as the orders made of the mail take them.

Owns the PO, delivery address and dates a mail's words name (its text and subject,
`domain.inbox.ordertext`) made ready for its orders: the delivery address looked up
among the customer's addresses (an unknown one is told, and the default address used),
and handed to the orders read from the mail's attached spreadsheets wherever a sheet
leaves them empty. A PO names one order, so it goes to one order only: the order of the
mail's text when it has one, else the first sheet order without a reference of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import commands as c
from domain.customers.customer import Customer
from domain.errors import DomainError
from domain.inbox.reply import Problem
from domain.orders.textparse import ParsedOrder
from domain.texts import _


@dataclass
class MailHeaders:
    """The mail's header fields still to hand out; the PO is handed out once."""

    po: str | None = None
    ship_to: str | None = None  # a delivery address code of the customer
    requested_date: date | None = None
    due_date: date | None = None

    def fill(self, cmd: c.CreateOrder) -> c.CreateOrder:
        """`cmd` (a sheet's order) with the fields its sheet left empty taken from the mail."""
        update: dict[str, Any] = {}
        if cmd.reference is None and self.po is not None:
            update["reference"], self.po = self.po, None
        for name in ("ship_to", "requested_date", "due_date"):
            if getattr(cmd, name) is None and getattr(self, name) is not None:
                update[name] = getattr(self, name)
        return cmd.model_copy(update=update) if update else cmd


def mail_headers(customer: Customer, parsed: ParsedOrder, problems: list[Problem]) -> MailHeaders:
    """The header fields of `parsed` for `customer`'s orders; an unknown delivery address
    is added to `problems` and left out, so the default address is used."""
    ship_to = parsed.ship_to
    if ship_to is not None:
        try:
            ship_to = customer.address(ship_to).code
        except DomainError:
            known = ", ".join(a.code for a in customer.addresses)
            reason = (
                _("unknown delivery address (known: {known}); the default address is used",
                  known=known)
                if known
                else _("unknown delivery address (known: none); the default address is used")
            )  # fmt: skip
            shown = _("Ship to: {address}", address=parsed.ship_to)
            problems.append(Problem("yellow", shown, reason))
            ship_to = None
    return MailHeaders(parsed.po, ship_to, parsed.requested_date, parsed.due_date)
