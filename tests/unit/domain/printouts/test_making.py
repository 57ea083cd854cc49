"""What the printouts show, on the in-memory fakes: an invoice's share of the order as it
was made (partial invoices adding up to the order), a return's credit note, the stored
amounts when the arithmetic no longer gives them, and the addresses."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from domain.printouts import making
from domain.printouts.printout import PrintKind, Printout
from tests.unit.domain.services.test_services import World, make_world, new_order

D = Decimal


def printed(world: World, kind: PrintKind, code: str, shipment: int | None = None) -> Printout:
    found = world.bus.handle(c.PrintDocument(kind=kind, code=code, shipment=shipment))
    assert isinstance(found, Printout)
    return found


def test_two_invoices_of_one_order_add_up_to_its_totals() -> None:
    world = make_world()
    new_order(world, confirm=True, shipping_charges=D(8), adjustment=D("-1.50"))
    world.bus.handle(c.InvoiceOrder(code="SO-00001", lines=(("WIDGET", D(4)),)))
    world.bus.handle(c.InvoiceOrder(code="SO-00001"))
    first = printed(world, PrintKind.INVOICE, "INV-00001")
    second = printed(world, PrintKind.INVOICE, "inv-00002")
    order = world.store.state.orders["so-00001"]
    assert [(ln.product_code, ln.quantity) for ln in first.lines] == [("WIDGET", D(4))]
    assert [(ln.product_code, ln.quantity) for ln in second.lines] == [
        ("WIDGET", D(6)), ("BOOK", D(2)),
    ]  # fmt: skip
    assert first.total == order.invoices[0].gross
    assert second.total == order.invoices[1].gross
    assert first.total is not None
    assert second.total is not None
    assert first.total + second.total == order.totals.gross
    assert {w: a for w, _, a in first.rows}["shipping"] == D(8)  # charges billed once
    assert "shipping" not in {w for w, _, _ in second.rows}
    assert (first.number, first.order_code, first.payment_terms) == (
        "INV-00001",
        "SO-00001",
        "on receipt",
    )


def test_a_refunded_returns_credit_note_prints_the_returned_goods() -> None:
    world = make_world()
    new_order(world, confirm=True)
    world.bus.handle(c.ShipOrder(code="SO-00001"))
    world.bus.handle(c.CreateReturn(code="SO-00001", product="BOOK", quantity=D(1)))
    world.bus.handle(c.ReceiveReturn(code="RMA-00001"))
    world.bus.handle(c.RefundReturn(code="RMA-00001"))
    note = printed(world, PrintKind.CREDIT_NOTE, "CN-00001")
    stored = world.store.state.orders["so-00001"].credit_notes[0]
    assert [(ln.product_code, ln.quantity, ln.amount) for ln in note.lines] == [
        ("BOOK", D(1), D("11.00")),
    ]  # fmt: skip
    assert (note.refers_to, note.total) == ("RMA-00001", stored.gross)
    assert printed(world, PrintKind.INVOICE, "CN-00001").number == "CN-00001"


def test_stored_amounts_win_over_arithmetic_that_no_longer_gives_them() -> None:
    world = make_world()
    new_order(world, confirm=True)
    world.bus.handle(c.InvoiceOrder(code="SO-00001"))
    order = world.store.state.orders["so-00001"]
    order.invoices[0].gross += D("0.01")  # as if changed by hand in the database
    shown = making.invoice(order, None, "INV-00001")
    invoice = order.invoices[0]
    assert shown.rows == (
        ("net", None, invoice.net), ("tax", None, invoice.tax), ("total", None, invoice.gross),
    )  # fmt: skip
    assert (shown.customer_name, shown.billing_address, shown.language) == (
        "SO-00001"[:0] or "ACME",
        (),
        "",  # no customer known: the edge speaks the LANGUAGE setting's language
    )


def test_addresses_do_not_repeat_the_customers_name() -> None:
    world = make_world()
    hq = c.AddAddress(customer="ACME", code="HQ", name="acme sa", street="1 rue", city="Paris",
                      postal_code="75001", country="FR", default=True)  # fmt: skip
    world.bus.handle(hq)
    new_order(world)
    quote = printed(world, PrintKind.QUOTE, "SO-00001")
    assert quote.billing_address == ("1 rue", "75001 Paris", "FR")
    assert quote.delivery_address == quote.billing_address
    assert quote.rows[-1][0] == "total"
