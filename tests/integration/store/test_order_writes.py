"""Adding a line reads the order lean and writes back only what changed
(store.repositories.order_writes): the order must read afterwards exactly as the ORM
path would have left it, a concurrent change must still lose, and customer show's lean
list of orders must equal the mapped one."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

import bootstrap
from domain import commands as c
from domain.errors import ConcurrencyConflict, InvalidTransition
from domain.orders.order import SalesOrder
from store.tables import core as t

WIDGET = c.LineInput(product="WIDGET", quantity=Decimal(4))
GADGET = c.LineInput(product="GADGET", quantity=Decimal("2.5"), discount_percent=Decimal(10))


def _world(app: bootstrap.App) -> None:
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT21", rate=Decimal("21"), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT21"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.10")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    bus.handle(c.CreateOrder(customer="ACME", lines=(WIDGET,)))


def _shown(app: bootstrap.App, code: str = "SO-00001") -> SalesOrder:
    order: SalesOrder = app.bus.handle(c.ShowOrder(code=code)).order
    return order


def test_an_added_line_is_stored_with_its_shipment_line_and_timeline(
    app: bootstrap.App,
) -> None:
    _world(app)
    before = _shown(app)
    answer = app.bus.handle(c.AddLine(code="so-00001", line=GADGET))
    after = _shown(app)
    assert [(ln.line_no, ln.product_code, ln.quantity) for ln in after.lines] == [
        (1, "WIDGET", Decimal(4)),
        (2, "GADGET", Decimal("2.5")),
    ]
    assert after.lines[1].discount_percent == Decimal(10)
    assert all(ln.id is not None for ln in after.lines)
    assert [(sl.line_no, sl.quantity) for sl in after.shipments[0].lines] == [
        (1, Decimal(4)),
        (2, Decimal("2.5")),
    ]
    # the timeline was not read, but nothing of it is lost: the old entries and the new one
    assert [e.kind for e in after.timeline] == [e.kind for e in before.timeline] + ["line_added"]
    assert after.version == before.version + 1
    assert answer.order.totals == after.totals
    assert len(answer.order.lines) == 2


def test_a_line_added_with_no_shipment_left_in_the_warehouse_gets_a_new_one(
    app: bootstrap.App,
) -> None:
    _world(app)
    app.bus.handle(c.ConfirmOrder(code="SO-00001"))
    app.bus.handle(c.ShipOrder(code="SO-00001", carrier="DHL"))
    app.bus.handle(c.AddLine(code="SO-00001", line=GADGET))
    after = _shown(app)
    assert [(s.number, str(s.status)) for s in after.shipments] == [
        (1, "shipped"),
        (2, "pending"),
    ]
    assert [(sl.line_no, sl.quantity) for sl in after.shipments[1].lines] == [(2, Decimal("2.5"))]
    assert [(sl.line_no, sl.quantity) for sl in after.shipments[0].lines] == [(1, Decimal(4))]


def test_many_adds_number_lines_in_turn(app: bootstrap.App) -> None:
    _world(app)
    for _ in range(5):
        app.bus.handle(c.AddLine(code="SO-00001", line=WIDGET))
    after = _shown(app)
    assert [ln.line_no for ln in after.lines] == [1, 2, 3, 4, 5, 6]
    assert len(after.shipments[0].lines) == 6
    assert after.version == 6
    assert sum(e.kind == "line_added" for e in after.timeline) == 5


def test_a_concurrent_change_of_the_order_loses_the_add(app: bootstrap.App) -> None:
    _world(app)
    with app.uow(False) as uow:
        order = uow.orders.get_for_new_lines("SO-00001")
        assert uow.orders.find("so-00001") is order  # one copy within the unit of work
        # the row moved on since it was read (as a concurrent change on PostgreSQL
        # leaves it; SQLite lets one writer at a time, so it is moved here)
        uow.session.connection().execute(t.orders.update().values(version=t.orders.c.version + 1))
        order.reference = "PO-LOST"
        with pytest.raises(ConcurrencyConflict):
            uow.commit()
    after = _shown(app)
    assert after.reference == ""
    assert len(after.lines) == 1


def test_a_refused_line_leaves_the_order_as_it_was(app: bootstrap.App) -> None:
    _world(app)
    app.bus.handle(c.CancelOrder(code="SO-00001"))
    before = dataclasses.asdict(_shown(app))
    with pytest.raises(InvalidTransition, match="cancelled"):
        app.bus.handle(c.AddLine(code="SO-00001", line=GADGET))
    assert dataclasses.asdict(_shown(app)) == before


def test_customer_show_reads_the_same_orders_lean_as_mapped(app: bootstrap.App) -> None:
    _world(app)
    app.bus.handle(c.CreateOrder(customer="ACME", lines=(WIDGET, GADGET)))
    app.bus.handle(c.ConfirmOrder(code="SO-00002"))
    with app.uow(False) as uow:
        mapped = [dataclasses.asdict(o) for o in uow.orders.list("ACME", None, 500)]
    with app.uow(True) as uow:
        lean = [dataclasses.asdict(o) for o in uow.orders.list("acme", None, 500)]
        assert [o["code"] for o in lean] == ["SO-00002", "SO-00001"]
        assert uow.orders.list("ACME", "confirmed", 500)[0].code == "SO-00002"
        assert len(uow.orders.list("ACME", None, 1)) == 1
    assert lean == mapped
