"""Records in the console: work orders asked in three scopes, an invoice paid and one
voided with its credit note, a return refunded with its own, all listed and shown."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.console import Console
from tests.integration.conftest import AppFactory


def test_records_of_one_order_in_the_console(sqlite_url: str, make_app: AppFactory) -> None:
    today = datetime.now(ZoneInfo("Europe/Paris")).date()  # the app's own clock and zone
    console = Console(make_app(sqlite_url).bus.handle, lambda: today)
    for line in [
        "tax new VAT20 20",
        "product new WIDGET Widget 10.00 tax:VAT20",
        "product new GADGET Gadget 5.00 tax:VAT20",
        'customer new ACME "Acme SA"',
        'order new ACME WIDGET 10 GADGET 5 terms:"Net 30" confirm',
        "order split SO-00001 WIDGET 4",
        "order ship SO-00001 1 carrier:DHL",
    ]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line

    # work orders: shipment 1 left, so every scope takes the 4 WIDGET of shipment 2 only
    assert console.answer("order workorders SO-00001 per-shipment").startswith("Made WO-00001.")
    assert console.answer("order workorders SO-00001 per-product").startswith(
        "Made WO-00002; it replaces the open work orders WO-00001 (per-shipment), now cancelled."
    )
    every = console.answer("order workorders SO-00001 all")
    assert "Work order WO-00003 (all products, open): 4 x WIDGET" in every
    assert console.answer("order workorders SO-00001 all") == (
        "Refused: scope: SO-00001 has nothing left to prepare in all work orders: its "
        "unshipped goods are on WO-00003.\n"
        "Form: /order workorders CODE per-shipment|per-product|all"
    )
    assert console.answer("workorder list SO-00001 status:cancelled").splitlines() == [
        "Work orders of SO-00001 (cancelled):",
        "  WO-00002   SO-00001   ACME       cancelled per-product (WIDGET)",
        "  WO-00001   SO-00001   ACME       cancelled per-shipment (shipment 2)",
    ]
    assert console.answer("workorder done WO-00003").startswith("WO-00003 is done.")

    # an invoice paid; another voided, with its credit note
    console.answer("order invoice SO-00001 WIDGET 6 GADGET 5")
    due = today + timedelta(days=30)
    shown = console.answer("invoice show INV-00001")
    assert shown.splitlines()[:3] == [
        "INV-00001 · invoice of SO-00001 · Acme SA (ACME) · open",
        f"  made {today} · terms Net 30 · due {due}",
        "  Goods: 6 x WIDGET, 5 x GADGET",
    ]
    assert "Amounts: net €85.00 · tax €17.00 · total €102.00" in shown
    assert console.answer("invoice paid INV-00001 date:today").startswith("INV-00001 is paid.")
    console.answer("order invoice SO-00001")
    voided = console.answer('invoice void INV-00002 reason:"wrong address"')
    assert voided.startswith("INV-00002 is void; credit note CN-00001 made.")
    assert "  Credit note CN-00001: €48.00" in voided
    note = console.answer("invoice show CN-00001")
    assert note.splitlines()[:2] == [
        "CN-00001 · credit note of SO-00001 · Acme SA (ACME)",
        f"  made {today} for voided invoice INV-00002 · reason: wrong address",
    ]
    assert console.answer("invoice list ACME status:void").splitlines() == [
        "Invoices of ACME (void):",
        f"  INV-00002  SO-00001   ACME       void  due {due}  €48.00",
    ]

    # a return received then refunded, with its credit note
    console.answer("order return SO-00001 GADGET 2 reason:broken")
    early = console.answer("return refund RMA-00001")
    assert early == (
        "Refused: RMA-00001 is requested; it cannot become refunded (it must be received first)."
    )
    assert console.answer("return received RMA-00001").startswith("RMA-00001 is received.")
    refunded = console.answer("return refund RMA-00001")
    assert refunded.startswith("RMA-00001 is refunded; credit note CN-00002 made.")
    assert "  Credit note CN-00002: €12.00" in refunded
    assert console.answer("invoice credits SO-00001").splitlines() == [
        "Credit notes of SO-00001:",
        "  CN-00002   SO-00001   ACME       for RMA-00001  €12.00",
        "  CN-00001   SO-00001   ACME       for INV-00002  €48.00",
    ]
    order = console.answer("order show SO-00001")
    for line in [
        f"  Invoice INV-00001 (paid, due {due}): 6 x WIDGET, 5 x GADGET = €102.00",
        f"  Invoice INV-00002 (void, due {due}): 4 x WIDGET = €48.00",
        "  Work order WO-00003 (all products, done): 4 x WIDGET",
        "  Return RMA-00001 (refunded): 2 x GADGET broken",
        "  Credit note CN-00002 for RMA-00001: €12.00",
    ]:
        assert line in order.splitlines(), line
    assert console.answer("invoice help").startswith("/invoice: invoices and credit notes")


def test_the_settings_add_payment_terms(sqlite_url: str, make_app: AppFactory) -> None:
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    app = make_app(
        sqlite_url, payment_terms="Net 10=10; 90 days end of month=90 eom",
        payment_terms_default="Net 10",
    )  # fmt: skip
    console = Console(app.bus.handle, lambda: today)
    for line in [
        "product new WIDGET Widget 10.00",
        'customer new ACME "Acme SA"',
        "order new ACME WIDGET 1 confirm",
        'order new ACME WIDGET 1 terms:"90 days end of month" confirm',
        "order invoice SO-00001",
        "order invoice SO-00002",
    ]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    assert f"terms Net 10 · due {today + timedelta(days=10)}" in console.answer(
        "invoice show INV-00001"
    )
    assert "terms 90 days end of month · due " in console.answer("invoice show INV-00002")
