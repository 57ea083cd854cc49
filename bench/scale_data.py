"""The data of bench/scale.py, written fast: customers through the import's bulk writer,
then orders, shipments and invoices made here (COPY on PostgreSQL, one executemany a
batch on SQLite), and their lines, shipment lines, invoice lines and timeline entries
worked out by the database itself (INSERT ... SELECT). Filling is not what the bench
measures; it only has to be quick and give every order what the commands read.

Deterministic: the same sizes give the same data. Besides the ordinary orders:
- one customer (`BIG_CUSTOMER`) holds `big` of them (one order in every `count // big`);
- `SPECIAL` draft orders of `SMALL_LINES` lines and as many of `LARGE_LINES` lines, each
  line with the timeline entry an add leaves, for the add-line figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, text

from bench.search_data import customer_plan, order_state
from store.imports.writes import CustomerWriter
from store.tables import core as t

BIG_CUSTOMER = "C000042"
PRODUCTS = ("BREAD", "CAKE", "FLOUR", "SUGAR", "BUTTER", "YEAST", "SALT", "MILK", "EGGS",
            "HONEY", "JAM", "TEA", "COFFEE", "COCOA", "OATS", "RICE", "NUTS", "RAISINS",
            "VANILLA", "CREAM")  # fmt: skip
SPECIAL = 20
SMALL_LINES = 10
LARGE_LINES = 1_000
BATCH = 50_000
CHANNEL = "C0ORDERS"
"""The orders channel of the add-line figure with Slack cards (the special drafts' threads)."""

ORDER_COLUMNS = ("id", "code", "customer_code", "created_at", "status", "source", "reference",
                 "due_date", "discount_value", "discount_is_percent", "shipping_charges",
                 "adjustment", "version", "payment_terms", "delivery_method", "warehouse",
                 "remarks")  # fmt: skip
SHIPMENT_COLUMNS = ("id", "order_id", "number", "status", "planned_date", "remarks", "carrier",
                    "tracking_number", "shipped_at")  # fmt: skip
INVOICE_COLUMNS = ("id", "order_id", "code", "created_at", "net", "tax", "gross")


@dataclass(frozen=True)
class Sizes:
    """How much to fill."""

    customers: int
    orders: int
    big: int  # orders of BIG_CUSTOMER

    @property
    def small_orders(self) -> list[str]:
        """The codes of the draft orders of SMALL_LINES lines."""
        return [order_code(self.orders + n) for n in range(1, SPECIAL + 1)]

    @property
    def large_orders(self) -> list[str]:
        """The codes of the draft orders of LARGE_LINES lines."""
        return [order_code(self.orders + SPECIAL + n) for n in range(1, SPECIAL + 1)]


def order_code(n: int) -> str:
    """The code of the n-th order, as the numbering writes it."""
    return f"SO-{n:05d}"


def fill(conn: Connection, sizes: Sizes, now: datetime) -> None:
    """Everything, in one transaction of `conn`."""
    CustomerWriter(conn).write(customer_plan(sizes.customers), now)
    conn.execute(insert(t.products), [
        {"code": code, "name": code.title(), "unit_price": Decimal("2.50") + n,
         "tax_code": None, "frequencies": "", "active": True}
        for n, code in enumerate(PRODUCTS)
    ])  # fmt: skip
    for orders, shipments, invoices in _batches(sizes, now):
        write_rows(conn, "orders", ORDER_COLUMNS, orders)
        write_rows(conn, "shipments", SHIPMENT_COLUMNS, shipments)
        write_rows(conn, "invoices", INVOICE_COLUMNS, invoices)
    _special_orders(conn, sizes, now)
    for statement in _derived(sizes) + _desk(now):
        conn.execute(text(statement))
    last = sizes.orders + 2 * SPECIAL
    conn.execute(t.counters.update().where(t.counters.c.name == "SO").values(value=last))
    if conn.dialect.name == "postgresql":
        for table in ("orders", "shipments", "invoices"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT max(id) FROM {table}))"))  # fmt: skip
    invoiced = conn.scalar(text("SELECT count(*) FROM invoices"))
    conn.execute(t.counters.update().where(t.counters.c.name == "INV").values(value=invoiced))


def analyze(conn: Connection) -> None:
    """Statistics for the planner, as a database in service has them."""
    conn.execute(text("ANALYZE"))


def _batches(
    sizes: Sizes, now: datetime
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Orders over two years, newest last, with their shipment and invoice, BATCH at a time."""
    rng = random.Random(2)
    step = max(1, sizes.orders // max(1, sizes.big))
    zero = Decimal(0)
    invoice_id = 0
    for start in range(1, sizes.orders + 1, BATCH):
        orders, shipments, invoices = [], [], []
        for n in range(start, min(start + BATCH, sizes.orders + 1)):
            age = timedelta(days=730 * (sizes.orders - n) / sizes.orders)
            created = now - age
            big = n % step == 0 and n // step <= sizes.big
            customer = BIG_CUSTOMER if big else f"C{rng.randrange(sizes.customers):06d}"
            status, shipped, invoiced = order_state(age.days, rng)
            orders.append((
                n, order_code(n), customer, created, status, "console",
                f"PO-{n:06d}" if n % 2 == 0 else "", (created + timedelta(days=14)).date(),
                zero, True, zero, zero, 1, "", "", "", "",
            ))  # fmt: skip
            state = "cancelled" if status == "cancelled" else "shipped" if shipped else "pending"
            shipments.append((n, n, 1, state, None, "", "DHL" if shipped else "",
                              f"1Z{n:09d}" if shipped else "",
                              created + timedelta(days=2) if shipped else None))  # fmt: skip
            if invoiced:
                invoice_id += 1
                amount = Decimal(10 * (1 + n % 3))
                invoices.append((invoice_id, n, f"INV-{invoice_id:05d}",
                                 created + timedelta(days=3), amount, zero, amount))  # fmt: skip
        yield orders, shipments, invoices


def _special_orders(conn: Connection, sizes: Sizes, now: datetime) -> None:
    """The drafts the add-line figures add to, each with one pending shipment; made a
    year ago, so that the first pages of lists are not twenty orders of 1,000 lines."""
    zero, first = Decimal(0), sizes.orders + 1
    ids = range(first, first + 2 * SPECIAL)
    write_rows(conn, "orders", ORDER_COLUMNS, [
        (n, order_code(n), "C000007", now - timedelta(days=400), "draft", "console", "",
         now.date() + timedelta(days=7), zero, True, zero, zero, 1, "", "", "", "")
        for n in ids
    ])  # fmt: skip
    write_rows(conn, "shipments", SHIPMENT_COLUMNS,
               [(n, n, 1, "pending", None, "", "", "", None) for n in ids])  # fmt: skip


def _derived(sizes: Sizes) -> list[str]:
    """The rows the database works out from the orders, shipments and invoices."""
    last, first = sizes.orders, sizes.orders + 1
    products = " ".join(f"WHEN {n} THEN '{code}'" for n, code in enumerate(PRODUCTS))
    line = (
        "INSERT INTO order_lines (order_id, line_no, product_code, description, quantity, "
        "unit_price, tax_code, tax_rate, discount_percent, remarks) "
        f"SELECT o.id, k.n, CASE (o.id + k.n) % {len(PRODUCTS)} {products} END, '', "
        "5, 2, NULL, 0, 0, '' FROM orders o JOIN k ON "
    )

    def series(most: int) -> str:
        return f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {most}) "

    special = f"o.id BETWEEN {first} AND {first + 2 * SPECIAL - 1}"
    small = f"k.n <= CASE WHEN o.id < {first + SPECIAL} THEN {SMALL_LINES} ELSE {LARGE_LINES} END"
    return [
        # one to three lines an ordinary order; the special drafts 10 or 1,000
        series(3) + line + f"k.n <= 1 + o.id % 3 WHERE o.id <= {last}",
        series(LARGE_LINES) + line + f"{small} WHERE {special}",
        (
            "INSERT INTO shipment_lines (shipment_id, line_no, quantity) "
            "SELECT s.id, l.line_no, l.quantity FROM shipments s "
            "JOIN order_lines l ON l.order_id = s.order_id WHERE s.status <> 'cancelled'"
        ),
        (
            "INSERT INTO invoice_lines (invoice_id, line_no, product_code, quantity) "
            "SELECT i.id, l.line_no, l.product_code, l.quantity FROM invoices i "
            "JOIN order_lines l ON l.order_id = i.order_id"
        ),
        # the events: made, its status, the shipment's departure, each line added by hand
        (
            "INSERT INTO timeline (order_id, at, kind, text, public) "
            "SELECT id, created_at, 'created', 'Order created.', TRUE FROM orders"
        ),
        (
            "INSERT INTO timeline (order_id, at, kind, text, public) "
            "SELECT id, created_at, 'order_' || status, 'Order ' || status || '.', TRUE "
            "FROM orders WHERE status <> 'draft'"
        ),
        (
            "INSERT INTO timeline (order_id, at, kind, text, public) "
            "SELECT order_id, shipped_at, 'shipment_shipped', "
            "'Shipment 1 shipped with DHL, tracking ' || tracking_number || '.', TRUE "
            "FROM shipments WHERE status = 'shipped'"
        ),
        (
            "INSERT INTO notifications (order_id, created_at, subject, status, text, state, "
            "sent_at, send_count) SELECT order_id, shipped_at, 'shipment', 'shipped', "
            "'Shipment 1 shipped.', 'sent', shipped_at, 1 FROM shipments WHERE status = 'shipped'"
        ),
        (
            "INSERT INTO timeline (order_id, at, kind, text, public) "
            "SELECT o.id, o.created_at, 'line_added', 'Added 5 x ' || l.product_code || '.', FALSE "
            f"FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE {special}"
        ),
    ]


def _desk(now: datetime) -> list[str]:
    """What the desk reads besides orders: a catalogue sent to every customer twice, a
    case for one customer in ten (an alert for one in fifty), and the thread of each
    special draft (its card is updated when a line is added, with an orders channel)."""
    at = f"'{_sqlite(now)}'"  # the stored form on both
    first = "o.id > (SELECT max(id) FROM orders) - " + str(2 * SPECIAL)
    return [
        (
            "INSERT INTO catalogue_sends (customer_code, catalogue_name, source_code, sent_at, "
            "actor, products, recipient) SELECT c.code, 'default', 'SRC' || k.n, "
            f"{at}, 'bench', 20, '' FROM customers c CROSS JOIN "
            "(SELECT 1 AS n UNION ALL SELECT 2) k"
        ),
        (
            "INSERT INTO cases (customer_code, title, priority, opened_at, status, alert) "
            "SELECT code, 'Late delivery', CASE WHEN id % 50 = 0 THEN 'high' ELSE 'low' END, "
            f"{at}, 'open', id % 50 = 0 FROM customers WHERE id % 10 = 0"
        ),
        (
            "INSERT INTO order_threads (key, channel, customer_code, ts, owner, "
            'last_message_id, "references", subject, created_at) '
            f"SELECT 'order:' || o.code, '{CHANNEL}', o.customer_code, '1700000000.000100', "
            f"'', '', '[]', '', {at} FROM orders o WHERE {first}"
        ),
    ]


# --- rows written fast ------------------------------------------------------------------


def write_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Rows of `table` as tuples of `columns`: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    raw = conn.connection.driver_connection
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    cursor = raw.cursor()  # type: ignore[union-attr]
    cursor.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",
        [tuple(_sqlite(value) for value in row) for row in rows],
    )


def _sqlite(value: Any) -> Any:
    """A value as SQLAlchemy stores it on SQLite (store.tables.types)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return int(value)
    return value
