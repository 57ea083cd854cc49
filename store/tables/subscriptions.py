"""Tables of subscriptions: what each customer receives every period, and its lines."""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, func
from sqlalchemy.ext.mutable import MutableList

from domain.subscriptions.periods import CatchUpPolicy, Frequency, SubscriptionStatus
from store.tables.core import id_column, metadata, parent_column
from store.tables.types import JsonList, Money, StrEnumType

subscriptions = Table(
    "subscriptions",
    metadata,
    id_column(),
    Column("customer_code", String(64), nullable=False, index=True),
    Column("frequency", StrEnumType(Frequency), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("iteration", Integer, nullable=False, default=0),
    Column("last_order_date", Date),
    Column("status", StrEnumType(SubscriptionStatus), nullable=False, index=True),
    Column("catch_up", StrEnumType(CatchUpPolicy), nullable=False),
    Column("skipped", MutableList.as_mutable(JsonList()), nullable=False),
    Column("paused_on", Date),
    Column("ended_on", Date),
)
# A customer's subscriptions are read by its code compared lower-cased.
Index(
    "ix_subscriptions_customer_key", func.lower(subscriptions.c.customer_code), subscriptions.c.id
)

subscription_lines = Table(
    "subscription_lines",
    metadata,
    id_column(),
    parent_column("subscriptions"),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Money(), nullable=False),
)
