"""Settings of stock, in the group "Orders" (docs/settings.md)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class StockSettings(BaseModel):
    """The warehouses and the limits on stock."""

    warehouses: str = Field(
        default="MAIN",
        description="The warehouses stock is kept in, comma-separated; the first is where "
        "orders reserve unless their warehouse names another (`/warehouse new` adds more).",
        json_schema_extra={"group": "Orders"},
    )
    stock_negative_allowed: bool = Field(
        default=False,
        description="Let shipments and adjustments take stock below nothing (true) instead "
        "of refusing what is not on hand (false).",
        json_schema_extra={"group": "Orders"},
    )
    stock_low_threshold: Decimal = Field(
        default=Decimal(5),
        description="The digest lists the products whose free stock (on hand less reserved) "
        "is below this.",
        json_schema_extra={"group": "Orders"},
    )
