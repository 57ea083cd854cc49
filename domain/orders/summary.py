"""What a customer may see of an order, as JSON-ready data (mails and the tracking page).

Only customer-facing facts: status, public timeline, lines, shipments with their
products, carrier and tracking number, planned dates and totals. Nothing internal
(remarks, warehouse, versions, private timeline entries, other customers) appears.
Amounts and quantities are strings, so no float ever touches money.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.orders.shipments import Shipment
from domain.text_data import sentence_data


def _num(value: Decimal) -> str:
    """A quantity with every decimal it carries and no exponent (`2`, `2.125`)."""
    return format(value.normalize(), "f")


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _shipment(order: SalesOrder, shipment: Shipment) -> dict[str, Any]:
    products = []
    for sl in shipment.lines:
        line = order.line(sl.line_no)
        products.append(
            {
                "product": line.product_code,
                "description": line.description,
                "quantity": _num(sl.quantity),
            }
        )
    return {
        "number": shipment.number,
        "status": str(shipment.status),
        "planned_date": shipment.planned_date.isoformat() if shipment.planned_date else None,
        "carrier": shipment.carrier,
        "tracking_number": shipment.tracking_number,
        "shipped_at": shipment.shipped_at.isoformat() if shipment.shipped_at else None,
        "delivered_at": shipment.delivered_at.isoformat() if shipment.delivered_at else None,
        "products": products,
    }


def order_summary(order: SalesOrder, customer: Customer | None) -> dict[str, Any]:
    """The customer's view of an order, in its own currency; unit prices keep every
    decimal they carry, totals come from `SalesOrder.totals` with one tax line a rate
    (shipping's tax included, as the order's rules say)."""
    totals = order.totals
    return {
        "order_code": order.code,
        "customer_name": customer.name if customer else order.customer_code,
        "language": customer.language if customer else "en",
        "reference": order.reference,
        "created_at": order.created_at.isoformat(),
        "requested_date": order.requested_date.isoformat() if order.requested_date else None,
        "due_date": order.due_date.isoformat() if order.due_date else None,
        "status": str(order.status),
        "shipping_state": str(order.shipping_state),
        "currency": order.currency,
        "discount_after_tax": totals.discount_after_tax,
        "lines": [
            {
                "product": ln.product_code,
                "description": ln.description,
                "quantity": _num(ln.quantity),
                "unit_price": _num(ln.unit_price),
                "net": _money(ln.net),
            }
            for ln in order.lines
        ],
        "shipments": [_shipment(order, s) for s in sorted(order.shipments, key=lambda s: s.number)],
        "totals": {
            "subtotal": _money(totals.subtotal),
            "discount": _money(totals.discount),
            "net": _money(totals.net),
            "tax": _money(totals.tax),
            "shipping": _money(totals.shipping),
            "adjustment": _money(totals.adjustment),
            "gross": _money(totals.gross),
        },
        "total_rows": [
            {"what": what, "rate": None if rate is None else _num(rate), "amount": _money(amount)}
            for what, rate, amount in totals.rows()
        ],
        "timeline": [
            {
                "at": e.at.isoformat(),
                "kind": e.kind,
                "text": e.text,
                "sentence": None if e.sentence is None else sentence_data(e.sentence),
            }
            for e in sorted(order.timeline, key=lambda e: (e.at, e.id or 0))
            if e.public
        ],
    }
