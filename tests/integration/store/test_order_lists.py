"""`order list` with its filters, keyset pages and exports, on real databases.

Eight orders made a day apart, each in a state a filter tells apart; "today" is the
tenth day. Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import bootstrap
import main
from domain import commands as c
from domain.errors import NotFound, ValidationFailed
from domain.orders.listing import SHEET_HEADER
from domain.services.views import Listing, OrdersExported
from settings import Settings

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def shop(database_url: str) -> Iterator[tuple[bootstrap.App, Clock]]:
    clock = Clock()
    app = bootstrap.build(Settings(database_url=database_url, _env_file=None), clock=clock)
    yield app, clock
    app.engine.dispose()


def _day(n: int) -> date:
    return START.date() + timedelta(days=n - 1)


def _orders(app: bootstrap.App, clock: Clock) -> None:
    """SO-00001..8, made on days 1..8; today is day 10."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="BREAD", name="Bread", price=Decimal("2.50"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="CAKE", name="Cake", price=Decimal("10"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    bus.handle(c.CreateCustomer(code="BETA", name="Beta ApS"))
    lines = (c.LineInput(product="BREAD", quantity=Decimal(4)),
             c.LineInput(product="CAKE", quantity=Decimal(1)))  # fmt: skip
    made = [
        ("ACME", "PO-1", None),  # 1 draft
        ("ACME", "", _day(5)),  # 2 confirmed, due day 5: to ship, to invoice, overdue
        ("ACME", "", None),  # 3 shipped, not invoiced
        ("ACME", "", None),  # 4 invoiced, not shipped
        ("ACME", "", None),  # 5 shipped and invoiced: closed by the rule
        ("ACME", "", None),  # 6 cancelled
        ("BETA", "", None),  # 7 half shipped, the rest planned for day 3; half invoiced
        ("BETA", "PO-77", _day(30)),  # 8 confirmed, due day 30
    ]
    for number, (customer, reference, due) in enumerate(made, start=1):
        clock.now = START + timedelta(days=number - 1)
        bus.handle(c.CreateOrder(customer=customer, lines=lines, reference=reference,
                                 due_date=due, confirm=number not in (1, 6)))  # fmt: skip
    clock.now = START + timedelta(days=9)
    for code in ("SO-00003", "SO-00005"):
        bus.handle(c.ShipOrder(code=code))
    for code in ("SO-00004", "SO-00005"):
        bus.handle(c.InvoiceOrder(code=code))
    bus.handle(c.CancelOrder(code="SO-00006"))
    bus.handle(c.SplitShipment(code="SO-00007", product="BREAD", quantity=Decimal(2),
                               planned_date=_day(3)))  # fmt: skip
    bus.handle(c.ShipOrder(code="SO-00007", shipment=1))
    bus.handle(c.InvoiceOrder(code="SO-00007", lines=(("CAKE", Decimal(1)),)))


def _codes(app: bootstrap.App, **asked: object) -> list[str]:
    listing = app.bus.handle(c.ListOrders(**asked))  # type: ignore[arg-type]
    return [o.code[-1] for o in listing.items]


def test_each_filter_alone_and_together(shop: tuple[bootstrap.App, Clock]) -> None:
    app, clock = shop
    _orders(app, clock)
    assert str(app.bus.handle(c.ShowOrder(code="SO-00005")).order.status) == "closed"
    assert _codes(app) == list("87654321")
    assert _codes(app, to_ship=True) == list("8742")
    assert _codes(app, to_invoice=True) == list("8732")
    assert _codes(app, overdue=True) == list("72")
    assert _codes(app, reference="po-77") == ["8"]
    assert _codes(app, reference="PO-1") == ["1"]
    assert _codes(app, since=_day(4), until=_day(6)) == list("654")
    assert _codes(app, since=_day(7)) == list("87")
    assert _codes(app, until=_day(1)) == ["1"]
    assert _codes(app, status="cancelled") == ["6"]
    assert _codes(app, customer="beta", to_ship=True) == list("87")
    assert _codes(app, customer="ACME", overdue=True) == ["2"]
    assert _codes(app, status="confirmed", to_invoice=True, since=_day(3)) == list("873")
    assert _codes(app, to_ship=True, to_invoice=True, overdue=True) == list("72")


def test_wrong_filters_are_refused_with_their_field(shop: tuple[bootstrap.App, Clock]) -> None:
    app, clock = shop
    _orders(app, clock)
    with pytest.raises(ValidationFailed, match="'shipped': use draft"):
        app.bus.handle(c.ListOrders(status="shipped"))
    with pytest.raises(ValidationFailed, match="2026-03-02 is before since: 2026-03-05"):
        app.bus.handle(c.ListOrders(since=_day(5), until=_day(2)))
    with pytest.raises(NotFound, match="GAMMA"):
        app.bus.handle(c.ListOrders(customer="GAMMA"))
    with pytest.raises(NotFound, match="SO-99999"):
        app.bus.handle(c.ListOrders(after="SO-99999"))


@pytest.mark.parametrize(("count", "pages"), [(20, [20]), (21, [20, 1]), (45, [20, 20, 5])])
def test_pages_of_twenty_go_on_after_the_last_order_shown(
    shop: tuple[bootstrap.App, Clock], count: int, pages: list[int]
) -> None:
    app, clock = shop
    app.bus.handle(c.CreateProduct(code="BREAD", name="Bread", price=Decimal("2.50")))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    line = (c.LineInput(product="BREAD", quantity=Decimal(1)),)
    for number in range(count):
        # orders made in the same second share their time: the id keeps them apart
        clock.now = START + timedelta(seconds=number // 3)
        app.bus.handle(c.CreateOrder(customer="ACME", lines=line))
    seen: list[str] = []
    sizes: list[int] = []
    query: c.ListOrders | None = c.ListOrders()
    while query is not None:
        page = app.bus.handle(query)
        assert isinstance(page, Listing)
        sizes.append(len(page.items))
        seen += [o.code for o in page.items]
        query = page.more  # type: ignore[assignment]
        if query is not None:
            assert query.after == seen[-1]
    assert sizes == pages
    assert seen == [f"SO-{n:05d}" for n in range(count, 0, -1)]


def test_an_export_holds_every_order_of_the_list_not_a_page(
    shop: tuple[bootstrap.App, Clock], tmp_path: Path
) -> None:
    app, clock = shop
    _orders(app, clock)
    xlsx = app.bus.handle(c.ExportOrders(to_ship=True, path=str(tmp_path / "o.xlsx")))
    assert xlsx == OrdersExported(str(tmp_path / "o.xlsx"), "xlsx", 4)
    sheet = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(SHEET_HEADER)
    assert [r[0] for r in rows[1:]] == ["SO-00008", "SO-00007", "SO-00004", "SO-00002"]
    eight = dict(zip(SHEET_HEADER, rows[1], strict=True))
    assert eight["Customer"] == "BETA"
    assert eight["PO number"] == "PO-77"
    due = eight["Due date"]
    assert isinstance(due, datetime)  # a date cell (openpyxl reads dates as datetimes)
    assert due.date() == date(2026, 3, 30)
    assert (eight["Net"], eight["Tax"], eight["Gross"]) == (20, 4, 24)
    assert eight["Invoicing"] == "not invoiced"
    app.bus.handle(c.ExportOrders(path=str(tmp_path / "o.csv"), kind="csv"))
    with (tmp_path / "o.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == list(SHEET_HEADER)
    assert [line[0] for line in lines[1:]] == [f"SO-{n:05d}" for n in range(8, 0, -1)]
    five = dict(zip(SHEET_HEADER, lines[4], strict=True))
    assert (five["Status"], five["Shipping"], five["Invoicing"]) == (
        "closed", "shipped", "invoiced")  # fmt: skip
    assert (five["Created"], five["Gross"], five["Currency"]) == ("2026-03-05", "24.00", "EUR")


def test_an_export_refuses_a_kind_it_cannot_write(
    shop: tuple[bootstrap.App, Clock], tmp_path: Path
) -> None:
    app, _ = shop
    with pytest.raises(ValidationFailed, match="'ods': orders are exported as xlsx or csv"):
        app.bus.handle(c.ExportOrders(path=str(tmp_path / "o.ods"), kind="ods"))
    assert not (tmp_path / "o.ods").exists()


def test_the_command_line_pages_and_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    clock = Clock()
    app = bootstrap.build(Settings(database_url=url, _env_file=None), clock=clock)
    _orders(app, clock)
    app.engine.dispose()
    assert main.main(["order", "list", "to-ship", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[1:4]] == ["SO-00008", "SO-00007", "SO-00004"]
    assert out[-1] == "more: order list to-ship after:SO-00004"
    assert main.main(["order", "list", "to-ship", "after:SO-00004"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[1:]] == ["SO-00002"]
    assert main.main(["order", "list", "BETA", "--xlsx", "-o", "beta.xlsx"]) == 0
    assert capsys.readouterr().out.strip() == "Exported 2 orders to beta.xlsx (xlsx)."
    assert openpyxl.load_workbook(tmp_path / "beta.xlsx").active.max_row == 3  # type: ignore[union-attr]
    assert main.main(["order", "list", "--csv"]) == 2
    assert "add -o FILE" in capsys.readouterr().err
    assert main.main(["order", "list", "since:someday"]) == 2
    assert "'someday' is not a date" in capsys.readouterr().err
