"""The console as a new user meets it: only `help`, then a whole order's life, as text."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import bootstrap
from bot.console import Console
from tests.integration.conftest import AppFactory

TODAY = date(2026, 11, 23)


def _console(app: bootstrap.App) -> Console:
    return Console(app.bus.handle, lambda: TODAY)


def test_help_leads_to_every_form_a_new_user_needs(sqlite_url: str, make_app: AppFactory) -> None:
    console = _console(make_app(sqlite_url))
    top = console.answer("help")
    for family in ("/order", "/customer", "/product", "/tax", "/case", "/sub"):
        assert family in top
    orders = console.answer("order help")
    for verb in ("new", "split", "confirm", "ship", "invoice", "merge", "workorders", "set"):
        assert f"/order {verb} " in orders
    assert console.answer("order ship help").startswith("/order ship CODE [SHIPMENT]")
    wrong = console.answer("order ship")
    assert wrong.startswith("Not understood: some words are missing")
    assert "Use: /order ship CODE [SHIPMENT] [carrier:NAME] [tracking:NO]" in wrong


def test_a_whole_order_in_the_console_is_right_to_the_cent(
    sqlite_url: str, make_app: AppFactory
) -> None:
    console = _console(make_app(sqlite_url))
    for line in [
        "tax new VAT20 20",
        "tax new VAT5.5 5.5",
        'product new WIDGET-A "Widget A" 12.50 tax:VAT20',
        "product new TEA Tea 7.35 tax:VAT5.5",
        "product new BOLT Bolt 0.35",
        'customer new ACME "Acme SA" email:buyer@acme.example',
        'customer address ACME HQ street:"1 rue de la Paix" city:Paris zip:75001 country:FR',
    ]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    created = console.answer(
        "order new ACME WIDGET-A 10 TEA 3 @7.10 BOLT 100 ref:PO-77 due:+7d discount:5% "
        "shipping:12.00 adjust:-0.03"
    )
    assert created.startswith("Created SO-00001.")
    # 125.00 + 21.30 + 35.00 = 181.30; -5% = -9.07, shared by rate (6.25, 1.07, 1.75):
    # bases 0%: 33.25, 5.5%: 20.23, 20%: 118.75 (172.23). Shipping is taxed pro rata (the
    # SHIPPING_TAX default): 0%: 12 x 33.25 / 172.23 = 2.32, 5.5%: 12 x 20.23 / 172.23 =
    # 1.41, 20%: 8.27; tax 5.5% of 21.64 = 1.19 and 20% of 127.02 = 25.40;
    # 172.23 + 26.59 + 12.00 - 0.03.
    assert "Total €210.79" in created  # one formatter (l10n): English amounts read €1,234.50
    assert "Discount (5%) -€9.07" in created
    split = console.answer("order split SO-00001 WIDGET-A 4 date:2026-12-14")
    assert "#2 pending: 4 x WIDGET-A (planned 2026-12-14)" in split
    assert "#1 pending: 6 x WIDGET-A, 3 x TEA, 100 x BOLT" in split
    assert "SO-00001 confirmed." in console.answer("order confirm SO-00001")
    shipped = console.answer("order ship SO-00001 1 carrier:DHL tracking:1Z999")
    assert "partially shipped" in shipped
    assert "Backorder: 4 x WIDGET-A (shipment 2, expected 2026-12-14)" in shipped
    invoiced = console.answer("order invoice SO-00001 WIDGET-A 6 TEA 3")
    (line,) = [ln for ln in invoiced.splitlines() if ln.startswith("  Invoice INV-00001 ")]
    assert line.startswith("  Invoice INV-00001 (open, due ")  # on receipt: today
    assert line.endswith("): 6 x WIDGET-A, 3 x TEA = €120.83")  # shipping taxed pro rata
    assert "partially invoiced" in invoiced
    too_much = console.answer("order invoice SO-00001 WIDGET-A 5")
    assert too_much.startswith("Refused: quantity: only 4 of WIDGET-A is left to invoice")
    # shipment 1 has shipped: only shipment 2's goods are still to prepare
    work = console.answer("order workorders SO-00001 per-shipment")
    assert work.startswith("Made WO-00001.")
    assert "Work order WO-00001 (shipment 2, open): 4 x WIDGET-A" in work
    assert "WO-00002" not in work
    assert "customer ACME" not in console.answer("customer show ACME").lower()
    assert "Backorder SO-00001: 4 x WIDGET-A, expected 2026-12-14" in console.answer(
        "customer show ACME"
    )


def test_merge_in_the_console_and_its_refusal(sqlite_url: str, make_app: AppFactory) -> None:
    console = _console(make_app(sqlite_url))
    for line in [
        "product new BOLT Bolt 0.35",
        'customer new ACME "Acme SA"',
        'customer new BETA "Beta AG"',
        "order new ACME BOLT 10",
        "order new ACME BOLT 5",
        "order new BETA BOLT 1",
    ]:
        console.answer(line)
    refused = console.answer("order merge SO-00001 SO-00003")
    assert refused == "Refused: SO-00001 and SO-00003 are for different customers (ACME, BETA)."
    merged = console.answer("order merge SO-00002 SO-00001")
    assert merged.startswith("SO-00002 merged into SO-00001; SO-00002 is cancelled.")
    assert "2. BOLT" in merged
    assert "merged into SO-00001" in console.answer("order show SO-00002")


def test_orderbot_console_runs_as_a_program(tmp_path: Path) -> None:
    script = "help\ncustomer new ACME Acme\norder list\nquit\n"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", "import main; main.cli()", "console"],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "orderbot> customer new ACME Acme\nCreated customer ACME." in done.stdout
    assert "Orders: none." in done.stdout


def test_order_list_pages_in_the_console_and_sends_exports_to_the_command_line(
    sqlite_url: str, make_app: AppFactory
) -> None:
    console = _console(make_app(sqlite_url))
    for line in ["product new BREAD Bread 2.50", 'customer new ACME "Acme SA"']:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    for n in range(22):
        assert console.answer(f"order new ACME BREAD 1 ref:PO-{n}").startswith("Created")
    first = console.answer("order list ACME").splitlines()
    assert len(first) == 22  # the title, twenty orders, the line of the next page
    assert first[-1] == "more: order list ACME after:SO-00003"
    rest = console.answer(first[-1].removeprefix("more: ")).splitlines()
    assert [line.split()[0] for line in rest[1:]] == ["SO-00002", "SO-00001"]
    assert console.answer("order list ref:po-4").splitlines()[1].startswith("  SO-00005")
    assert console.answer("order list to-ship").startswith("Orders: none.")
    assert console.answer("order export ACME").startswith(
        "Not understood: /order export [CUSTOMER] [status:STATUS] [to-ship] [to-invoice] "
        "[overdue] [ref:PO] [since:DATE] [until:DATE] works in Slack; here use: orderbot "
        "order list ... --xlsx -o FILE (or --csv)."
    )
