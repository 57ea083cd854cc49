"""Commands and queries of stock: goods received and adjusted, supply on its way, what is
on hand, and warehouses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar

from domain import bounds as b
from domain.bounds import ProductCode, Quantity
from domain.commands.base import Command, Query

WarehouseCode = Annotated[str, b.Text("warehouse", b.TERMS)]
Reference = Annotated[str, b.Text("ref", b.REFERENCE)]


class ReceiveStock(Command):
    """Goods came in: `quantity` more on hand (in the default warehouse unless named)."""

    product: ProductCode
    quantity: Quantity
    warehouse: WarehouseCode = ""
    reference: Reference = ""


class AdjustStock(Command):
    """A manager corrects what is on hand by `quantity` (signed), saying why."""

    manager_only: ClassVar[bool] = True
    product: ProductCode
    quantity: Annotated[Decimal, b.Number("quantity", b.QUANTITY)]
    reason: Annotated[str, b.Text("reason", b.REMARKS)]
    warehouse: WarehouseCode = ""


class AddIncoming(Command):
    """Supply expected on a day (a purchase order's delivery)."""

    product: ProductCode
    quantity: Quantity
    expected: date
    warehouse: WarehouseCode = ""
    reference: Reference = ""


class CreateWarehouse(Command):
    manager_only: ClassVar[bool] = True
    code: WarehouseCode
    name: Annotated[str, b.Text("name", b.NAME)] = ""


class SplitBackorders(Command):
    """Move what a confirmed order's stock does not cover to one new shipment, planned
    for the day supply is expected to cover it all."""

    code: Annotated[str, b.Text("order", b.ORDER_CODE)]


class ShowStock(Query):
    product: str


class ListStock(Query):
    below: Decimal | None = None
