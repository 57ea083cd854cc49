"""The record commands through the message bus, on the in-memory fakes: invoices paid
and voided, credit notes, lists by customer and status, returns refunded, related orders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import NotFound, ValidationFailed
from domain.records.ports import RecordRow, RelatedOrder
from domain.services.context import Policy
from domain.services.record_views import RecordView
from domain.services.views import Listing
from tests.unit.domain.services.test_services import make_world, new_order

D = Decimal


def codes(listing: object) -> list[str]:
    assert isinstance(listing, Listing)
    return [row.record.code for row in listing.items if isinstance(row, RecordRow)]


def test_an_invoice_through_the_bus_paid_listed_and_overdue() -> None:
    world = make_world(Policy())
    new_order(world, confirm=True, payment_terms="net 30")
    new_order(world, confirm=True)  # no terms: due on receipt
    world.bus.handle(c.InvoiceOrder(code="SO-00001"))
    world.bus.handle(c.InvoiceOrder(code="SO-00002"))
    shown = world.bus.handle(c.ShowInvoice(code="inv-00001"))
    assert isinstance(shown, RecordView)
    assert (shown.order.code, shown.record.status, shown.record.terms) == (
        "SO-00001", "open", "Net 30",
    )  # fmt: skip
    assert shown.record.due_date == date(2026, 4, 1)
    assert codes(world.bus.handle(c.ListInvoices(who="acme"))) == ["INV-00002", "INV-00001"]
    assert codes(world.bus.handle(c.ListInvoices(who="so-00001"))) == ["INV-00001"]
    assert codes(world.bus.handle(c.ListInvoices(status="overdue"))) == []
    world.clock.advance(days=2)
    assert codes(world.bus.handle(c.ListInvoices(status="overdue"))) == ["INV-00002"]
    every = world.bus.handle(c.ListInvoices()).items
    assert [(row.record.code, row.overdue) for row in every] == [
        ("INV-00002", True), ("INV-00001", False),
    ]  # fmt: skip
    paid = world.bus.handle(c.PayInvoice(code="INV-00002"))
    assert str(paid.note) == "INV-00002 is paid."
    assert paid.record.paid_on == date(2026, 3, 4)
    assert codes(world.bus.handle(c.ListInvoices(status="paid"))) == ["INV-00002"]
    assert codes(world.bus.handle(c.ListInvoices(status="overdue"))) == []


def test_void_through_the_bus_numbers_a_credit_note_shown_by_its_code() -> None:
    world = make_world()
    new_order(world, confirm=True)
    world.bus.handle(c.InvoiceOrder(code="SO-00001"))
    voided = world.bus.handle(c.VoidInvoice(code="INV-00001", reason="duplicate"))
    assert str(voided.note) == "INV-00001 is void; credit note CN-00001 made."
    assert [n.code for n in voided.credit_notes] == ["CN-00001"]
    note = world.bus.handle(c.ShowInvoice(code="cn-00001"))
    assert (note.record.code, note.record.gross, note.record.reason) == (
        "CN-00001", voided.record.gross, "duplicate",
    )  # fmt: skip
    assert codes(world.bus.handle(c.ListCreditNotes(who="ACME"))) == ["CN-00001"]
    assert world.store.state.counters["CN"] == 1


def test_a_refused_record_command_changes_nothing() -> None:
    world = make_world()
    new_order(world, confirm=True)
    world.bus.handle(c.InvoiceOrder(code="SO-00001"))
    before = world.store.state.counters.copy(), world.store.commits
    with pytest.raises(ValidationFailed) as caught:
        world.bus.handle(c.ListInvoices(status="late"))
    assert caught.value.message == (
        "status: 'late' is not a status of invoices; they are: open, paid, void, overdue"
    )
    with pytest.raises(NotFound):
        world.bus.handle(c.PayInvoice(code="INV-00042"))
    with pytest.raises(NotFound) as unknown:
        world.bus.handle(c.ShowInvoice(code="cn-00042"))
    assert "invoice or credit note" in unknown.value.message
    assert "CN-00042" in unknown.value.message
    with pytest.raises(ValidationFailed):
        world.bus.handle(c.PayInvoice(code="INV-00001", paid_on=date(2027, 1, 1)))
    assert (world.store.state.counters, world.store.commits) == before
    assert world.store.order("SO-00001").invoices[0].status == "open"


def test_a_return_refunded_through_the_bus_and_its_order_lists_what_came_of_it() -> None:
    world = make_world()
    new_order(world, confirm=True)
    world.bus.handle(c.ShipOrder(code="SO-00001"))
    world.bus.handle(c.CreateReturn(code="SO-00001", product="BOOK", quantity=D(1)))
    assert codes(world.bus.handle(c.ListReturns(status="requested"))) == ["RMA-00001"]
    world.bus.handle(c.ReceiveReturn(code="RMA-00001"))
    refunded = world.bus.handle(c.RefundReturn(code="RMA-00001"))
    assert str(refunded.note) == "RMA-00001 is refunded; credit note CN-00001 made."
    # 11.00 at 5.5%: 0.61 tax
    assert refunded.credit_notes[0].gross == D("11.61")
    assert codes(world.bus.handle(c.ListReturns(status="refunded"))) == ["RMA-00001"]


def test_work_orders_listed_done_and_cancelled_through_the_bus() -> None:
    world = make_world()
    new_order(world, confirm=True)
    made = world.bus.handle(c.CreateWorkOrders(code="SO-00001", scope="per-product"))
    assert str(made.note) == "Made WO-00001, WO-00002."
    again = world.bus.handle(c.CreateWorkOrders(code="SO-00001", scope="all"))
    assert str(again.note) == (
        "Made WO-00003; it replaces the open work orders WO-00001 (per-product), "
        "WO-00002 (per-product), now cancelled."
    )
    assert codes(world.bus.handle(c.ListWorkOrders(status="cancelled"))) == [
        "WO-00002", "WO-00001",
    ]  # fmt: skip
    done = world.bus.handle(c.FinishWorkOrder(code="wo-00003"))
    assert (done.note, done.record.status) == ("WO-00003 is done.", "done")
    assert codes(world.bus.handle(c.ListWorkOrders(who="SO-00001", status="open"))) == []


def test_order_show_lists_the_orders_made_from_it() -> None:
    world = make_world()
    new_order(world)
    new_order(world, parent_code="SO-00001", relation="return-of")
    shown = world.bus.handle(c.ShowOrder(code="SO-00001"))
    assert shown.related == (RelatedOrder("SO-00002", "return-of", "draft"),)
