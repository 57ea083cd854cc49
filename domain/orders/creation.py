"""A new sales order as it is made, before it is stored: `NewOrder`.

Owns what a new order consists of, whatever its door: the header, the lines numbered
from 1, one first shipment holding every line in full (planned for the due date), the
"created" timeline entry, and when the order is made confirmed the confirmation's entry
and notification (`order_status_record`, as the aggregate's `confirm` writes them), and
the events. `domain.orders.factory` checks the rules and makes it; then either it
becomes the `SalesOrder` aggregate (`aggregate`, for a door that adds one order to its
unit of work, or shows the order) or the store writes its values in bulk
(`store.bulk`), many thousands per transaction.

The values are plain (by the field names of the domain classes; a field not given keeps
its dataclass default, in the aggregate and in the row alike) because an object of a
mapped class costs the ORM's attribute events per field and per list even when it
never reaches a session: made as aggregates, the subscription job's orders took five
times as long (bench/subscriptions.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain import bounds
from domain.actors import UNKNOWN, Actor
from domain.events import Event, OrderCreated, OrderStatusChanged, ShipmentCreated
from domain.money import DEFAULT_CURRENCY, ZERO, cents
from domain.orders.charges import check_charges
from domain.orders.documents import Notification, TimelineEntry, order_status_record
from domain.orders.lines import LineSpec, OrderLine, validate_line
from domain.orders.order import OrderStatus, SalesOrder, Source
from domain.orders.refusals import refused
from domain.orders.shipments import Shipment, ShipmentLine
from domain.orders.timeline_texts import created, entry_fields
from domain.orders.totals import (
    NO_SHIPPING_TAX,
    OrderDiscount,
    PricedQuantity,
    TaxRules,
    compute_totals,
)
from domain.texts import _

Fields = Mapping[str, Any]


@dataclass(frozen=True)
class NewOrder:
    """A new order's values, by the field names of the classes named below."""

    header: Fields  # SalesOrder (code, customer, created_at, status, source, and those given)
    lines: tuple[Fields, ...]  # OrderLine
    shipment: Fields  # Shipment: the first one
    shipment_lines: tuple[Fields, ...]  # ShipmentLine of the first shipment
    timeline: tuple[Fields, ...]  # TimelineEntry
    notifications: tuple[Fields, ...]  # Notification
    events: tuple[Event, ...]

    @property
    def code(self) -> str:
        """The order's code."""
        return str(self.header["code"])

    @classmethod
    def of(
        cls,
        code: str,
        customer_code: str,
        specs: Sequence[LineSpec],
        now: datetime,
        source: Source,
        confirm: bool = False,
        actor: Actor = UNKNOWN,
        **fields: Any,
    ) -> NewOrder:
        """The order these lines make (a draft, or confirmed at once) by `actor`; `fields`
        are other header fields of SalesOrder. Refuses an order without lines or with a line whose
        quantity, price or discount cannot be."""
        # As the order will hold it (the class attribute is the store's once mapped).
        currency = str(fields.get("currency") or DEFAULT_CURRENCY)
        check_lines(specs, currency)
        check_amounts(code, specs, fields, currency)
        status = OrderStatus.CONFIRMED if confirm else OrderStatus.DRAFT
        header = {
            **fields,
            "code": code,
            "customer_code": customer_code,
            "created_at": now,
            "status": status,
            "source": source,
        }
        planned: date | None = fields.get("due_date")
        lines = tuple(_line(n, spec) for n, spec in enumerate(specs, start=1))
        timeline: list[Fields] = [
            entry_fields(now, "created", created(str(source), len(specs))),
        ]
        notes: list[Fields] = []
        events: list[Event] = [
            OrderCreated(code, customer_code, str(source)),
            ShipmentCreated(code, 1, planned),
        ]
        if confirm:
            entry, note = order_status_record(str(status), now)
            timeline.append(entry)
            notes.append(note)
            events.append(OrderStatusChanged(code, str(OrderStatus.DRAFT), str(status)))
        return cls(
            header=header,
            lines=lines,
            shipment={"number": 1, "planned_date": planned},
            shipment_lines=tuple(
                {"line_no": ln["line_no"], "quantity": ln["quantity"]} for ln in lines
            ),
            timeline=tuple({**entry, **signature(actor)} for entry in timeline),
            notifications=tuple(notes),
            events=tuple(events),
        )

    def aggregate(self) -> SalesOrder:
        """The order as the aggregate, its events recorded (for a unit of work to add)."""
        order = SalesOrder(**self.header)
        order.lines.extend(OrderLine(**line) for line in self.lines)
        first = Shipment(**self.shipment)
        first.lines.extend(ShipmentLine(**line) for line in self.shipment_lines)
        order.shipments.append(first)
        order.timeline.extend(TimelineEntry(**entry) for entry in self.timeline)
        order.notifications.extend(Notification(**note) for note in self.notifications)
        for event in self.events:
            order.record(event)
        return order


def signature(actor: Actor) -> Fields:
    """The fields of a timeline entry that say who wrote it (written in bulk, a new
    order's entries are never signed by the bus, so they are signed here)."""
    return {"actor_door": str(actor.door), "actor_id": actor.id, "actor_name": actor.name}


def check_lines(specs: Sequence[LineSpec], currency: str) -> None:
    """Refuse an order without lines, or with a line that cannot be (its amounts said in
    `currency`, the order's)."""
    if not specs:
        raise refused("lines", _("an order needs at least one line"), "order.no_lines")
    for spec in specs:
        validate_line(spec, currency)


def check_amounts(
    code: str, specs: Sequence[LineSpec], fields: Mapping[str, Any], currency: str
) -> None:
    """Refuse a line whose amount, or an order whose total, is more than may be stored
    (the amounts said in `currency`, the order's)."""
    priced = [
        PricedQuantity(s.quantity, s.unit_price, s.discount_percent, s.tax_rate, s.discount_amount)
        for s in specs
    ]
    for number, line in enumerate(priced, start=1):
        bounds.check_line_amount(number, line.quantity, line.unit_price, line.amount, currency)
    discount = OrderDiscount(
        fields.get("discount_value") or ZERO, fields.get("discount_is_percent", True)
    )
    rules = TaxRules(
        fields.get("shipping_tax", NO_SHIPPING_TAX),
        fields.get("shipping_tax_rate", ZERO),
        fields.get("discount_after_tax", False),
    )
    shipping = cents(fields.get("shipping_charges") or ZERO)
    adjustment = cents(fields.get("adjustment") or ZERO)
    totals = compute_totals(priced, discount, shipping, adjustment, rules=rules)
    bounds.check_order_total(code, totals.gross, currency)
    typed = (fields.get("shipping_charges") or ZERO, fields.get("adjustment") or ZERO)
    check_charges(discount, *typed, totals, currency)  # as typed: a refusal shows what was given


def _line(number: int, spec: LineSpec) -> Fields:
    return {
        "line_no": number,
        "product_code": spec.product_code,
        "description": spec.description,
        "quantity": spec.quantity,
        "unit_price": spec.unit_price,
        "tax_code": spec.tax_code,
        "tax_rate": spec.tax_rate,
        "discount_percent": spec.discount_percent,
        "remarks": spec.remarks,
        "discount_amount": spec.discount_amount,
    }
