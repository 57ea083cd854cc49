"""Verbs of the sales order that move goods: prepare, ship, deliver and split shipments.

A mixin of `SalesOrder`, kept apart so each module stays about one concern.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition, ValidationFailed
from domain.events import QuantityMovedToShipment, ShipmentCreated
from domain.money import NO_QUANTITY
from domain.orders.shipments import Shipment, ShipmentStatus

if TYPE_CHECKING:
    from domain.events import Event
    from domain.orders.order import OrderLine, OrderStatus


class ShippingVerbs:
    """Preparing, shipping, delivering and splitting the shipments of an order."""

    if TYPE_CHECKING:
        code: str
        status: OrderStatus
        shipments: list[Shipment]

        def shipment(self, number: int) -> Shipment: ...
        def lines_of(self, product_code: str) -> list[OrderLine]: ...
        def require_editable(self) -> None: ...
        def record(self, event: Event) -> None: ...
        def _log(self, now: datetime, kind: str, text: str, public: bool = True) -> None: ...
        def _shipment_to(self, shipment: Shipment, new: ShipmentStatus, now: datetime) -> None: ...

    def _new_shipment(self, planned: date | None, now: datetime) -> Shipment:
        shipment = Shipment(number=max(s.number for s in self.shipments) + 1, planned_date=planned)
        self.shipments.append(shipment)
        self.record(ShipmentCreated(self.code, shipment.number, planned))
        self._log(now, "shipment_created", f"Shipment {shipment.number} planned.", False)
        return shipment

    def _pick(self, number: int | None, wanted: frozenset[ShipmentStatus], verb: str) -> Shipment:
        if number is not None:
            return self.shipment(number)
        for shipment in sorted(self.shipments, key=lambda s: s.number):
            if shipment.status in wanted:
                return shipment
        raise InvalidTransition(
            "shipment.none_to_" + verb, f"{self.code} has no shipment left to {verb}."
        )

    def mark_ready(self, number: int | None, now: datetime) -> Shipment:
        """A shipment is packed: pending -> ready."""
        self._require_shippable("prepare")
        shipment = self._pick(number, frozenset({ShipmentStatus.PENDING}), "prepare")
        self._shipment_to(shipment, ShipmentStatus.READY, now)
        return shipment

    def ship(
        self, number: int | None, now: datetime, carrier: str = "", tracking: str = ""
    ) -> Shipment:
        """A shipment leaves: pending/ready -> shipped, with carrier and tracking number."""
        self._require_shippable("ship")
        shipment = self._pick(
            number, frozenset({ShipmentStatus.READY, ShipmentStatus.PENDING}), "ship"
        )
        if not shipment.is_open:
            shipment.move_to(ShipmentStatus.SHIPPED, self.code)  # raises with the reason
        shipment.carrier = carrier or shipment.carrier
        shipment.tracking_number = tracking or shipment.tracking_number
        shipment.shipped_at = now
        self._shipment_to(shipment, ShipmentStatus.SHIPPED, now)
        return shipment

    def deliver(self, number: int | None, now: datetime) -> Shipment:
        """A shipment arrived: shipped -> delivered."""
        self._require_shippable("deliver")
        shipment = self._pick(number, frozenset({ShipmentStatus.SHIPPED}), "deliver")
        shipment.delivered_at = now
        self._shipment_to(shipment, ShipmentStatus.DELIVERED, now)
        return shipment

    def split(
        self, product_code: str, quantity: Decimal, now: datetime, planned: date | None = None
    ) -> Shipment:
        """Move `quantity` of a product from its shipment to a new one."""
        self.require_editable()
        if quantity <= 0:
            raise ValidationFailed.field(
                "quantity", f"{quantity} must be more than 0", "shipment.quantity_invalid"
            )
        source, line = self._split_source(product_code, quantity)
        if source.quantity_of(line.line_no) == quantity and len(source.lines) == 1:
            raise ValidationFailed.field(
                "quantity",
                f"moving all {quantity} of {line.product_code} would leave shipment "
                f"{source.number} empty; a shipment must hold at least one product",
                "shipment.would_be_empty",
            )
        target = self._new_shipment(planned, now)
        source.take(line.line_no, quantity)
        target.put(line.line_no, quantity)
        self.record(
            QuantityMovedToShipment(
                self.code, line.product_code, quantity, source.number, target.number
            )
        )
        return target

    def _split_source(self, product_code: str, quantity: Decimal) -> tuple[Shipment, OrderLine]:
        best = NO_QUANTITY
        for line in self.lines_of(product_code):
            for shipment in self.shipments:
                held = shipment.quantity_of(line.line_no) if shipment.is_open else NO_QUANTITY
                if held >= quantity:
                    return shipment, line
                best = max(best, held)
        raise ValidationFailed.field(
            "quantity",
            f"no shipment still in the warehouse holds {quantity} of {product_code} "
            f"(at most {best} can be moved)",
            "shipment.quantity_exceeded",
        )

    def _require_shippable(self, verb: str) -> None:
        # A closed order may still hold open shipments when a rule closed it (invoiced in
        # advance); closing by hand cancels them, so the shipment picks refuse instead.
        if self.status not in ("confirmed", "closed"):
            raise InvalidTransition(
                f"order.{verb}_not_confirmed",
                f"{self.code} is {self.status}; only a confirmed order can {verb}"
                + (" (confirm it first)." if self.status == "draft" else "."),
            )
