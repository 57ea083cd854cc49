"""Settings of the group "Orders" (docs/settings.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class OrdersSettings(BaseModel):
    """The settings of the group "Orders"."""

    notify_auto: bool = Field(
        default=False,
        description="Send status notifications at once (true) or when a rep says "
        "`/order notify` (false).",
        json_schema_extra={"group": "Orders"},
    )
    auto_close: Literal["on_invoice", "on_shipment", "on_both", "never"] = Field(
        default="on_both",
        description="When a confirmed order closes by itself: on_invoice, on_shipment, "
        "on_both or never.",
        json_schema_extra={"group": "Orders"},
    )
    order_confirm_email: Literal["confirmed", "draft"] = Field(
        default="draft",
        description="Orders that arrive by email are created confirmed or draft.",
        json_schema_extra={"group": "Orders"},
    )
    timezone: str = Field(
        default="Europe/Paris",
        description="Time zone of the schedules and of dates shown to people and typed by them.",
        json_schema_extra={"group": "Orders"},
    )
    language: str | None = Field(
        default=None,
        description="Language orderbot speaks to whoever it knows no language for: new "
        "customers, Slack users whose locale it cannot read, the console and the command "
        "line (en, fr or da; a locale such as fr_FR.UTF-8 or a gettext list such as "
        "da:en is read by its first language). Unset: the system locale (LC_ALL, "
        "LC_MESSAGES, LANG), then English.",
        json_schema_extra={"group": "Orders"},
    )
    currency: str = Field(
        default="EUR",
        description="Currency of new orders' prices and totals (ISO 4217); each order keeps "
        "the currency it was made in, so changing this relabels no past order.",
        json_schema_extra={"group": "Orders"},
    )
    shipping_tax: str = Field(
        default="prorata",
        description="How shipping charges of new orders are taxed: `prorata` (at the goods' "
        "rates, in proportion to their net amounts, the usual EU rule), a tax code (at "
        "that tax's rate) or `none`. Each order keeps the rule it was made under.",
        json_schema_extra={"group": "Orders"},
    )
    discount_tax: Literal["before", "after"] = Field(
        default="before",
        description="Whether the order discount of new orders is taken before tax (it "
        "lowers the taxed amount) or after tax (off the goods with their tax); an order "
        "may say otherwise with `discount-tax:`.",
        json_schema_extra={"group": "Orders"},
    )
    payment_terms: str = Field(
        default="",
        description="Payment terms besides the built-in ones (on receipt, Net 7/15/30/45/60, "
        "30/45/60 days end of month), as `NAME=DAYS` or `NAME=DAYS eom` (carried to the "
        "end of that month) separated by `;`, e.g. `Net 10=10; 90 days end of month=90 eom`. "
        "An invoice's due date comes from its order's terms.",
        pattern=r"^\s*([^=;]+=\s*\d{1,3}(\s+[eE][oO][mM])?\s*(;\s*|$))*$",
        json_schema_extra={"group": "Orders"},
    )
    payment_terms_default: str = Field(
        default="on receipt",
        description="The payment term of an order that gives none (a built-in term or one of "
        "PAYMENT_TERMS).",
        json_schema_extra={"group": "Orders"},
    )
