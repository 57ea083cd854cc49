"""An invoice's life: made open with its due date, paid, or voided with a credit note."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder
from domain.records import invoices
from domain.records.events import CreditNoteCreated, RecordStatusChanged
from domain.records.statuses import InvoiceStatus
from domain.records.terms import PaymentTerms
from tests.unit.builders import T0, T1, T2, confirmed, spec

D = Decimal
TODAY = date(2026, 3, 12)


def invoiced(terms: str = "Net 30") -> SalesOrder:
    """WIDGET 10 and GADGET 5 at 10.00, 20% tax, shipping 8.00, all invoiced at T0."""
    made = confirmed(spec("WIDGET", 10), spec("GADGET", 5), payment_terms=terms)
    made.shipping_charges = D("8.00")
    invoice = made.invoice("INV-00001", T0)
    invoices.fix_due_date(invoice, made.payment_terms, PaymentTerms(), T0.date())
    made.pull_events()
    return made


def test_an_invoice_is_made_open_with_its_terms_and_due_date() -> None:
    made = invoiced()
    (invoice,) = made.invoices
    assert (invoice.status, invoice.terms, invoice.due_date) == ("open", "Net 30", date(2026, 4, 1))
    assert (invoice.net, invoice.tax, invoice.gross) == (D("150.00"), D("30.00"), D("188.00"))
    assert not invoices.is_overdue(invoice, date(2026, 4, 1))
    assert invoices.is_overdue(invoice, date(2026, 4, 2))


def test_open_then_paid() -> None:
    made = invoiced()
    paid = invoices.pay(made, "inv-00001", date(2026, 3, 10), TODAY, T1)
    assert (paid.status, paid.paid_on) == (InvoiceStatus.PAID, date(2026, 3, 10))
    assert (paid.net, paid.tax, paid.gross) == (D("150.00"), D("30.00"), D("188.00"))
    assert made.pull_events() == [
        RecordStatusChanged("SO-00001", "invoice", "INV-00001", "open", "paid")
    ]
    assert made.timeline[-1].text == "Invoice INV-00001 paid."
    assert not invoices.is_overdue(paid, date(2027, 1, 1))
    with pytest.raises(InvalidTransition) as again:
        invoices.pay(made, "INV-00001", TODAY, TODAY, T2)
    assert again.value.message == (
        "INV-00001 is paid; only an open invoice can become paid "
        "(it was paid; to give money back, refund a return)."
    )
    with pytest.raises(InvalidTransition) as void:
        invoices.void(made, "INV-00001", "CN-00001", T2)
    assert void.value.code == "invoice.not_open"
    assert made.credit_notes == []


def test_a_payment_date_after_today_or_before_the_invoice_is_refused() -> None:
    made = invoiced()
    with pytest.raises(ValidationFailed) as future:
        invoices.pay(made, "INV-00001", TODAY + timedelta(days=1), TODAY, T1)
    assert future.value.message == (
        "date: INV-00001 cannot be paid on 2026-03-13, after today (2026-03-12)"
    )
    with pytest.raises(ValidationFailed) as past:
        invoices.pay(made, "INV-00001", date(2026, 3, 1), TODAY, T1)
    assert past.value.message == (
        "date: INV-00001 cannot be paid on 2026-03-01, before it was made (2026-03-02)"
    )
    assert made.invoices[0].status == "open"
    assert made.pull_events() == []


def test_void_makes_a_credit_note_of_the_frozen_amounts_and_frees_the_goods() -> None:
    made = invoiced()
    # the order changes after the invoice: the invoice and its credit note do not
    made.lines[0].unit_price = D("99.00")
    note = invoices.void(made, "INV-00001", "CN-00001", T1, reason=" wrong address ")
    assert (note.code, note.invoice_code, note.return_code, note.reason) == (
        "CN-00001", "INV-00001", "", "wrong address",
    )  # fmt: skip
    assert (note.net, note.tax, note.gross) == (D("150.00"), D("30.00"), D("188.00"))
    invoice = made.invoices[0]
    assert (invoice.status, invoice.voided_at, invoice.gross) == ("void", T1, D("188.00"))
    assert made.credit_notes == [note]
    assert made.pull_events() == [
        RecordStatusChanged("SO-00001", "invoice", "INV-00001", "open", "void"),
        CreditNoteCreated("SO-00001", "CN-00001", D("188.00"), "INV-00001"),
    ]
    assert made.timeline[-1].text == "Invoice INV-00001 voided; credit note CN-00001 made."
    # the void invoice bills nothing: the goods (and the shipping) are invoiced again
    assert made.invoicing_state == InvoicingState.NOT_INVOICED
    again = made.invoice("INV-00002", T2)
    assert [(il.product_code, il.quantity) for il in again.lines] == [
        ("WIDGET", D(10)), ("GADGET", D(5)),
    ]  # fmt: skip
    # net 990 + 50 and 20% tax at the price of today, and the shipping again
    assert again.gross == D("1040.00") + D("208.00") + D("8.00")
    with pytest.raises(InvalidTransition) as twice:
        invoices.void(made, "INV-00001", "CN-00002", T2)
    assert twice.value.message == (
        "INV-00001 is void; only an open invoice can become void (it is void)."
    )


def test_an_order_whose_invoices_are_all_void_can_be_cancelled() -> None:
    made = invoiced()
    invoices.void(made, "INV-00001", "CN-00001", T1)
    made.cancel(T2)
    assert made.status == OrderStatus.CANCELLED


def test_an_unknown_invoice_is_not_found() -> None:
    with pytest.raises(NotFound):
        invoices.pay(invoiced(), "INV-00009", TODAY, TODAY, T1)
