"""The settings of stock: the warehouses, whether stock may go negative, and the level
the digest calls low."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.stock.levels import DEFAULT_WAREHOUSE


@dataclass(frozen=True)
class StockPolicy:
    """Where goods are kept and the limits on them."""

    warehouses: tuple[str, ...] = (DEFAULT_WAREHOUSE,)
    """The warehouses of the settings; the first is where orders reserve by default."""
    negative_allowed: bool = False
    low_threshold: Decimal = Decimal(5)

    @property
    def default(self) -> str:
        """The default warehouse."""
        return self.warehouses[0] if self.warehouses else DEFAULT_WAREHOUSE
