"""An order changed after the fact, typed in the console by two people: a line's
quantity and price, quantities moved between shipments, a shipment rescheduled, the
due date moved, a tracking number corrected after shipping; then the order's totals,
shipments and timeline (with who did what) exactly, in text, JSON and on the
customer's tracking page (which names no one). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import bootstrap
from bot.console import Console
from bot.views.json import to_json
from domain import commands as c
from settings import Settings
from store.repositories.notifications import SqlTrackingView

TODAY = date(2026, 11, 23)
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SETUP = [
    "tax new VAT20 20",
    'product new WIDGET-A "Widget A" 12.50 tax:VAT20',
    "product new GADGET Gadget 3.99 tax:VAT20",
    'customer new ACME "Acme SA" email:buyer@acme.example',
    'customer address ACME HQ street:"1 rue de la Paix" city:Paris zip:75001 country:FR',
]


class Clock:
    """A minute passes with every reading."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _desk(database_url: str) -> tuple[bootstrap.App, Console, Console]:
    settings = Settings(
        database_url=database_url, public_url="http://t.test", secret_key="k" * 32, _env_file=None
    )
    app = bootstrap.build(settings, clock=Clock())
    rep = Console(app.bus.handle, lambda: TODAY, actor="rep")
    boss = Console(app.bus.handle, lambda: TODAY, actor="boss")
    for line in SETUP:
        assert not rep.answer(line).startswith(("Refused", "Not understood")), line
    return app, rep, boss


def _typed(console: Console, line: str, expected: str) -> str:
    answer = console.answer(line)
    assert answer.startswith(expected), (line, answer)
    return answer


def test_an_order_changed_after_the_fact_ends_exactly_as_expected(database_url: str) -> None:
    app, rep, boss = _desk(database_url)
    try:
        _the_changes(rep, boss)
        shown = rep.answer("order show SO-00001")
        assert shown.split("\n  Lines:\n", 1)[1] == EXPECTED_SHOW
        _the_json(app)
        _the_tracking_page(app, rep)
    finally:
        app.engine.dispose()


def _the_changes(rep: Console, boss: Console) -> None:
    _typed(rep, "order new ACME WIDGET-A 10 GADGET 3 @4.10 ref:PO-77 due:2026-12-01", "Created")
    _typed(rep, "order split SO-00001 WIDGET-A 4 date:2026-12-14", "Moved 4 x WIDGET-A")
    _typed(rep, "order change SO-00001 1 qty:12 price:11.00", "Changed line 1 (WIDGET-A)")
    _typed(rep, "order move SO-00001 WIDGET-A 3 from:1 to:2", "Moved to shipment 2")
    _typed(rep, "order plan SO-00001 2 date:2026-12-20", "Shipment 2 of SO-00001 planned")
    _typed(boss, "order set SO-00001 due:2026-12-05", "Changed due date.")
    _typed(boss, "order confirm SO-00001", "SO-00001 confirmed.")
    _typed(boss, "order ship SO-00001 1 carrier:DHL tracking:1Z999", "Shipment 1 of SO-00001")
    _typed(rep, "order ship SO-00001 1 tracking:1Z998", "Shipment 1 of SO-00001")


EXPECTED_SHOW = """\
    1. WIDGET-A         12 x €11.00 VAT20  = €132.00
    2. GADGET            3 x €4.10 VAT20  = €12.30
  Shipments:
    #1 shipped: 5 x WIDGET-A, 3 x GADGET (planned 2026-12-05 · DHL · tracking 1Z998)
    #2 pending: 7 x WIDGET-A (planned 2026-12-20)
  Backorder: 7 x WIDGET-A (shipment 2, expected 2026-12-20)
  History:
    2026-11-23 09:06 rep (console): Order created (console) with 2 line(s).
    2026-11-23 09:07 rep (console): Shipment 2 planned.
    2026-11-23 09:08 rep (console): Line 1 (WIDGET-A): price €12.50 -> €11.00, quantity 10 -> 12.
    2026-11-23 09:09 rep (console): Moved 3 x WIDGET-A from shipment 1 to shipment 2.
    2026-11-23 09:10 rep (console): Shipment 2 planned for 2026-12-20.
    2026-11-23 09:11 boss (console): Changed due date.
    2026-11-23 09:11 boss (console): Shipment 1 planned for 2026-12-05 (it follows the due date).
    2026-11-23 09:12 boss (console): Order confirmed.
    2026-11-23 09:13 boss (console): Shipment 1 shipped with DHL, tracking 1Z999.
    2026-11-23 09:14 rep (console): Shipment 1 corrected: tracking 1Z999 -> 1Z998.
  2 notifications pending: /order notify SO-00001
  Totals: Subtotal €144.30 · Tax 20% €28.86 · Total €173.16"""


def _the_json(app: bootstrap.App) -> None:
    data = to_json(app.bus.handle(c.ShowOrder(code="SO-00001")))
    assert data["totals"]["gross"] == "173.16"
    assert [(e["kind"], e["actor"]) for e in data["timeline"]][-2:] == [
        ("shipment_shipped", {"door": "console", "id": "boss", "name": ""}),
        ("shipment_corrected", {"door": "console", "id": "rep", "name": ""}),
    ]


def _the_tracking_page(app: bootstrap.App, rep: Console) -> None:
    link = rep.answer("order track SO-00001")
    token = re.search(r"/t/([\w.-]+)", link)
    assert token is not None, link
    page = SqlTrackingView(app.uow).page(token.group(1), T0 + timedelta(hours=1))
    assert page is not None
    assert [(s["number"], s["planned_date"], s["tracking_number"]) for s in page["shipments"]] == [
        (1, "2026-12-05", "1Z998"),
        (2, "2026-12-20", ""),
    ]
    assert [e["text"] for e in page["timeline"]] == [
        "Order created (console) with 2 line(s).",
        "Shipment 2 planned for 2026-12-20.",
        "Shipment 1 planned for 2026-12-05 (it follows the due date).",
        "Order confirmed.",
        "Shipment 1 shipped with DHL, tracking 1Z999.",
        "Shipment 1 corrected: tracking 1Z999 -> 1Z998.",
    ]
    every_key = {key for entry in page["timeline"] for key in entry}
    # no actor, no door: the sentence is kept so the page can word the entry (its facts)
    assert every_key == {"at", "kind", "text", "sentence"}
    assert "rep" not in str(page)
    assert "boss" not in str(page)
