"""The core database tables, as SQLAlchemy Core metadata (the migrations follow this file):
customers, products and taxes, orders with their lines, shipments, notifications and
timeline, cases, the outbox, counters and idempotency keys; the shared MetaData and the
key columns every table module uses. The records made from an order (invoices, credit
notes, work orders, returns) are `store.tables.records`."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)

from domain.cases.case import CaseStatus
from domain.orders.documents import NotificationState
from domain.orders.order import OrderStatus, Relation, Source
from domain.orders.shipments import ShipmentStatus
from domain.outbox.messages import Channel, OutboxStatus
from store.tables.types import JsonText, Money, SentenceJson, StrEnumType, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

TS = UtcDateTime()
SEARCH_WORDS = "search_words"
"""On PostgreSQL, the words of a customer's search key as a tsvector (`to_tsvector
('simple', search_key)`: as they are, the key being folded already; no stemming, no stop
words), a stored generated column under a GIN index. Migration 0011 makes both, on
PostgreSQL only, so neither is declared here; searches name the column as text."""


def id_column() -> Column[int]:
    """The primary key every table has."""
    return Column("id", Integer, primary_key=True)


def parent_column(table: str) -> Column[int]:
    """The key to the row of `table` a row belongs to (deleted with it)."""
    return Column(
        f"{table[:-1]}_id",
        Integer,
        ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


customers = Table(
    "customers",
    metadata,
    id_column(),
    Column("code", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("vat_number", String(32), nullable=False, default=""),
    Column("language", String(8), nullable=True),  # NULL: never chosen
    Column("created_at", TS),
    # Every word a search may find the customer by, folded, between spaces
    # (domain.customers.search.search_key): kept on every write by store.search.keys.
    # PostgreSQL finds its words through SEARCH_WORDS; SQLite reads the keys.
    Column("search_key", Text, nullable=False, default="", server_default=""),
)
Index("uq_customers_code", func.lower(customers.c.code), unique=True)

addresses = Table(
    "addresses",
    metadata,
    id_column(),
    parent_column("customers"),
    Column("code", String(64), nullable=False),
    Column("name", String(200), nullable=False, default=""),
    Column("street", String(300), nullable=False, default=""),
    Column("city", String(120), nullable=False, default=""),
    Column("postal_code", String(20), nullable=False, default=""),
    Column("state", String(120), nullable=False, default=""),
    Column("country", String(2), nullable=False, default=""),
    Column("is_default", Boolean, nullable=False, default=False),
)

contacts = Table(
    "contacts",
    metadata,
    id_column(),
    parent_column("customers"),
    Column("name", String(200), nullable=False),
    Column("email", String(254), nullable=False, default=""),
    Column("phone", String(40), nullable=False, default=""),
    Column("is_default", Boolean, nullable=False, default=False),
    # The address as compared (domain.customers.identity.email_key), None without one.
    Column("email_key", String(254), nullable=True),
    # Set by the upgrade that made addresses unique on the contacts that shared theirs
    # then: kept out of the unique index until someone keeps the address on one customer.
    Column("email_shared", Boolean, nullable=False, default=False, server_default=false()),
)
Index("ix_contacts_email_key", contacts.c.email_key)
Index(
    "uq_contacts_email_key",
    contacts.c.email_key,
    unique=True,
    sqlite_where=text("NOT email_shared"),
    postgresql_where=text("NOT email_shared"),
)

notes = Table(
    "notes",
    metadata,
    id_column(),
    parent_column("customers"),
    Column("at", TS, nullable=False),
    Column("author", String(120), nullable=False),
    Column("text", Text, nullable=False),
)

taxes = Table(
    "taxes",
    metadata,
    id_column(),
    Column("code", String(32), nullable=False),
    Column("rate", Money(), nullable=False),
)
Index("uq_taxes_code", func.lower(taxes.c.code), unique=True)

products = Table(
    "products",
    metadata,
    id_column(),
    Column("code", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit_price", Money(), nullable=False),
    Column("tax_code", String(32)),
    Column("frequencies", String(40), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
)
Index("uq_products_code", func.lower(products.c.code), unique=True)

orders = Table(
    "orders",
    metadata,
    id_column(),
    Column("code", String(32), nullable=False, unique=True),
    Column("customer_code", String(64), nullable=False, index=True),
    Column("created_at", TS, nullable=False),
    Column("status", StrEnumType(OrderStatus), nullable=False, index=True),
    Column("source", StrEnumType(Source), nullable=False),
    Column("billing_address_code", String(64)),
    Column("delivery_address_code", String(64)),
    Column("reference", String(120), nullable=False, default=""),
    Column("requested_date", Date),
    Column("due_date", Date),
    Column("payment_terms", String(120), nullable=False, default=""),
    Column("delivery_method", String(120), nullable=False, default=""),
    Column("warehouse", String(120), nullable=False, default=""),
    Column("remarks", Text, nullable=False, default=""),
    Column("discount_value", Money(), nullable=False),
    Column("discount_is_percent", Boolean, nullable=False, default=True),
    Column("shipping_charges", Money(), nullable=False),
    Column("adjustment", Money(), nullable=False),
    Column("parent_code", String(32)),
    Column("relation", StrEnumType(Relation)),
    Column("subscription_id", Integer),
    Column("subscription_iteration", Integer),
    # What the money rules decided when the order was made (migration 0012).
    Column("currency", String(3), nullable=False),
    Column("shipping_tax", String(32), nullable=False),
    Column("shipping_tax_rate", Money(), nullable=False),
    Column("discount_after_tax", Boolean, nullable=False, default=False),
    Column("absorbed", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False),
    UniqueConstraint("subscription_id", "subscription_iteration"),
)
Index("ix_orders_reference", func.lower(orders.c.customer_code), orders.c.reference)
# Lists newest first, of everyone or of one customer, paged by (created_at, id); an order
# found by its code or PO number whatever their case.
Index("ix_orders_created", orders.c.created_at, orders.c.id)
Index(
    "ix_orders_customer_created",
    func.lower(orders.c.customer_code),
    orders.c.created_at,
    orders.c.id,
)
Index("ix_orders_code_key", func.lower(orders.c.code))
Index("ix_orders_reference_key", func.lower(orders.c.reference))
# The orders made from an order (split, return, merged into it), listed on the parent:
# only the orders that have a parent (most have none, and SQLite's statistics of an index
# of NULLs made it walk every order instead); a read must name the same condition.
Index(
    "ix_orders_parent_key",
    func.lower(orders.c.parent_code),
    sqlite_where=orders.c.parent_code.is_not(None),
    postgresql_where=orders.c.parent_code.is_not(None),
)

order_lines = Table(
    "order_lines",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("description", String(300), nullable=False, default=""),
    Column("quantity", Money(), nullable=False),
    Column("unit_price", Money(), nullable=False),
    Column("tax_code", String(32)),
    Column("tax_rate", Money(), nullable=False),
    Column("discount_percent", Money(), nullable=False),
    Column("remarks", Text, nullable=False, default=""),
    Column("discount_amount", Money(), nullable=False),
)

shipments = Table(
    "shipments",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("number", Integer, nullable=False),
    Column("status", StrEnumType(ShipmentStatus), nullable=False),
    Column("planned_date", Date),
    Column("remarks", Text, nullable=False, default=""),
    Column("carrier", String(120), nullable=False, default=""),
    Column("tracking_number", String(120), nullable=False, default=""),
    Column("shipped_at", TS),
    Column("delivered_at", TS),
)

shipment_lines = Table(
    "shipment_lines",
    metadata,
    id_column(),
    parent_column("shipments"),
    Column("line_no", Integer, nullable=False),
    Column("quantity", Money(), nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    id_column(),
    parent_column("orders"),
    Column("created_at", TS, nullable=False),
    Column("subject", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("shipment_number", Integer),
    Column("state", StrEnumType(NotificationState), nullable=False),
    Column("sent_at", TS),
    Column("send_count", Integer, nullable=False, default=0),
)

timeline = Table(
    "timeline",
    metadata,
    id_column(),
    Column(
        "order_id", Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("at", TS, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("public", Boolean, nullable=False, default=True),
    # who did it (domain.actors): `unknown` on rows written before actors were kept
    Column("actor_door", String(16), nullable=False, default="", server_default=""),
    Column("actor_id", String(255), nullable=False, default="", server_default=""),
    Column("actor_name", String(255), nullable=False, default="", server_default=""),
    # what it says as a sentence with its values, said in each reader's language; NULL
    # on rows written before sentences were kept (their English `text` is shown)
    Column("sentence", SentenceJson()),
)

cases = Table(
    "cases",
    metadata,
    id_column(),
    Column("customer_code", String(64), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("priority", String(32), nullable=False),  # a case_priorities name
    Column("opened_at", TS, nullable=False),
    Column("status", StrEnumType(CaseStatus), nullable=False),
    Column("alert", Boolean, nullable=False, default=False),
    Column("closed_at", TS),
)
# A customer's cases are read by its code compared lower-cased (codes are case-insensitive).
Index("ix_cases_customer_key", func.lower(cases.c.customer_code), cases.c.id)

outbox = Table(
    "outbox",
    metadata,
    id_column(),
    Column("channel", StrEnumType(Channel), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("payload", JsonText(), nullable=False),
    Column("order_code", String(32), index=True),
    Column("key", String(200), unique=True),
    Column("status", StrEnumType(OutboxStatus), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", TS),
    Column("last_error", Text, nullable=False, default=""),
    Column("sent_at", TS),
)
Index("ix_outbox_due", outbox.c.status, outbox.c.next_attempt_at)

counters = Table(
    "counters",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("value", Integer, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("result", String(200), nullable=False),
    Column("created_at", TS, nullable=False, server_default=func.now()),
)

NUMBER_PREFIXES = ("SO", "INV", "WO", "RMA", "CN")
