"""Queries of printed documents: what a quote, confirmation, packing slip, invoice or
credit note shows (the door turns it into a PDF)."""

from __future__ import annotations

from typing import Annotated

from domain import bounds as b
from domain.commands.base import Query
from domain.printouts.printout import PrintKind


class PrintDocument(Query):
    """A document of one kind: of an order (`code` the order's; `shipment` the packing
    slip's shipment, the first when not given), or an invoice or credit note by its own
    code."""

    kind: PrintKind
    code: Annotated[str, b.Text("code", b.ORDER_CODE)]
    shipment: int | None = None
