"""The stock settings become the stock policy the services follow."""

from __future__ import annotations

from decimal import Decimal

from bootstrap.services import policy_from
from domain.stock.policy import StockPolicy
from settings import Settings


def test_warehouses_negative_stock_and_the_low_level_come_from_the_settings() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        warehouses="lyon, Paris",
        stock_negative_allowed=True,
        stock_low_threshold=Decimal(2),
    )
    assert policy_from(settings).stock == StockPolicy(("LYON", "PARIS"), True, Decimal(2))
    assert policy_from(Settings(_env_file=None)).stock.default == "MAIN"  # type: ignore[call-arg]
