"""Helpers of the order-door tests: a shop, and the same order asked for at each door.

Every door is driven the way a person or a system drives it: a line typed in the
console, a mail read from a real mailbox by the listener, a spreadsheet checked and
confirmed, the subscription job run. The stored rows are read back as plain dicts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

import bootstrap
from bot.console import Console
from domain import commands as c
from domain.imports.sessions import ImportReport, Verdict
from domain.inbox.mail import IntakeRules
from settings import Settings
from store.tables import core as t
from tests.integration.inbox_helpers import BUYER, mail, outbox_rows, poll
from tests.servers.dovecot import ImapAccount

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
TODAY = NOW.date()
LINES = (("WIDGET-A", 2), ("GADGET", 1))
"""The order asked for at every door: 2 x WIDGET-A and 1 x GADGET for ACME."""


def build_shop(url: str, **settings: Any) -> bootstrap.App:
    """An app whose clock stands at NOW, with a tax, two products (sold by subscription
    too) and ACME, whose contact is BUYER and whose default address is HQ."""
    app = bootstrap.build(Settings(database_url=url, _env_file=None, **settings), lambda: NOW)
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    for code, name, price in (("WIDGET-A", "Widget A", "12.50"), ("GADGET", "Gadget", "3.99")):
        bus.handle(
            c.CreateProduct(
                code=code, name=name, price=Decimal(price), tax="VAT20", frequencies="monthly"
            )
        )
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email=BUYER))
    bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR", default=True))
    return app


def typed(app: bootstrap.App, line: str) -> str:
    """The console's answer to a line."""
    return Console(app.bus.handle, lambda: TODAY).answer(line)


def console(app: bootstrap.App, options: str = "") -> str:
    """The console's answer to `order new` for the order, with `options` added."""
    lines = " ".join(f"{code} {qty}" for code, qty in LINES)
    return typed(app, f"order new ACME {lines} {options}")


def email(
    app: bootstrap.App, account: ImapAccount, po: str | None = None, confirm: bool = False
) -> dict[str, Any]:
    """The order mailed by ACME's buyer, read by the listener; the answer's payload."""
    body = "\n".join(f"{qty} x {code}" for code, qty in LINES) + (f"\nPO: {po}" if po else "")
    n = len(outbox_rows(app, "mail_reply")) + 1
    account.append(mail(body, message_id=f"<order{n}@acme.test>"))
    rules = IntakeRules(rep_channel="#orders", confirm_orders=confirm, answers_per_hour=50)
    poll(app, account, rules=rules)
    payload: dict[str, Any] = outbox_rows(app, "mail_reply")[-1]["payload"]
    return payload


def spreadsheet(
    app: bootstrap.App, folder: Path, reference: str = "", confirm: bool = True
) -> ImportReport:
    """The order as a multi-order CSV file, checked (and confirmed when no row is red)."""
    path = folder / f"orders-{len(list(folder.glob('orders-*.csv')))}.csv"
    rows = [f"ACME,{reference},{code},{qty}" for code, qty in LINES]
    path.write_text("\r\n".join(["Customer code,Order reference,Product,Quantity", *rows]))
    report: ImportReport = app.bus.handle(c.CheckImport(kind="orders", path=str(path)))
    if confirm and not report.counts.get(Verdict.RED):
        app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    return report


def subscription(app: bootstrap.App) -> None:
    """A monthly subscription to the order starting today, and the job run."""
    lines = tuple((code, Decimal(qty)) for code, qty in LINES)
    app.bus.handle(
        c.CreateSubscription(customer="ACME", lines=lines, frequency="monthly", start_date=TODAY)
    )
    run = app.bus.handle(c.RunJob(name="subscriptions", actor="test", manager=True)).run
    assert (run.orders_created, run.errors) == (1, []), run


def codes(app: bootstrap.App) -> list[str]:
    """Every order code, oldest first."""
    with app.engine.connect() as conn:
        return list(conn.scalars(select(t.orders.c.code).order_by(t.orders.c.id)))


def stored(app: bootstrap.App, code: str) -> dict[str, Any]:
    """An order's rows in every table a new order writes, ids and parent keys left out."""
    with app.engine.connect() as conn:
        order = conn.execute(select(t.orders).where(t.orders.c.code == code)).mappings().one()
        oid = order["id"]

        def rows(table: Any, where: Any, order_by: Any) -> list[dict[str, Any]]:
            found = conn.execute(select(table).where(where).order_by(order_by)).mappings()
            return [_plain(row) for row in found]

        shipments = rows(t.shipments, t.shipments.c.order_id == oid, t.shipments.c.number)
        ship_ids = conn.scalars(select(t.shipments.c.id).where(t.shipments.c.order_id == oid))
        return {
            "orders": [_plain(order)],
            "order_lines": rows(
                t.order_lines, t.order_lines.c.order_id == oid, t.order_lines.c.line_no
            ),
            "shipments": shipments,
            "shipment_lines": rows(
                t.shipment_lines,
                t.shipment_lines.c.shipment_id.in_(list(ship_ids)),
                t.shipment_lines.c.line_no,
            ),
            "timeline": rows(t.timeline, t.timeline.c.order_id == oid, t.timeline.c.id),
            "notifications": rows(
                t.notifications, t.notifications.c.order_id == oid, t.notifications.c.id
            ),
        }


def _plain(row: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(row).items() if k not in ("id", "order_id", "shipment_id")}
