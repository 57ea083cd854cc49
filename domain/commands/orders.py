"""Commands and queries of sales orders: lines, header, status, shipments, documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from domain.commands.base import Command, Query


class LineInput(BaseModel):
    """A product line as typed: price and discount default to the product's."""

    model_config = ConfigDict(frozen=True)
    product: str
    quantity: Decimal
    price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    remarks: str = ""


class OrderFields(Command):
    """Header fields shared by creating and changing an order; None means unchanged."""

    reference: str | None = None
    due_date: date | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    bill_to: str | None = None
    payment_terms: str | None = None
    delivery_method: str | None = None
    warehouse: str | None = None
    remarks: str | None = None
    discount_value: Decimal | None = None
    discount_is_percent: bool = True
    shipping_charges: Decimal | None = None
    adjustment: Decimal | None = None
    # a reference another order of the customer holds is refused unless this is set
    allow_duplicate_ref: bool = False


class CreateOrder(OrderFields):
    customer: str
    lines: tuple[LineInput, ...]
    code: str | None = None
    source: str = "console"
    confirm: bool = False
    parent_code: str | None = None
    relation: str | None = None
    subscription_id: int | None = None
    subscription_iteration: int | None = None


class SetOrderTerms(OrderFields):
    code: str


class AddLine(Command):
    code: str
    line: LineInput


class RemoveLine(Command):
    code: str
    product: str


class ConfirmOrder(Command):
    code: str


class CancelOrder(Command):
    code: str
    reason: str = ""


class CloseOrder(Command):
    code: str


class MarkShipmentReady(Command):
    code: str
    shipment: int | None = None


class ShipOrder(Command):
    code: str
    shipment: int | None = None
    carrier: str = ""
    tracking: str = ""


class DeliverOrder(Command):
    code: str
    shipment: int | None = None


class SplitShipment(Command):
    code: str
    product: str
    quantity: Decimal
    planned_date: date | None = None


class MergeOrders(Command):
    first: str
    second: str


class InvoiceOrder(Command):
    code: str
    lines: tuple[tuple[str, Decimal], ...] = ()


class CreateWorkOrders(Command):
    code: str
    scope: str


class CreateReturn(Command):
    code: str
    product: str
    quantity: Decimal
    reason: str = ""


class NotifyOrder(Command):
    code: str


class ShowOrder(Query):
    code: str


class ListOrders(Query):
    customer: str | None = None
    status: str | None = None
    limit: int = 50
