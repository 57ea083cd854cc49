"""Order lines: what a line holds, how it is priced, and what is still to ship of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.errors import ValidationFailed
from domain.money import ZERO
from domain.orders.totals import PricedQuantity


@dataclass(frozen=True)
class LineSpec:
    """A line to add, with the product's data already looked up by the service."""

    product_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_code: str | None
    tax_rate: Decimal
    discount_percent: Decimal = ZERO
    remarks: str = ""


@dataclass(frozen=True)
class BackorderLine:
    """Confirmed quantity not yet shipped, and when it is expected."""

    line_no: int
    product_code: str
    quantity: Decimal
    shipment_number: int
    expected: date | None


@dataclass(eq=False)
class OrderLine:
    """A line of an order; its amount is computed, never typed."""

    line_no: int
    product_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_code: str | None = None
    tax_rate: Decimal = ZERO
    discount_percent: Decimal = ZERO
    remarks: str = ""
    id: int | None = None

    def priced(self, quantity: Decimal | None = None) -> PricedQuantity:
        """This line's arithmetic, for its own or another quantity."""
        qty = self.quantity if quantity is None else quantity
        return PricedQuantity(qty, self.unit_price, self.discount_percent, self.tax_rate)

    @property
    def amount(self) -> Decimal:
        """Quantity x unit price."""
        return self.priced().amount

    @property
    def net(self) -> Decimal:
        """Amount less the line discount."""
        return self.priced().net


def validate_line(spec: LineSpec) -> None:
    """Refuse a line whose quantity, price or discount cannot be."""
    if spec.quantity <= 0:
        raise ValidationFailed.field(
            "quantity",
            f"{spec.product_code}: quantity {spec.quantity} must be more than 0",
            "order.quantity_invalid",
        )
    if spec.unit_price < 0:
        raise ValidationFailed.field(
            "price",
            f"{spec.product_code}: price {spec.unit_price} is negative",
            "order.price_invalid",
        )
    if not ZERO <= spec.discount_percent <= 100:
        raise ValidationFailed.field(
            "discount", f"{spec.product_code}: discount must be 0-100%", "order.discount_invalid"
        )
