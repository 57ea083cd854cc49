"""Changing an order's header after it was made (`/order set`): its terms (discount,
shipping, adjustment, payment terms), its customer PO number, dates, remarks and the
other fields a person sets by name.

What the money rules decided when the order was made, what the verbs keep consistent
(lines, shipments, status) and who the order is never change this way. A later due date
moves the pending shipments planned for the old one (`domain.orders.shipment_edits`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from domain import bounds
from domain.events import OrderChanged
from domain.orders import edit_texts, shipment_edits
from domain.orders.charges import check_timing_change
from domain.orders.money_rules import DECIDED_AT_CREATION

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

# Fields no verb sets by name: what the verbs keep consistent, and who the order is.
_FIXED = frozenset({"lines", "shipments", "status", "version", "absorbed", *DECIDED_AT_CREATION})
_IDENTITY = frozenset({"code", "customer_code", "id"})


def set_terms(order: SalesOrder, now: datetime, changes: dict[str, object]) -> list[str]:
    """Change header fields of `order` (discount, shipping, adjustment, reference,
    dates...); the names of those that changed, in words."""
    order.require_editable()
    done = []
    due = order.due_date
    for name, value in changes.items():
        if not hasattr(order, name) or name in _FIXED | _IDENTITY:
            raise ValueError(f"SalesOrder has no settable field {name}")
        if getattr(order, name) != value:
            setattr(order, name, value)
            done.append(name.replace("_", " "))
    if "discount after tax" in done:
        check_timing_change(order.code, [inv.code for inv in order.invoices])
    order.check_charges()
    if done:
        bounds.check_order_total(order.code, order.totals.gross, order.currency)
        order.record(OrderChanged(order.code, ", ".join(done)))
        order._log(now, "changed", edit_texts.fields_changed(done), False)
        shipment_edits.follow_due_date(order, due, order.due_date, now)
    return done
