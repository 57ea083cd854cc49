"""The service of electronic invoices: an invoice or credit note written as Factur-X.

Finds the record by its code (an invoice, else a credit note: of a voided invoice, or of
a refunded return), describes it with `domain.einvoicing` from its order and customer and
the seller the settings name, and has the `EInvoiceFiles` port write its XML, check it
against the standard (a document the standard refuses is never handed out) and attach
it to the PDF the caller rendered.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import commands as c
from domain.einvoicing.document import EInvoice
from domain.einvoicing.of_invoice import credit_note_of, einvoice_of, refund_note_of
from domain.einvoicing.ports import EInvoiceFiles
from domain.errors import DomainError, NotFound
from domain.ports import UnitOfWork
from domain.records import invoices
from domain.records.statuses import RecordKind
from domain.services.context import ServiceContext
from domain.texts import _


@dataclass(frozen=True)
class EInvoiceFile:
    """An e-invoice as written: what it says, its XML, and the PDF holding it (if asked)."""

    invoice: EInvoice
    xml: bytes
    pdf: bytes = b""


def _files(ctx: ServiceContext) -> EInvoiceFiles:
    files = ctx.adapters.einvoice_files
    if files is None:
        raise DomainError("einvoice.unavailable", _("E-invoices are not configured here."))
    return files


def describe(code: str, uow: UnitOfWork, ctx: ServiceContext) -> EInvoice:
    """The e-invoice of the invoice or credit note with this code."""
    seller = ctx.policy.seller
    holder = uow.records.order_of(RecordKind.INVOICE, code)
    if holder is not None:
        order = uow.orders.get(holder)
        customer = uow.customers.get(order.customer_code)
        return einvoice_of(order, invoices.invoice_of(order, code), customer, seller)
    holder = uow.records.order_of(RecordKind.CREDIT_NOTE, code)
    if holder is None:
        raise NotFound("invoice or credit note", code.strip().upper())
    order = uow.orders.get(holder)
    customer = uow.customers.get(order.customer_code)
    note = next(n for n in order.credit_notes if n.code.lower() == code.strip().lower())
    if note.invoice_code:
        voided = einvoice_of(order, invoices.invoice_of(order, note.invoice_code), customer, seller)
        return credit_note_of(voided, note.code, note.created_at.date(), note.reason)
    return refund_note_of(order, note, customer, seller)


def make_einvoice(cmd: c.MakeEInvoice, uow: UnitOfWork, ctx: ServiceContext) -> EInvoiceFile:
    """The record's Factur-X XML, checked; attached to `cmd.pdf` when one is given."""
    files = _files(ctx)
    invoice = describe(cmd.code, uow, ctx)
    xml = files.xml(invoice)
    files.check(xml)
    return EInvoiceFile(invoice, xml, files.embed(cmd.pdf, xml) if cmd.pdf else b"")
