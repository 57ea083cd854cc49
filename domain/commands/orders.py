"""Commands and queries of sales orders: lines, header, status, shipments, documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from domain import bounds as b
from domain.bounds import CustomerCode, OrderCode, Percent, Price, ProductCode, Quantity, Remarks
from domain.commands.base import Command, Query
from domain.numbering import typed_order_code

PAGE = 20
"""Orders on one page of a list (what the lists' words mean: domain.orders.listing)."""

Reference = Annotated[str, b.Text("reference", b.REFERENCE)]
AddressCode = Annotated[str, b.Text("address", b.ADDRESS_CODE)]
Reason = Annotated[str, b.Text("reason", b.REMARKS)]
TypedOrderCode = Annotated[str, AfterValidator(typed_order_code)]


class LineInput(BaseModel):
    """A product line as typed: price and discount default to the product's."""

    model_config = ConfigDict(frozen=True)
    product: ProductCode
    quantity: Quantity
    price: Price | None = None
    discount_percent: Percent = Decimal(0)
    # an amount off the line (not per unit); a line has a percent or an amount
    discount_amount: Annotated[Decimal, b.Number("discount", b.AMOUNT)] = Decimal(0)
    remarks: Remarks = ""


class OrderFields(Command):
    """Header fields shared by creating and changing an order; None means unchanged."""

    reference: Reference | None = None
    due_date: date | None = None
    requested_date: date | None = None
    ship_to: AddressCode | None = None
    bill_to: AddressCode | None = None
    payment_terms: Annotated[str, b.Text("payment terms", b.TERMS)] | None = None
    delivery_method: Annotated[str, b.Text("delivery method", b.TERMS)] | None = None
    warehouse: Annotated[str, b.Text("warehouse", b.TERMS)] | None = None
    remarks: Remarks | None = None
    discount_value: Annotated[Decimal, b.Number("discount", b.AMOUNT)] | None = None
    discount_is_percent: bool = True
    shipping_charges: Annotated[Decimal, b.Number("shipping", b.AMOUNT)] | None = None
    adjustment: Annotated[Decimal, b.Number("adjustment", b.AMOUNT)] | None = None
    # the order discount taken after tax (True) or before (False); None: the setting's
    discount_after_tax: bool | None = None
    # a reference another order of the customer holds is refused unless this is set
    allow_duplicate_ref: bool = False

    @model_validator(mode="after")
    def _percent_discount(self) -> OrderFields:
        # An order discount given as a percent is a percentage, not an amount.
        if self.discount_is_percent and self.discount_value is not None:
            b.check_number("discount", self.discount_value, b.PERCENT)
        return self


class CreateOrder(OrderFields):
    customer: CustomerCode
    lines: tuple[LineInput, ...]
    code: TypedOrderCode | None = None  # typed by hand; else the next number
    source: str = "console"
    confirm: bool = False
    parent_code: str | None = None
    relation: str | None = None
    subscription_id: int | None = None
    subscription_iteration: int | None = None


class SetOrderTerms(OrderFields):
    code: OrderCode


class AddLine(Command):
    code: OrderCode
    line: LineInput


class RemoveLine(Command):
    code: OrderCode
    product: ProductCode


class ConfirmOrder(Command):
    code: OrderCode


class CancelOrder(Command):
    code: OrderCode
    reason: Reason = ""


class CloseOrder(Command):
    code: OrderCode


class MarkShipmentReady(Command):
    code: OrderCode
    shipment: int | None = None


class ShipOrder(Command):
    code: OrderCode
    shipment: int | None = None
    carrier: Annotated[str, b.Text("carrier", b.TERMS)] = ""
    tracking: Annotated[str, b.Text("tracking", b.TERMS)] = ""


class DeliverOrder(Command):
    code: OrderCode
    shipment: int | None = None


class SplitShipment(Command):
    code: OrderCode
    product: ProductCode
    quantity: Quantity
    planned_date: date | None = None


class MergeOrders(Command):
    first: OrderCode
    second: OrderCode


class InvoiceOrder(Command):
    code: OrderCode
    lines: tuple[tuple[ProductCode, Quantity], ...] = ()


class CreateWorkOrders(Command):
    code: OrderCode
    scope: str


class CreateReturn(Command):
    code: OrderCode
    product: ProductCode
    quantity: Quantity
    reason: Reason = ""


class NotifyOrder(Command):
    code: OrderCode


class ShowOrder(Query):
    code: OrderCode


class OrderListing(Query):
    """Which orders a list takes (see domain.orders.listing for what the words mean)."""

    customer: str | None = None
    status: str | None = None
    to_ship: bool = False
    to_invoice: bool = False
    overdue: bool = False
    reference: str | None = None
    since: date | None = None
    until: date | None = None


class ListOrders(OrderListing):
    """A page of orders, newest first, after the order `after` when given."""

    after: str | None = None
    limit: int = PAGE


class ExportOrders(OrderListing):
    """Every order the list takes, written to `path` as `kind` (xlsx or csv)."""

    path: str = ""
    kind: str = "xlsx"
