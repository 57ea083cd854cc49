"""What the money and the customer's words of two merged orders become, or why they
cannot be merged.

Two orders merge only when their money reads the same way: the same currency, the same
shipping-tax rule and discount timing, and the same order discount (both none; the
same percent, kept; or the same fixed amount, which then counts twice, once for each
order's goods). Shipping charges and adjustments add up; both PO numbers and both
remarks are kept (joined), within their lengths. The survivor's timeline says what
came in, its amounts kept as amounts so each reader reads them their way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain import bounds
from domain.errors import MergeRefused
from domain.orders.money_rules import discount_timing
from domain.orders.order import SalesOrder
from domain.orders.totals import OrderDiscount
from domain.text_values import Amount
from domain.texts import Text, _, ngettext


@dataclass(frozen=True)
class MergedMoney:
    """The survivor's order discount, charges, PO number and remarks after the merge."""

    discount: OrderDiscount
    shipping: Decimal
    adjustment: Decimal
    reference: str
    remarks: str


def _rules(order: SalesOrder) -> str:
    tax = order.shipping_tax
    if order.tax_rules.shipping_tax not in ("none", "prorata"):
        tax = f"{tax} ({order.shipping_tax_rate}%)"
    return f"shipping tax {tax}, discount {discount_timing(order.discount_after_tax)} tax"


def _discount_text(d: OrderDiscount) -> str:
    if not d.value:
        return "none"
    return f"{d.value}%" if d.is_percent else f"{d.value}"


def merged_discount(a: SalesOrder, b: SalesOrder) -> OrderDiscount:
    """The survivor's discount; MergeRefused when the two differ."""
    da, db = a.discount, b.discount
    if not da.value and not db.value:
        return OrderDiscount()
    if (da.value, da.is_percent) != (db.value, db.is_percent):
        raise MergeRefused(
            "different_discount",
            f"{a.code} has discount {_discount_text(da)} and {b.code} "
            f"{_discount_text(db)}; orders with different discounts are not merged (give "
            "both the same discount first).",
        )
    return da if da.is_percent else OrderDiscount(da.value + db.value, False)


def _joined(name: str, a: str, b: str, between: str, limit: int) -> str:
    """Both texts, once when they are the same; MergeRefused beyond `limit`."""
    if not b.strip() or a.strip().lower() == b.strip().lower():
        return a
    both = f"{a}{between}{b}" if a.strip() else b
    if len(both) > limit:
        raise MergeRefused(
            f"{name.replace(' ', '_')}_too_long",
            f"both {name} together are {len(both)} characters long; at most {limit} may "
            "be kept (shorten one first).",
        )
    return both


def merged_money(keep: SalesOrder, gone: SalesOrder) -> MergedMoney:
    """What the survivor `keep` holds once `gone` is merged in; MergeRefused when the
    two orders' money cannot be merged (see the module's docstring)."""
    pair = f"{keep.code} and {gone.code}"
    if keep.currency != gone.currency:
        raise MergeRefused(
            "different_currency",
            f"{pair} are in different currencies ({keep.currency}, {gone.currency}).",
        )
    if keep.tax_rules != gone.tax_rules:
        raise MergeRefused(
            "different_tax_rules",
            f"{pair} are taxed by different rules ({_rules(keep)}; {_rules(gone)}).",
        )
    return MergedMoney(
        discount=merged_discount(keep, gone),
        shipping=keep.shipping_charges + gone.shipping_charges,
        adjustment=keep.adjustment + gone.adjustment,
        reference=_joined("PO numbers", keep.reference, gone.reference, ", ", bounds.REFERENCE),
        remarks=_joined("remarks", keep.remarks, gone.remarks, "\n", bounds.REMARKS),
    )


def came_in(gone: SalesOrder) -> Text:
    """The survivor's timeline entry: what the absorbed order brought."""
    return ngettext(
        "Merged {code} into this order: {n} line(s), shipping {shipping}, adjustment "
        "{adjustment}, PO number {reference}.",
        "Merged {code} into this order: {n} line(s), shipping {shipping}, adjustment "
        "{adjustment}, PO number {reference}.",
        len(gone.lines),
        code=gone.code,
        shipping=Amount(gone.shipping_charges, gone.currency),
        adjustment=Amount(gone.adjustment, gone.currency),
        reference=gone.reference or _("none"),
    )
