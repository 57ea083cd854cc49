"""The stock book: every change of stock on hand and of what orders hold, through one
`StockBook` per command, on the levels it locks.

Receiving, adjusting, shipping and returning goods change what is on hand and leave a
movement with the command's actor and the reason. `settle` brings an order's reservations
in line with what it still wants (confirmed and not shipped; nothing once cancelled,
closed, merged away, or for a removed line): it gives back what is no longer wanted, then
free stock goes to the waiting lines, oldest confirmed first (`rules.allocate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.actors import Actor
from domain.errors import ValidationFailed
from domain.orders.order import OrderStatus, SalesOrder
from domain.orders.shipments import Shipment
from domain.orders.shipping import shipped_quantity
from domain.stock.levels import NONE, Movement, MovementKind, Reservation, StockLevel
from domain.stock.ports import StockRepository
from domain.stock.rules import allocate
from domain.texts import _


@dataclass
class StockBook:
    """The stock changes of one command, made at `now` by `by`."""

    repo: StockRepository
    now: datetime
    by: Actor
    negative_allowed: bool = False

    # --- goods in and out ---------------------------------------------------------

    def move(
        self,
        level: StockLevel,
        quantity: Decimal,
        kind: MovementKind,
        reason: str = "",
        reference: str = "",
        order_code: str = "",
    ) -> Movement:
        """Change what is on hand by `quantity` (signed) and record why; refused below
        nothing unless negative stock is allowed."""
        after = level.on_hand + quantity
        if after < NONE and not self.negative_allowed:
            raise ValidationFailed.field(
                "quantity",
                _(
                    "{product} has {on_hand} on hand in {warehouse}; taking {quantity} would "
                    "leave {after} (negative stock is not allowed)",
                    product=level.product_code,
                    on_hand=level.on_hand,
                    warehouse=level.warehouse,
                    quantity=-quantity,
                    after=after,
                ),
                "stock.negative",
            )
        level.on_hand = after
        movement = Movement(
            level.product_code,
            level.warehouse,
            quantity,
            kind,
            self.now,
            reason,
            reference,
            order_code,
            self.by.id,
            self.by.name,
            str(self.by.door),
            after,
        )
        self.repo.record(movement)
        if level.reserved > max(level.on_hand, NONE):
            self._unreserve_newest(level)
        self.fill(level)
        return movement

    def _unreserve_newest(self, level: StockLevel) -> None:
        # Fewer goods than orders hold (a count found less): the newest holders wait again.
        excess = level.reserved - max(level.on_hand, NONE)
        holders = self.repo.holders(level.product_code, level.warehouse)
        for r in reversed(holders):
            give = min(r.reserved, excess)
            r.reserved -= give
            level.reserved -= give
            excess -= give
            r.available_at = None
            self.repo.keep(r)
            if excess <= NONE:
                return

    def fill(self, level: StockLevel) -> None:
        """Give free stock to the lines waiting for it, oldest confirmed first; write the
        level."""
        if level.free > NONE:
            waiting = self.repo.waiting(level.product_code, level.warehouse)
            for r, got in zip(
                waiting, allocate(level.free, [w.missing for w in waiting]), strict=True
            ):
                if got > NONE:
                    r.reserved += got
                    level.reserved += got
                    if r.missing == NONE:
                        r.available_at = self.now
                    self.repo.keep(r)
        self.repo.save(level)

    # --- orders -------------------------------------------------------------------

    def settle(self, order: SalesOrder, warehouse: str) -> None:
        """Make the order's reservations follow what it still wants."""
        rows = list(self.repo.reservations_of(order.code))
        wanted = _wanted(order)
        products = {p for p, _q in wanted.values()} | {r.product_code for r in rows}
        levels = self.repo.lock(sorted(products), warehouse) if products else {}
        if not levels and not rows:
            return
        changed: set[str] = set()
        held = {r.line_no for r in rows}
        for r in rows:
            product, want = wanted.get(r.line_no, (r.product_code, NONE))
            level = levels.get(r.product_code)
            if product != r.product_code:
                want = NONE
            give = max(r.reserved - want, NONE)
            r.wanted, r.reserved = want, r.reserved - give
            if level is not None:
                level.reserved -= give
                changed.add(r.product_code)
            if want <= NONE:
                self.repo.drop(r)
            else:
                self.repo.keep(r)
        for line_no, (product, want) in sorted(wanted.items()):
            if line_no in held or product not in levels or want <= NONE:
                continue
            self.repo.keep(
                Reservation(order.code, line_no, product, warehouse, want, NONE, self.now)
            )
            changed.add(product)
        for product in sorted(changed):
            self.fill(levels[product])

    def consume(self, order: SalesOrder, shipment: Shipment, warehouse: str) -> None:
        """A shipment left: what it holds leaves the stock, from the order's reservations
        first, then from free stock; refused when neither has enough (unless negative
        stock is allowed), naming the product and the quantity missing."""
        products = sorted({order.line(sl.line_no).product_code for sl in shipment.lines})
        levels = self.repo.lock(products, warehouse)
        if not levels:
            return
        rows = {r.line_no: r for r in self.repo.reservations_of(order.code)}
        for sl in shipment.lines:
            level = levels.get(order.line(sl.line_no).product_code)
            if level is None:
                continue
            row = rows.get(sl.line_no)
            held = min(sl.quantity, row.reserved if row else NONE)
            missing = sl.quantity - held - level.free
            if missing > NONE and not self.negative_allowed:
                raise ValidationFailed.field(
                    "quantity",
                    _(
                        "{missing} x {product} missing to ship {quantity} from {warehouse} "
                        "({reserved} reserved for {order}, {free} free on hand)",
                        missing=missing,
                        product=level.product_code,
                        quantity=sl.quantity,
                        warehouse=level.warehouse,
                        reserved=held,
                        order=order.code,
                        free=level.free,
                    ),
                    "stock.short",
                )
            if row is not None:  # what left is no longer wanted (settle agrees later)
                row.reserved -= held
                row.wanted = max(row.wanted - sl.quantity, NONE)
                self.repo.keep(row)
            level.reserved -= held
            reference = f"shipment {shipment.number}"
            self.move(level, -sl.quantity, MovementKind.SHIPPED, "", reference, order.code)

    def restock(self, order: SalesOrder, return_code: str, warehouse: str) -> None:
        """A return was received: its goods are on hand again (tracked products)."""
        for ret in order.returns:
            if ret.code != return_code:
                continue
            level = self.repo.lock([ret.product_code], warehouse).get(ret.product_code)
            if level is not None:
                self.move(level, ret.quantity, MovementKind.RETURNED, "", ret.code, order.code)


def _wanted(order: SalesOrder) -> dict[int, tuple[str, Decimal]]:
    """What each line still wants: its quantity not yet shipped, while confirmed."""
    if order.status != OrderStatus.CONFIRMED:
        return {}
    return {
        ln.line_no: (ln.product_code, max(ln.quantity - shipped_quantity(order, ln.line_no), NONE))
        for ln in order.lines
    }
