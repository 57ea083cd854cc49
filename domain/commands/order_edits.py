"""Commands that change an order's lines and shipments after they were made: a line's
quantity, price and discount; quantities moved between shipments; two shipments
combined; a shipment rescheduled (see domain.orders.line_edits, shipment_edits)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from domain import bounds as b
from domain.bounds import OrderCode, Percent, Price, Quantity
from domain.commands.base import Command

LineRef = Annotated[str, b.Text("line", b.PRODUCT_CODE)]
"""A line as typed: its number as `order show` lists it, or its product's code."""


class ChangeLine(Command):
    """Change a line's quantity, price or discount; None leaves a value as it is."""

    code: OrderCode
    line: LineRef
    quantity: Quantity | None = None
    price: Price | None = None
    discount_percent: Percent | None = None
    # An amount off the line instead of a percent (`discount:2.50`); a line has one kind.
    discount_amount: Annotated[Decimal, b.Number("discount", b.AMOUNT)] | None = None


class MoveQuantity(Command):
    """Move a quantity of a line from one pending shipment to another."""

    code: OrderCode
    line: LineRef
    quantity: Quantity
    from_shipment: int
    to_shipment: int


class CombineShipments(Command):
    """Empty one pending shipment into another; the emptied one is cancelled."""

    code: OrderCode
    from_shipment: int
    to_shipment: int


class PlanShipment(Command):
    """Reschedule a shipment still in the warehouse."""

    code: OrderCode
    shipment: int
    planned_date: date
