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
from domain.orders.order import SalesOrder
from domain.orders.totals import OrderDiscount
from domain.text_values import Amount, Percent
from domain.texts import Text, _, ngettext


@dataclass(frozen=True)
class MergedMoney:
    """The survivor's order discount, charges, PO number and remarks after the merge."""

    discount: OrderDiscount
    shipping: Decimal
    adjustment: Decimal
    reference: str
    remarks: str


def _rules(order: SalesOrder) -> Text:
    tax: Text | str = order.shipping_tax  # a tax code, or the rule's word (none, prorata)
    if order.tax_rules.shipping_tax not in ("none", "prorata"):
        rate = Percent(order.shipping_tax_rate)
        tax = _("{tax} ({rate})", tax=order.shipping_tax, rate=rate)
    if order.discount_after_tax:
        return _("shipping tax {tax}, discount after tax", tax=tax)
    return _("shipping tax {tax}, discount before tax", tax=tax)


def _discount_text(d: OrderDiscount) -> Text | Percent | Decimal:
    if not d.value:
        return _("none")
    return Percent(d.value) if d.is_percent else d.value


def merged_discount(a: SalesOrder, b: SalesOrder) -> OrderDiscount:
    """The survivor's discount; MergeRefused when the two differ."""
    da, db = a.discount, b.discount
    if not da.value and not db.value:
        return OrderDiscount()
    if (da.value, da.is_percent) != (db.value, db.is_percent):
        said = _(
            "{a} has discount {a_discount} and {b} {b_discount}; orders with different "
            "discounts are not merged (give both the same discount first).",
            a=a.code, a_discount=_discount_text(da), b=b.code, b_discount=_discount_text(db),
        )  # fmt: skip
        raise MergeRefused("different_discount", said)
    return da if da.is_percent else OrderDiscount(da.value + db.value, False)


# One whole sentence per text kept, so each language words "both PO numbers".
_TOO_LONG = {
    "PO numbers": _("both PO numbers together are {length} characters long; at most {limit} "
                    "may be kept (shorten one first)."),
    "remarks": _("both remarks together are {length} characters long; at most {limit} may be "
                 "kept (shorten one first)."),
}  # fmt: skip


def _joined(name: str, a: str, b: str, between: str, limit: int) -> str:
    """Both texts, once when they are the same; MergeRefused beyond `limit`."""
    if not b.strip() or a.strip().lower() == b.strip().lower():
        return a
    both = f"{a}{between}{b}" if a.strip() else b
    if len(both) > limit:
        said = Text(_TOO_LONG[name].msgid, {"length": len(both), "limit": limit})
        raise MergeRefused(f"{name.replace(' ', '_')}_too_long", said)
    return both


def merged_money(keep: SalesOrder, gone: SalesOrder) -> MergedMoney:
    """What the survivor `keep` holds once `gone` is merged in; MergeRefused when the
    two orders' money cannot be merged (see the module's docstring)."""
    if keep.currency != gone.currency:
        said = _(
            "{a} and {b} are in different currencies ({a_currency}, {b_currency}).",
            a=keep.code, b=gone.code, a_currency=keep.currency, b_currency=gone.currency,
        )  # fmt: skip
        raise MergeRefused("different_currency", said)
    if keep.tax_rules != gone.tax_rules:
        said = _(
            "{a} and {b} are taxed by different rules ({a_rules}; {b_rules}).",
            a=keep.code, b=gone.code, a_rules=_rules(keep), b_rules=_rules(gone),
        )  # fmt: skip
        raise MergeRefused("different_tax_rules", said)
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
