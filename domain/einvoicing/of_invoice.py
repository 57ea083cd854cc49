"""An order's invoice as an EN 16931 e-invoice, and a credit note of one.

Owns reading an invoice's amounts back from the order's arithmetic
(`domain.orders.totals`), as `domain.orders.document_verbs.invoice` worked them out when
it was made: the totals of the order cut to what was invoiced with it, less those of
what earlier invoices held. Each part of that arithmetic becomes what the standard calls
it: line nets with their line discounts, the order discount as an allowance per VAT
rate (its share of each rate's base), shipping as a charge per rate (or exempt when the
order leaves it untaxed), the adjustment as an exempt charge or allowance, and one VAT
row per category and rate. The e-invoice's totals are then the invoice's stored
amounts exactly; an invoice whose amounts no longer follow from its order is refused
rather than described wrongly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.einvoicing.document import (
    EXEMPT,
    STANDARD,
    AllowanceCharge,
    DocumentType,
    EInvoice,
    EInvoiceLine,
    EInvoiceTotals,
    Party,
    Payee,
    TaxRow,
    category_of,
)
from domain.errors import ValidationFailed
from domain.money import NO_QUANTITY, ZERO, allocate, cents
from domain.orders.documents import Invoice
from domain.orders.order import SalesOrder
from domain.orders.totals import NO_SHIPPING_TAX, PricedQuantity, Totals, compute_totals
from domain.records.credit_notes import CreditNote
from domain.texts import _


@dataclass(frozen=True)
class Seller:
    """Who invoices, as the settings name it, and where to pay."""

    party: Party
    payee: Payee = field(default_factory=Payee)


@dataclass(frozen=True)
class _Share:
    """The order's arithmetic cut to some quantities of its lines."""

    totals: Totals
    lines: dict[int, PricedQuantity]
    discount_by_rate: dict[Decimal, Decimal]  # the order discount's share of each base
    shipping_by_rate: dict[Decimal, Decimal]  # shipping's taxable share at each rate


def _share(order: SalesOrder, quantities: dict[int, Decimal], charges: bool = True) -> _Share:
    """As `document_verbs._totals_for`: charges count once anything is billed (never on
    a return's credit note, `charges` False)."""
    billed = charges and any(q > 0 for q in quantities.values())
    shipping = cents(order.shipping_charges) if billed else ZERO
    lines = {ln.line_no: ln.priced(quantities.get(ln.line_no, NO_QUANTITY)) for ln in order.lines}
    totals = compute_totals(
        lines.values(),
        order.discount,
        shipping,
        cents(order.adjustment) if billed else ZERO,
        full_subtotal=sum((ln.net for ln in order.lines), ZERO),
        rules=order.tax_rules,
    )
    by_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for priced in lines.values():
        by_rate[priced.tax_rate] += priced.net
    rates = sorted(by_rate)
    shares = dict.fromkeys(rates, ZERO)
    if not order.discount_after_tax:  # the same sharing as compute_totals
        parts = allocate(totals.discount, [by_rate[r] for r in rates])
        shares = dict(zip(rates, parts, strict=True))
    bases = {r: by_rate[r] - shares[r] for r in rates}
    return _Share(totals, lines, shares, order.tax_rules.shipping_bases(shipping, bases))


def _quantities(
    order: SalesOrder, invoice: Invoice
) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """(what earlier invoices held, that plus this invoice's), by line number."""
    before: dict[int, Decimal] = defaultdict(lambda: NO_QUANTITY)
    for earlier in order.invoices:
        if earlier is invoice:
            break
        if earlier.voided_at is not None and earlier.voided_at <= invoice.created_at:
            continue  # voided before this one was made: it had given its quantities back
        for line in earlier.lines:
            before[line.line_no] += line.quantity
    after = dict(before)
    for line in invoice.lines:
        after[line.line_no] = after.get(line.line_no, NO_QUANTITY) + line.quantity
    return dict(before), after


def _party(customer: Customer, address: Address | None) -> Party:
    where = address or Address(code="")
    return Party(
        name=customer.name, street=where.street, postal_code=where.postal_code,
        city=where.city, country=where.country, vat_number=customer.vat_number,
        code=customer.code,
    )  # fmt: skip


def _address(customer: Customer, code: str | None) -> Address | None:
    found = [a for a in customer.addresses if code and a.code == code]
    return next(iter(found), None) or next((a for a in customer.addresses if a.is_default), None)


def _lines(
    order: SalesOrder, before: _Share, after: _Share, billed: list[tuple[int, Decimal]]
) -> list[EInvoiceLine]:
    """The lines billed, (line number, quantity), each at its share of the arithmetic."""
    out = []
    for line_no, quantity in billed:
        line = order.line(line_no)
        now, then = after.lines[line_no], before.lines[line_no]
        amount, net = now.amount - then.amount, now.net - then.net
        out.append(
            EInvoiceLine(
                line_no, line.product_code, line.description or line.product_code,
                quantity, line.unit_price, amount - net, net, line.tax_rate,
            )
        )  # fmt: skip
    return out


def _charges(order: SalesOrder, before: _Share, after: _Share) -> list[AllowanceCharge]:
    """The order discount, shipping and adjustment of this invoice, at their categories."""
    out: list[AllowanceCharge] = []
    for rate, share in sorted(after.discount_by_rate.items()):
        if amount := share - before.discount_by_rate.get(rate, ZERO):
            out.append(AllowanceCharge(False, amount, "Discount", category_of(rate), rate))
    after_tax = after.totals.discount - before.totals.discount
    if order.discount_after_tax and after_tax:
        out.append(AllowanceCharge(False, after_tax, "Discount", EXEMPT))
    shipping = after.totals.shipping - before.totals.shipping
    if order.shipping_tax == NO_SHIPPING_TAX and shipping:
        out.append(AllowanceCharge(True, shipping, "Shipping", EXEMPT))
    for rate, share in sorted(after.shipping_by_rate.items()):
        if amount := share - before.shipping_by_rate.get(rate, ZERO):
            out.append(AllowanceCharge(True, amount, "Shipping", category_of(rate), rate))
    adjustment = after.totals.adjustment - before.totals.adjustment
    if adjustment:
        out.append(AllowanceCharge(adjustment > 0, abs(adjustment), "Adjustment", EXEMPT))
    return out


def _tax_rows(
    lines: list[EInvoiceLine], charges: list[AllowanceCharge], tax: dict[Decimal, Decimal]
) -> list[TaxRow]:
    """One row per (category, rate): its base from the lines, allowances and charges,
    its tax from the order's arithmetic."""
    bases: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        bases[(line.category, line.tax_rate)] += line.net
    for item in charges:
        bases[(item.category, item.rate)] += item.amount if item.is_charge else -item.amount
    return [
        TaxRow(category, rate, base, tax.get(rate, ZERO) if category != EXEMPT else ZERO)
        for (category, rate), base in sorted(bases.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]


@dataclass(frozen=True)
class _Content:
    """What a document bills: lines, allowances and charges, VAT rows, totals."""

    lines: tuple[EInvoiceLine, ...]
    charges: tuple[AllowanceCharge, ...]
    rows: tuple[TaxRow, ...]
    totals: EInvoiceTotals


def _content(
    order: SalesOrder,
    quantities: tuple[dict[int, Decimal], dict[int, Decimal]],
    billed: list[tuple[int, Decimal]],
    stored: tuple[str, Decimal, Decimal, Decimal],
    charges: bool = True,
) -> _Content:
    """The content of a document billing what `quantities` adds (before, after), checked
    against its `stored` (code, net, tax, gross)."""
    before, after = (_share(order, q, charges) for q in quantities)
    amounts = after.totals - before.totals
    code, *kept = stored
    if (amounts.net, amounts.tax, amounts.gross) != tuple(kept):
        raise ValidationFailed.field(
            "invoice",
            _(
                "{code}'s amounts (gross {gross}) no longer follow from order {order}; it "
                "cannot be described as an e-invoice.",
                code=code,
                gross=kept[2],
                order=order.code,
            ),
            "einvoice.amounts_changed",
        )
    lines = _lines(order, before, after, billed)
    extra = _charges(order, before, after)
    rows = _tax_rows(lines, extra, dict(amounts.tax_by_rate))
    allowed = sum((c.amount for c in extra if not c.is_charge), ZERO)
    charged = sum((c.amount for c in extra if c.is_charge), ZERO)
    line_total = sum((ln.net for ln in lines), ZERO)
    basis = line_total - allowed + charged
    totals = EInvoiceTotals(line_total, allowed, charged, basis, amounts.tax, basis + amounts.tax)
    return _Content(tuple(lines), tuple(extra), tuple(rows), totals)


def _check_parties(customer: Customer, buyer: Party, seller: Seller, content: _Content) -> None:
    """Refuse what the standard would: a buyer without a country, a seller without one,
    and VAT charged without the seller's VAT number."""
    if not buyer.country:
        raise ValidationFailed.field(
            "country",
            _(
                "customer {code} has no billing address with a country; an e-invoice names "
                "the buyer's country (customer address {code} ... country:FR).",
                code=customer.code,
            ),
            "einvoice.buyer_country",
        )
    if not seller.party.country or not seller.party.name:
        raise ValidationFailed.field(
            "COMPANY_COUNTRY",
            _(
                "an e-invoice names the seller and its country; set COMPANY_NAME and "
                "COMPANY_COUNTRY."
            ),
            "einvoice.seller_missing",
        )
    if not seller.party.vat_number and any(r.category == STANDARD for r in content.rows):
        raise ValidationFailed.field(
            "COMPANY_VAT_NUMBER",
            _("an e-invoice charging VAT names the seller's VAT number; set COMPANY_VAT_NUMBER."),
            "einvoice.seller_vat_missing",
        )


def _document(
    kind: DocumentType, number: str, issued: date, order: SalesOrder, customer: Customer,
    seller: Seller, content: _Content,
) -> EInvoice:  # fmt: skip
    buyer = _party(customer, _address(customer, order.billing_address_code))
    _check_parties(customer, buyer, seller, content)
    return EInvoice(
        type=kind, number=number, issued=issued, currency=order.currency,
        seller=seller.party, buyer=buyer,
        order_code=order.code, purchase_order=order.reference, lines=content.lines,
        allowances_charges=content.charges, tax_rows=content.rows, totals=content.totals,
        payee=seller.payee,
        delivered_to=_party(customer, _address(customer, order.delivery_address_code)),
    )  # fmt: skip


def einvoice_of(
    order: SalesOrder, invoice: Invoice, customer: Customer, seller: Seller
) -> EInvoice:
    """The e-invoice of one of `order`'s invoices, billed to `customer` by `seller`."""
    billed = [(line.line_no, line.quantity) for line in invoice.lines]
    stored = (invoice.code, invoice.net, invoice.tax, invoice.gross)
    content = _content(order, _quantities(order, invoice), billed, stored)
    made = _document(
        DocumentType.INVOICE, invoice.code, invoice.created_at.date(), order, customer, seller,
        content,
    )  # fmt: skip
    return replace(
        made, due_date=invoice.due_date or order.due_date,
        payment_terms=invoice.terms or order.payment_terms,
    )  # fmt: skip


def credit_note_of(invoice: EInvoice, number: str, issued: date, reason: str = "") -> EInvoice:
    """The credit note cancelling `invoice` whole (a voided invoice): the same lines and
    amounts, as type 381, referring to the invoice."""
    return replace(
        invoice, type=DocumentType.CREDIT_NOTE, number=number, issued=issued,
        preceding_invoice=invoice.number, note=reason, due_date=None, payment_terms="",
    )  # fmt: skip


def refund_note_of(
    order: SalesOrder, note: CreditNote, customer: Customer, seller: Seller
) -> EInvoice:
    """The credit note of a refunded return: the returned goods at the order's prices and
    tax rules, without shipping or adjustment (`domain.records.returns.credit_amounts`)."""
    ret = next(r for r in order.returns if r.code == note.return_code)
    stored = (note.code, note.net, note.tax, note.gross)
    quantities: tuple[dict[int, Decimal], dict[int, Decimal]] = ({}, {ret.line_no: ret.quantity})
    content = _content(order, quantities, [(ret.line_no, ret.quantity)], stored, charges=False)
    made = _document(
        DocumentType.CREDIT_NOTE, note.code, note.created_at.date(), order, customer, seller,
        content,
    )  # fmt: skip
    return replace(made, note=note.reason or f"Return {ret.code}")
