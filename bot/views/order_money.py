"""How an order's money reads in the team's views (the console, Slack's text and cards).

One place for what every order view shows of the money: amounts in the order's own
currency (stored when it was made), a line discount as a percent or an amount, and the
totals rows in the order the arithmetic takes them (`domain.orders.totals`): the
discount before the tax lines when taken before tax, after them when after; shipping
labelled with how it is taxed (its tax is in the tax lines).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.orders.lines import OrderLine
from domain.orders.order import SalesOrder
from domain.orders.totals import NO_SHIPPING_TAX, PRORATA
from l10n.formats import Formats
from l10n.translation import gettext


def order_formats(o: SalesOrder, f: Formats) -> Formats:
    """`f` in the order's own currency."""
    return replace(f, currency=o.currency)


def line_discount(ln: OrderLine, f: Formats) -> str:
    """A line's discount as typed (` -10%`, ` -€2.50`), or nothing."""
    if ln.discount_amount:
        return f" -{f.money(ln.discount_amount)}"
    return f" -{f.percent(ln.discount_percent)}" if ln.discount_percent else ""


def discount_text(o: SalesOrder, f: Formats) -> str:
    """The order discount as it was given: a rate or an amount."""
    d = o.discount
    return f.percent(d.value) if d.is_percent else f.money(d.value)


def shipping_label(o: SalesOrder) -> str:
    """Shipping's row label, saying how it is taxed."""
    if o.shipping_tax == NO_SHIPPING_TAX:
        return gettext("Shipping (untaxed)")
    if o.shipping_tax == PRORATA:
        return gettext("Shipping (taxed pro rata)")
    return gettext("Shipping (taxed at {tax})", tax=o.shipping_tax)


def totals_rows(o: SalesOrder, f: Formats) -> list[tuple[str, Decimal]]:
    """The totals as (label, amount) rows (`Totals.rows`)."""
    labels = {
        "subtotal": gettext("Subtotal"),
        "discount": gettext("Discount ({discount})", discount=discount_text(o, f)),
        "shipping": shipping_label(o),
        "adjustment": gettext("Adjustment"),
        "total": gettext("Total"),
    }
    if o.discount_after_tax:
        labels["discount"] = gettext(
            "Discount after tax ({discount})", discount=discount_text(o, f)
        )
    return [
        (gettext("Tax {rate}", rate=f.percent(rate)) if rate is not None else labels[what], amount)
        for what, rate, amount in o.totals.rows()
    ]
