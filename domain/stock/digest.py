"""What the managers' digest says of stock, as data: the products whose free stock is
below the threshold, and the orders that became available since the last digest (all
their lines held after some waited), each to be offered a *Ship* button."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.stock.levels import Reservation, StockLevel


@dataclass(frozen=True)
class LowStock:
    """A product low in a warehouse."""

    product_code: str
    warehouse: str
    on_hand: Decimal
    free: Decimal


@dataclass(frozen=True)
class StockDigest:
    """Low stock and orders now available to ship."""

    threshold: Decimal = Decimal(0)
    low: tuple[LowStock, ...] = ()
    available: tuple[str, ...] = ()  # order codes

    def payload(self) -> dict[str, Any]:
        """JSON values only (decimals as text)."""
        return {
            "threshold": str(self.threshold),
            "low": [
                {
                    "product": lv.product_code,
                    "warehouse": lv.warehouse,
                    "on_hand": str(lv.on_hand),
                    "free": str(lv.free),
                }
                for lv in self.low
            ],
            "available": list(self.available),
        }

    @classmethod
    def of_payload(cls, payload: Mapping[str, Any]) -> StockDigest:
        """The stock part of a digest's payload (none in digests made before it)."""
        return cls(
            Decimal(str(payload.get("threshold") or 0)),
            tuple(
                LowStock(
                    str(lv["product"]),
                    str(lv["warehouse"]),
                    Decimal(str(lv["on_hand"])),
                    Decimal(str(lv["free"])),
                )
                for lv in payload.get("low") or ()
            ),
            tuple(str(code) for code in payload.get("available") or ()),
        )


def make_stock_digest(
    threshold: Decimal,
    levels: Sequence[StockLevel],
    became_available: Sequence[Reservation],
    held_by_order: Mapping[str, Sequence[Reservation]],
) -> StockDigest:
    """The digest's stock: the levels below `threshold`, and the orders some line of which
    became available and all of whose lines are now held."""
    low = tuple(
        LowStock(lv.product_code, lv.warehouse, lv.on_hand, lv.on_hand - lv.reserved)
        for lv in levels
        if lv.on_hand - lv.reserved < threshold
    )
    codes = sorted({r.order_code for r in became_available})
    ready = tuple(
        code
        for code in codes
        if held_by_order.get(code) and all(r.missing == 0 for r in held_by_order[code])
    )
    return StockDigest(threshold, low, ready)
