"""Orders in jeopardy: what puts an order's delivery at risk on a given day (pure).

An order is at risk while it is still to ship (`listing.SHIPPABLE`) and
- a shipment still in the warehouse was planned before that day (overdue), or
- the customer's requested date is before its earliest planned shipment.
It stops being at risk when that is no longer true (shipped, re-planned, cancelled).
"""

from __future__ import annotations

from datetime import date

from domain.orders.listing import SHIPPABLE
from domain.orders.order import SalesOrder
from domain.texts import Text, _


def at_risk(order: SalesOrder, today: date) -> list[Text]:
    """What puts the order at risk on `today`, one sentence a reason ([]: nothing)."""
    if order.status not in SHIPPABLE:
        return []
    open_shipments = [s for s in order.shipments if s.is_open]
    reasons = [
        _(
            "At risk: shipment {shipment} of {order} was planned for {day} and has not shipped.",
            shipment=s.number,
            order=order.code,
            day=s.planned_date,
        )
        for s in open_shipments
        if s.planned_date is not None and s.planned_date < today
    ]
    planned = [s.planned_date for s in open_shipments if s.planned_date is not None]
    if order.requested_date is not None and planned and order.requested_date < min(planned):
        reasons.append(
            _(
                "At risk: the customer asked for {order} by {requested}, its earliest "
                "shipment is planned for {planned}.",
                order=order.code,
                requested=order.requested_date,
                planned=min(planned),
            )
        )
    return reasons
