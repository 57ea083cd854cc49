"""An invoice's life after it is made: its due date under the payment terms, paid, void.

open -> paid (on a date, never in the future nor before the invoice); open -> void,
which makes a credit note of the invoice's whole amounts and frees its quantities to
be invoiced again. A paid invoice is not voided (the money came in: make a return and
refund it). Amounts never change.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.orders.documents import Invoice
from domain.records.credit_notes import CreditNote
from domain.records.events import CreditNoteCreated, RecordStatusChanged
from domain.records.status_names import invoice_status_name
from domain.records.statuses import InvoiceStatus, RecordKind
from domain.records.terms import PaymentTerms
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder


NOT_OPEN = {
    InvoiceStatus.PAID: _(
        "{code} is paid; only an open invoice can become {wanted} (it was paid; to give "
        "money back, refund a return)."
    ),
    InvoiceStatus.VOID: _("{code} is void; only an open invoice can become {wanted} (it is void)."),
}
"""Why an invoice that is not open refuses to move, by its status."""


def invoice_of(order: SalesOrder, code: str) -> Invoice:
    """The order's invoice with this code (case-insensitive)."""
    for invoice in order.invoices:
        if invoice.code.lower() == code.strip().lower():
            return invoice
    raise NotFound("invoice", code.strip().upper())


def fix_due_date(invoice: Invoice, order_terms: str, table: PaymentTerms, today: date) -> None:
    """Write on a new invoice the term it is made under and its due date, once."""
    invoice.terms, invoice.due_date = table.due(order_terms, today)


def is_overdue(invoice: Invoice, today: date) -> bool:
    """Open and past its due date."""
    return (
        invoice.status == InvoiceStatus.OPEN
        and invoice.due_date is not None
        and invoice.due_date < today
    )


def pay(order: SalesOrder, code: str, paid_on: date, today: date, now: datetime) -> Invoice:
    """Record that an open invoice was paid on `paid_on`."""
    invoice = invoice_of(order, code)
    _require_open(invoice, "paid")
    if paid_on > today:
        raise ValidationFailed.field(
            "date",
            _(
                "{code} cannot be paid on {day}, after today ({today})",
                code=invoice.code,
                day=paid_on,
                today=today,
            ),
            "invoice.paid_in_future",
        )
    made = invoice.created_at.date()
    if paid_on < made:
        raise ValidationFailed.field(
            "date",
            _(
                "{code} cannot be paid on {day}, before it was made ({made})",
                code=invoice.code,
                day=paid_on,
                made=made,
            ),
            "invoice.paid_before_made",
        )
    invoice.status, invoice.paid_on = InvoiceStatus.PAID, paid_on
    _moved(order, invoice, InvoiceStatus.OPEN, now, _("Invoice {code} paid.", code=invoice.code))
    return invoice


def void(
    order: SalesOrder, code: str, credit_code: str, now: datetime, reason: str = ""
) -> CreditNote:
    """Void an open invoice; its credit note cancels its amounts."""
    invoice = invoice_of(order, code)
    _require_open(invoice, "void")
    invoice.status, invoice.voided_at = InvoiceStatus.VOID, now
    note = CreditNote(
        code=credit_code,
        created_at=now,
        net=invoice.net,
        tax=invoice.tax,
        gross=invoice.gross,
        invoice_code=invoice.code,
        reason=reason.strip(),
    )
    order.credit_notes.append(note)
    _moved(
        order,
        invoice,
        InvoiceStatus.OPEN,
        now,
        _("Invoice {code} voided; credit note {note} made.", code=invoice.code, note=note.code),
    )
    order.record(CreditNoteCreated(order.code, note.code, note.gross, invoice.code))
    return note


def _require_open(invoice: Invoice, wanted: str) -> None:
    if invoice.status != InvoiceStatus.OPEN:
        sentence = NOT_OPEN[InvoiceStatus(invoice.status)]
        raise InvalidTransition(
            "invoice.not_open",
            Text(sentence.msgid, {"code": invoice.code, "wanted": invoice_status_name(wanted)}),
        )


def _moved(
    order: SalesOrder, invoice: Invoice, old: InvoiceStatus, now: datetime, text: Text
) -> None:
    order.record(
        RecordStatusChanged(order.code, RecordKind.INVOICE, invoice.code, old, invoice.status)
    )
    order._log(now, f"invoice_{invoice.status}", text, False)
