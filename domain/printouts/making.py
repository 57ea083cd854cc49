"""A printout of each kind, made from an order and its customer.

The amounts are the ones the order keeps: an order's totals (`SalesOrder.totals`), an
invoice's share of them worked out as when it was made (the order cut to what earlier
invoices billed and to what this one adds), a credit note's as its invoice's or its
return's. A document whose arithmetic no longer gives the stored amounts (an order
changed by hand in the database) shows the stored net, tax and total only, so a printed
total is always the one the books hold.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.errors import InvalidTransition, NotFound
from domain.money import NO_QUANTITY
from domain.orders.document_verbs import totals_for
from domain.orders.documents import Invoice
from domain.orders.lines import OrderLine
from domain.orders.status_names import status_name
from domain.orders.totals import Totals
from domain.printouts.printout import (
    PrintKind,
    PrintLine,
    Printout,
    ShipmentFacts,
    TotalRow,
    address_lines,
)
from domain.records import returns
from domain.records.credit_notes import CreditNote
from domain.texts import _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

QUOTABLE = frozenset({"draft"})
CONFIRMED = frozenset({"confirmed", "closed"})


def _lines(
    order: SalesOrder, quantities: dict[int, Decimal] | None = None
) -> tuple[PrintLine, ...]:
    out = []
    for line in order.lines:
        qty = line.quantity if quantities is None else quantities.get(line.line_no, NO_QUANTITY)
        if qty > 0:
            out.append(_line(line, qty))
    return tuple(out)


def _line(line: OrderLine, quantity: Decimal) -> PrintLine:
    priced = line.priced(quantity)
    return PrintLine(
        line_no=line.line_no,
        product_code=line.product_code,
        description=line.description,
        quantity=quantity,
        unit_price=line.unit_price,
        discount_percent=line.discount_percent,
        discount_amount=priced.discount_amount,
        tax_rate=line.tax_rate,
        amount=priced.net,
    )


def _address(customer: Customer | None, code: str | None) -> Address | None:
    if customer is None:
        return None
    if code:
        try:
            return customer.address(code)
        except NotFound:
            return None
    return customer.default_address()


def _base(
    kind: PrintKind,
    number: str,
    order: SalesOrder,
    customer: Customer | None,
    issued: date,
    lines: tuple[PrintLine, ...],
    rows: tuple[TotalRow, ...],
) -> Printout:
    """A printout with what every kind shares: the order, the customer, their addresses."""
    name = customer.name if customer is not None else order.customer_code
    return Printout(
        kind=kind,
        number=number,
        order_code=order.code,
        issued=issued,
        order_date=order.created_at.date(),
        # "" when the customer chose none: the edge speaks the LANGUAGE setting's language
        language=(customer.language if customer is not None else None) or "",
        currency=order.currency,
        customer_code=order.customer_code,
        customer_name=name,
        customer_vat=customer.vat_number if customer is not None else "",
        billing_address=address_lines(_address(customer, order.billing_address_code), name),
        delivery_address=address_lines(_address(customer, order.delivery_address_code), name),
        reference=order.reference,
        lines=lines,
        rows=rows,
        payment_terms=order.payment_terms,
        requested_date=order.requested_date,
    )


def of_order(
    kind: PrintKind, order: SalesOrder, customer: Customer | None, today: date
) -> Printout:
    """A quote (of a draft) or a confirmation (of a confirmed or closed order)."""
    if kind == PrintKind.QUOTE and str(order.status) not in QUOTABLE:
        raise InvalidTransition(
            "printout.not_draft",
            _(
                "{code} is {status}; only a draft order is printed as a quote.",
                code=order.code,
                status=status_name(order.status),
            ),
        )
    if kind == PrintKind.CONFIRMATION and str(order.status) not in CONFIRMED:
        raise InvalidTransition(
            "printout.not_confirmed",
            _(
                "{code} is {status}; only a confirmed or closed order is printed as a "
                "confirmation.",
                code=order.code,
                status=status_name(order.status),
            ),
        )
    made = _base(
        kind, order.code, order, customer, today, _lines(order), tuple(order.totals.rows())
    )
    return replace(made, due_date=order.due_date)


def packing_slip(
    order: SalesOrder, customer: Customer | None, number: int | None, today: date
) -> Printout:
    """What one shipment holds (the first when `number` is None), without prices."""
    if number is None and order.shipments:
        number = order.shipments[0].number
    shipment = order.shipment(number if number is not None else 1)
    quantities = {sl.line_no: sl.quantity for sl in shipment.lines}
    facts = ShipmentFacts(
        shipment.number, shipment.planned_date, shipment.carrier, shipment.tracking_number
    )
    code = f"{order.code}-{shipment.number}"
    made = _base(
        PrintKind.PACKING_SLIP, code, order, customer, today, _lines(order, quantities), ()
    )
    return replace(made, shipment=facts)


def invoice_totals(order: SalesOrder, invoice: Invoice) -> Totals:
    """The invoice's share of the order's totals, as it was worked out when it was made:
    the order cut to this invoice and the ones before it still billing then, less the
    order cut to those before."""
    at = invoice.created_at
    before: dict[int, Decimal] = {ln.line_no: NO_QUANTITY for ln in order.lines}
    for earlier in order.invoices:
        if earlier is invoice:
            break
        if earlier.voided_at is None or earlier.voided_at > at:
            for il in earlier.lines:
                before[il.line_no] = before.get(il.line_no, NO_QUANTITY) + il.quantity
    after = {n: q + invoice.quantity_of(n) for n, q in before.items()}
    return totals_for(order, after) - totals_for(order, before)


def _rows(totals: Totals, net: Decimal, tax: Decimal, gross: Decimal) -> tuple[TotalRow, ...]:
    """The totals' rows when they give the stored amounts; else the stored amounts alone."""
    if (totals.net, totals.tax, totals.gross) == (net, tax, gross):
        return tuple(totals.rows())
    return (("net", None, net), ("tax", None, tax), ("total", None, gross))


def invoice(order: SalesOrder, customer: Customer | None, code: str) -> Printout:
    """An invoice, dated when it was made, with its due date and the terms it was made
    under."""
    found = _invoice_of(order, code)
    quantities = {n: found.quantity_of(n) for n in {il.line_no for il in found.lines}}
    rows = _rows(invoice_totals(order, found), found.net, found.tax, found.gross)
    issued = found.created_at.date()
    made = _base(
        PrintKind.INVOICE, found.code, order, customer, issued, _lines(order, quantities), rows
    )
    return replace(made, due_date=found.due_date, payment_terms=found.terms or order.payment_terms)


def credit_note(order: SalesOrder, customer: Customer | None, code: str) -> Printout:
    """A credit note, dated when it was made: its invoice's lines and amounts, or its
    return's."""
    note = _credit_note_of(order, code)
    if note.invoice_code:
        billed = _invoice_of(order, note.invoice_code)
        quantities = {n: billed.quantity_of(n) for n in {il.line_no for il in billed.lines}}
        lines = _lines(order, quantities)
        totals = invoice_totals(order, billed)
    else:
        ret = returns.return_of(order, note.return_code)
        lines = (_line(order.line(ret.line_no), ret.quantity),)
        totals = returns.credit_amounts(order, ret)
    rows = _rows(totals, note.net, note.tax, note.gross)
    issued = note.created_at.date()
    made = _base(PrintKind.CREDIT_NOTE, note.code, order, customer, issued, lines, rows)
    return replace(made, refers_to=note.source, reason=note.reason)


def _invoice_of(order: SalesOrder, code: str) -> Invoice:
    for found in order.invoices:
        if found.code.lower() == code.strip().lower():
            return found
    raise NotFound("invoice", code.strip().upper())


def _credit_note_of(order: SalesOrder, code: str) -> CreditNote:
    for note in order.credit_notes:
        if note.code.lower() == code.strip().lower():
            return note
    raise NotFound("credit note", code.strip().upper())
