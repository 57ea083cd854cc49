"""Commands that email a document to the customer: an order's quote or confirmation, an
invoice."""

from __future__ import annotations

from typing import Annotated, Literal

from domain import bounds as b
from domain.bounds import OrderCode
from domain.commands.base import Command

Recipient = Annotated[str, b.Text("to", b.EMAIL)]


class SendOrderDocument(Command):
    """Mail an order's quote (a draft) or confirmation to the customer's default contact,
    or to `to`."""

    code: OrderCode
    kind: Literal["quote", "confirmation"]
    to: Recipient | None = None


class SendInvoice(Command):
    """Mail an invoice to the customer's default contact, or to `to`."""

    code: Annotated[str, b.Text("code", b.ORDER_CODE)]
    to: Recipient | None = None
