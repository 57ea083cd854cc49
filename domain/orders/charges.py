"""The limits of an order's own amounts: order discount, shipping and adjustment.

Checked whenever they are set or what they depend on changes (a new order, a change of
terms, a line removed, a merge), so an order never holds an amount its totals would
have to cap in silence:
- the order discount is at least 0; as a percent at most 100%, as an amount at most
  the order's net (the subtotal of its lines after their discounts);
- shipping charges are at least 0;
- the adjustment is at most the gross without it, either way: it may lower the total
  to zero, never below, and never more than double it.
Every refusal names the field, the value and the limit, the amounts as money in the
order's currency (each reader writes them their own way: `4,79 €`, `€4.79`).
"""

from __future__ import annotations

from decimal import Decimal

from domain.orders.refusals import refused
from domain.orders.totals import OrderDiscount, Totals
from domain.text_values import Amount, Price
from domain.texts import _


def check_timing_change(code: str, invoices: list[str]) -> None:
    """Refuse to move an order's discount before or after tax once it is invoiced: the
    invoices' amounts were worked out with the timing it had."""
    if invoices:
        problem = _(
            "{code} has invoice {invoice}; when its discount is taken can no longer change",
            code=code, invoice=invoices[0],
        )  # fmt: skip
        raise refused("discount-tax", problem, "order.discount_tax_invoiced")


def check_charges(
    discount: OrderDiscount, shipping: Decimal, adjustment: Decimal, totals: Totals, currency: str
) -> None:
    """Refuse an order discount, shipping or adjustment out of its limits (above); the
    amounts are said in `currency`, the order's."""
    discount.check(currency)
    if not totals.gross.is_finite():  # values stored out of bounds: bounds.py reports them
        return
    if not discount.is_percent and discount.value > totals.subtotal:
        problem = _(
            "{value} is more than the order's net {net}; it may be at most {net}",
            value=Price(discount.value, currency), net=Amount(totals.subtotal, currency),
        )  # fmt: skip
        raise refused("discount", problem, "order.discount_above_net")
    if shipping < 0:
        problem = _("{value} is negative; it must be at least 0", value=Price(shipping, currency))
        raise refused("shipping", problem, "order.shipping_invalid")
    before = totals.gross - totals.adjustment
    if abs(adjustment) > before:
        problem = _(
            "{value} is beyond the order's total before adjustment ({total}); it must be "
            "between {low} and {total}",
            value=Price(adjustment, currency), total=Amount(before, currency),
            low=Amount(-before, currency),
        )  # fmt: skip
        raise refused("adjustment", problem, "order.adjustment_beyond_total")
