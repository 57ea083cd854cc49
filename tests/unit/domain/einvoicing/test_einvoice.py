"""An order's invoice as an EN 16931 e-invoice: its amounts are the order's own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.customers.customer import Customer
from domain.einvoicing.document import EXEMPT, DocumentType
from domain.einvoicing.of_invoice import Seller, credit_note_of, einvoice_of
from domain.errors import ValidationFailed
from domain.money import ZERO
from domain.orders.totals import NO_SHIPPING_TAX
from tests.unit.builders import T1, T2, D, confirmed, spec
from tests.unit.domain.einvoicing.world import SELLER, buyer, invoiced_order


def test_the_totals_are_the_orders_to_the_cent() -> None:
    order = invoiced_order()
    e = einvoice_of(order, order.invoices[0], buyer(), SELLER)
    totals = order.totals
    assert e.totals.lines == totals.subtotal
    assert e.totals.tax == totals.tax
    assert e.totals.gross == totals.gross == order.invoices[0].gross
    assert e.totals.tax_basis == e.totals.lines - e.totals.allowances + e.totals.charges
    taxed = {(r.rate, r.tax) for r in e.tax_rows if r.category != EXEMPT}
    assert taxed == set(totals.tax_by_rate)
    assert sum((r.base for r in e.tax_rows), ZERO) == e.totals.tax_basis
    assert (e.type, e.number, e.currency, e.purchase_order) == (
        DocumentType.INVOICE, "INV-00001", "EUR", "PO-77",
    )  # fmt: skip


def test_lines_carry_their_discounts_and_the_charges_their_rates() -> None:
    order = invoiced_order()
    e = einvoice_of(order, order.invoices[0], buyer(), SELLER)
    widget, book, gadget = e.lines
    assert (widget.net, widget.discount, widget.category) == (D("112.50"), D("12.50"), "S")
    assert (gadget.net, gadget.discount) == (D("13.46"), D("2.50"))
    assert (book.tax_rate, book.net) == (D("5.5"), D("59.97"))
    shipping = [c for c in e.allowances_charges if c.reason == "Shipping"]
    assert sum((c.amount for c in shipping), ZERO) == D("8.00")
    assert {c.rate for c in shipping} == {D("5.5"), D(20)}  # shared pro rata
    [adjustment] = [c for c in e.allowances_charges if c.reason == "Adjustment"]
    assert (adjustment.is_charge, adjustment.amount, adjustment.category) == (
        False, D("0.37"), EXEMPT,
    )  # fmt: skip


def test_partial_invoices_add_up_to_the_order() -> None:
    order = confirmed(spec("WIDGET", 10, "12.50"), spec("BOOK", 3, "19.99", "5.5"),
                      shipping_charges=D(8), shipping_tax=NO_SHIPPING_TAX)  # fmt: skip
    order.invoice("INV-00001", T1, [("WIDGET", D(4))])
    order.invoice("INV-00002", T2)
    first, second = (einvoice_of(order, i, buyer(), SELLER) for i in order.invoices)
    assert first.totals.gross + second.totals.gross == order.totals.gross
    assert [c.reason for c in first.allowances_charges] == ["Shipping"]  # once, untaxed
    assert first.allowances_charges[0].category == EXEMPT
    assert second.allowances_charges == ()
    assert [(ln.product_code, ln.quantity) for ln in second.lines] == [
        ("WIDGET", D(6)), ("BOOK", D(3)),
    ]  # fmt: skip


def test_a_discount_after_tax_is_an_exempt_allowance() -> None:
    order = confirmed(spec("WIDGET", 10, "12.50"), discount_value=D(10), discount_after_tax=True)
    order.invoice("INV-00001", T1)
    e = einvoice_of(order, order.invoices[0], buyer(), SELLER)
    [discount] = e.allowances_charges
    assert (discount.category, discount.amount) == (EXEMPT, order.totals.discount)
    assert e.totals.gross == order.totals.gross


def test_an_invoice_whose_order_changed_since_is_refused() -> None:
    order = invoiced_order()
    order.lines[0].unit_price = D("99.00")  # a value no verb would write after invoicing
    with pytest.raises(ValidationFailed) as refused:
        einvoice_of(order, order.invoices[0], buyer(), SELLER)
    assert refused.value.code == "einvoice.amounts_changed"
    assert "INV-00001" in refused.value.message


def test_a_credit_note_cancels_the_invoice_whole() -> None:
    order = invoiced_order()
    e = einvoice_of(order, order.invoices[0], buyer(), SELLER)
    note = credit_note_of(e, "CN-00001", T2.date(), "voided")
    assert (note.type.value, note.preceding_invoice, note.note) == ("381", "INV-00001", "voided")
    assert note.totals == e.totals
    assert note.lines == e.lines


def test_what_the_standard_needs_of_the_parties_is_named() -> None:
    order = invoiced_order()
    nowhere = Customer.create("ACME", "Acme SA", T1)
    with pytest.raises(ValidationFailed) as refused:
        einvoice_of(order, order.invoices[0], nowhere, SELLER)
    assert refused.value.code == "einvoice.buyer_country"
    assert "customer ACME has no billing address with a country" in refused.value.message
    no_vat = Seller(replace(SELLER.party, vat_number=""))
    with pytest.raises(ValidationFailed) as refused:
        einvoice_of(order, order.invoices[0], buyer(), no_vat)
    assert refused.value.code == "einvoice.seller_vat_missing"
