"""The customer desk's set-based reads (store.repositories.desk) give what the desk
worked out from whole orders before (tests.unit.fakes_desk): each query, and the shown
desk, compared on a customer with orders in every state."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

import bootstrap
from bot.views.json import to_json
from bot.views.text import customer_text
from domain import commands as c
from domain.orders import desk
from domain.orders.shipping import BACKORDERED
from domain.orders.states import OrderStatus
from domain.services.views import CustomerView
from l10n.formats import Formats
from store.repositories import desk as store_desk
from tests.unit import fakes_desk as reference


def line(product: str, qty: str, **more: object) -> c.LineInput:
    return c.LineInput(product=product, quantity=Decimal(qty), **more)  # type: ignore[arg-type]


def _world(app: bootstrap.App) -> None:
    """ACME with drafts, confirmed orders with shipments in the warehouse and gone, a
    split, invoices (one void), a return, a merge, closed and cancelled orders; lines
    at several prices, discounts and tax rates. BETA's orders must never show."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT21", rate=Decimal("21"), manager=True))
    bus.handle(c.CreateTax(code="VAT6", rate=Decimal("6"), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT21"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.10"), tax="VAT6"))
    bus.handle(c.CreateProduct(code="BOLT", name="Bolt", price=Decimal("0.07")))
    for who in ("ACME", "BETA"):
        bus.handle(c.CreateCustomer(code=who, name=f"{who} SA"))
    lines = (
        line("WIDGET", "4"),
        line("GADGET", "2.5", discount_percent=Decimal(10)),
        line("BOLT", "1000", discount_amount=Decimal("1.25")),
    )
    for n in range(14):
        bus.handle(c.CreateOrder(customer="ACME", lines=lines[: 1 + n % 3], confirm=n % 2 == 0))
    bus.handle(c.CreateOrder(customer="BETA", lines=lines, confirm=True))  # SO-00015
    bus.handle(c.AddLine(code="SO-00001", line=line("WIDGET", "3", price=Decimal("11"))))
    bus.handle(c.ShipOrder(code="SO-00003", carrier="DHL"))
    bus.handle(c.SplitShipment(code="SO-00005", product="GADGET", quantity=Decimal(1),
                               planned_date=date(2031, 1, 2)))  # fmt: skip
    bus.handle(c.InvoiceOrder(code="SO-00007"))
    bus.handle(c.InvoiceOrder(code="SO-00009", lines=(("WIDGET", Decimal(1)),)))
    voided = bus.handle(c.InvoiceOrder(code="SO-00011")).invoice.code
    bus.handle(c.VoidInvoice(code=voided, reason="wrong"))
    bus.handle(c.CreateReturn(code="SO-00003", product="WIDGET", quantity=Decimal(1)))
    bus.handle(c.MergeOrders(first="SO-00002", second="SO-00004"))
    bus.handle(c.CancelOrder(code="SO-00006"))
    bus.handle(c.CloseOrder(code="SO-00013"))
    bus.handle(c.CreateOrder(customer="ACME", lines=lines[1:]))


def _view(app: bootstrap.App, window: int = desk.WINDOW) -> tuple[CustomerView, CustomerView]:
    """The desk as shown, and the desk worked out from the whole latest orders."""
    shown = app.bus.handle(c.ShowCustomer(code="acme"))
    with app.uow(True) as uow:
        whole = list(uow.orders.list("ACME", None, window))
    old = dataclasses.replace(
        shown,
        recent_orders=tuple(reference.picked(whole, desk.Pick(desk.OPEN))),
        invoiced_orders=tuple(
            reference.picked(whole, desk.Pick(frozenset(OrderStatus), invoiced=True))
        ),
        archived_orders=tuple(reference.picked(whole, desk.Pick(desk.ARCHIVED))),
        related_orders=tuple(reference.related(whole)),
        backorders=tuple(reference.backorders(whole, BACKORDERED)),
        statistics=reference.line_groups(whole, desk.COUNTED).statistics(),
    )
    return shown, old


def test_the_desk_shows_what_the_whole_orders_gave(app: bootstrap.App) -> None:
    _world(app)
    shown, old = _view(app)
    assert to_json(shown) == to_json(old)
    assert customer_text(shown, Formats()) == customer_text(old, Formats())
    data = to_json(shown)
    # the fixture reaches every part of the desk
    assert all(data[part] for part in ("backorders", "statistics", "related_orders"))
    assert data["invoiced_orders"] == ["SO-00009", "SO-00007"]  # the void one is not
    assert "SO-00015" not in str(data)


def test_each_query_equals_its_reference_over_a_narrow_window(app: bootstrap.App) -> None:
    _world(app)
    with app.uow(True) as uow:
        orders = uow.orders
        for window in (1, 3, 8, 500):
            whole = list(orders.list("ACME", None, window))
            picks = (
                desk.Pick(desk.OPEN, 2),
                desk.Pick(desk.ARCHIVED, 1),
                desk.Pick(frozenset(OrderStatus), 1, invoiced=True),
                desk.Pick(frozenset(OrderStatus), 3, invoiced=True),
            )
            shown = orders.shown("acme", window, picks)
            for pick, got in zip(picks, shown.picked, strict=True):
                want = reference.picked(whole, pick)
                assert [o.code for o in got] == [o.code for o in want], (window, pick)
            assert [o.code for o in shown.related] == [o.code for o in reference.related(whole)]
            assert list(orders.backorders("ACME", window, BACKORDERED)) == reference.backorders(
                whole, BACKORDERED
            )
            got_groups = orders.line_groups("ACME", window, desk.COUNTED)
            want = reference.line_groups(whole, desk.COUNTED)
            assert got_groups.statistics() == want.statistics(), window
            assert got_groups.orders == want.orders


def test_a_customer_without_orders_has_an_empty_desk(app: bootstrap.App) -> None:
    _world(app)
    app.bus.handle(c.CreateCustomer(code="NEW", name="New SA"))
    view = app.bus.handle(c.ShowCustomer(code="NEW"))
    assert (view.recent_orders, view.backorders, view.statistics, view.related_orders) == (
        (),
        (),
        (),
        (),
    )


def test_a_list_reads_further_candidates_when_the_first_are_not_kept(
    app: bootstrap.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a page of one candidate: the void invoice's order (SO-00011, the newest with an
    # invoice) is read and not kept, and the list goes on to the next pages
    _world(app)
    monkeypatch.setattr(store_desk, "PAGE", 1)
    pick = desk.Pick(frozenset(OrderStatus), 2, invoiced=True)
    with app.uow(True) as uow:
        whole = list(uow.orders.list("ACME", None, desk.WINDOW))
        (got,) = uow.orders.shown("ACME", desk.WINDOW, (pick,)).picked
    assert [o.code for o in got] == [o.code for o in reference.picked(whole, pick)]
    assert [o.code for o in got] == ["SO-00009", "SO-00007"]
