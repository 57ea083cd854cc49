"""Services of invoices and credit notes: show, paid, void (which makes a credit note)."""

from __future__ import annotations

from domain import commands as c
from domain.errors import NotFound
from domain.numbering import DocumentKind
from domain.orders.order import SalesOrder
from domain.ports import UnitOfWork
from domain.records import invoices
from domain.records.ports import Record
from domain.records.statuses import RecordKind
from domain.services.context import ServiceContext
from domain.services.record_views import RecordView
from domain.texts import Text, _


def order_holding(uow: UnitOfWork, kind: RecordKind, code: str) -> SalesOrder:
    """The order that holds the record of this kind and code; NotFound otherwise."""
    order_code = uow.records.order_of(kind, code)
    if order_code is None:
        raise NotFound(kind.value, code.strip().upper())
    return uow.orders.get(order_code)


def record_view(
    order: SalesOrder, uow: UnitOfWork, ctx: ServiceContext, record: Record, note: Text | str = ""
) -> RecordView:
    """A record with its order and customer, as every record command answers."""
    customer = uow.customers.find(order.customer_code)
    return RecordView(order, customer, record, ctx.policy.today(ctx.now), note)


def show_invoice(cmd: c.ShowInvoice, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """An invoice, or a credit note, with its order (found by code, whatever the
    numbering's prefixes)."""
    if uow.records.order_of(RecordKind.INVOICE, cmd.code) is not None:
        order = order_holding(uow, RecordKind.INVOICE, cmd.code)
        return record_view(order, uow, ctx, invoices.invoice_of(order, cmd.code))
    holder = uow.records.order_of(RecordKind.CREDIT_NOTE, cmd.code)
    if holder is None:
        raise NotFound("invoice or credit note", cmd.code.strip().upper())
    held, key = uow.orders.get(holder), cmd.code.strip().lower()
    note = next(n for n in held.credit_notes if n.code.lower() == key)
    return record_view(held, uow, ctx, note)


def pay_invoice(cmd: c.PayInvoice, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """An open invoice was paid (today when no date is given)."""
    order = order_holding(uow, RecordKind.INVOICE, cmd.code)
    today = ctx.policy.today(ctx.now)
    invoice = invoices.pay(order, cmd.code, cmd.paid_on or today, today, ctx.now)
    return record_view(order, uow, ctx, invoice, _("{code} is paid.", code=invoice.code))


def void_invoice(cmd: c.VoidInvoice, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """Void an open invoice; a credit note cancels it."""
    order = order_holding(uow, RecordKind.INVOICE, cmd.code)
    code = uow.numbers.next(ctx.style(DocumentKind.CREDIT_NOTE))
    note = invoices.void(order, cmd.code, code, ctx.now, cmd.reason)
    invoice = invoices.invoice_of(order, cmd.code)
    text = _("{code} is void; credit note {credit} made.", code=invoice.code, credit=note.code)
    return record_view(order, uow, ctx, invoice, text)
