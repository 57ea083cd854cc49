"""The service of printed documents: the order a document is of, made into its printout."""

from __future__ import annotations

from domain import commands as c
from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.printouts import making
from domain.printouts.printout import PrintKind, Printout
from domain.records.statuses import RecordKind
from domain.services.context import ServiceContext
from domain.services.invoices import order_holding


def print_document(cmd: c.PrintDocument, uow: UnitOfWork, ctx: ServiceContext) -> Printout:
    """What the document shows, found by the order's code (quote, confirmation, packing
    slip) or by its own (invoice, credit note; an invoice's code may name a credit note,
    as `/invoice show` finds either, whatever the numbering's prefixes)."""
    today = ctx.policy.today(ctx.now)
    invoiced = uow.records.order_of(RecordKind.INVOICE, cmd.code)
    if cmd.kind == PrintKind.INVOICE and invoiced is not None:
        order = uow.orders.get(invoiced)
        return making.invoice(order, uow.customers.find(order.customer_code), cmd.code)
    if (
        cmd.kind == PrintKind.INVOICE
        and uow.records.order_of(RecordKind.CREDIT_NOTE, cmd.code) is None
    ):
        raise NotFound("invoice or credit note", cmd.code.strip().upper())
    if cmd.kind in (PrintKind.INVOICE, PrintKind.CREDIT_NOTE):
        order = order_holding(uow, RecordKind.CREDIT_NOTE, cmd.code)
        return making.credit_note(order, uow.customers.find(order.customer_code), cmd.code)
    order = uow.orders.get(cmd.code)
    customer = uow.customers.find(order.customer_code)
    if cmd.kind == PrintKind.PACKING_SLIP:
        return making.packing_slip(order, customer, cmd.shipment, today)
    return making.of_order(cmd.kind, order, customer, today)
