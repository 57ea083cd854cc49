"""Records as text: an invoice, credit note, work order or return with its order; a
record on one line of a list; an order's records and related orders in `order show`.

Every line is a whole sentence pattern with named placeholders; amounts and dates go
through `Formats`.
"""

from __future__ import annotations

from decimal import Decimal

from bot.views.record_words import credit_source, related_name, work_order_target
from bot.views.states import (
    invoice_status_word,
    return_status_word,
    work_order_status_word,
)
from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.orders.order import SalesOrder
from domain.records.credit_notes import CreditNote
from domain.records.invoices import is_overdue
from domain.records.ports import RecordRow, RelatedOrder
from domain.records.terms import term_words
from domain.services.record_views import RecordView
from l10n.formats import Formats
from l10n.translation import gettext
from l10n.translation import render as say


def _head(record: object, said: dict[str, str]) -> str:
    if isinstance(record, Invoice):
        return gettext("{code} · invoice of {order} · {who} · {status}", **said)
    if isinstance(record, CreditNote):
        return gettext("{code} · credit note of {order} · {who}", **said)
    if isinstance(record, WorkOrder):
        return gettext("{code} · work order of {order} · {who} · {status}", **said)
    return gettext("{code} · return of {order} · {who} · {status}", **said)


def _status_word(record: object) -> str:
    """A record's status in its own kind's word (a credit note has none)."""
    if isinstance(record, Invoice):
        return invoice_status_word(record.status)
    if isinstance(record, WorkOrder):
        return work_order_status_word(record.status)
    if isinstance(record, ReturnOrder):
        return return_status_word(record.status)
    return ""


def record_text(view: RecordView, f: Formats) -> str:
    """One record with its order, customer, dates, goods and amounts."""
    r, o = view.record, view.order
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    status = _status_word(r)
    out = [_head(r, {"code": r.code, "order": o.code, "who": who, "status": status})]
    if isinstance(r, Invoice):
        out += _invoice(r, view, f)
    elif isinstance(r, CreditNote):
        out.append("  " + credit_source(r, f.date(r.created_at)))
        out.append(_amounts(r.net, r.tax, r.gross, f))
    elif isinstance(r, WorkOrder):
        out += _work_order(r, f)
    else:
        out += _return(r, f)
    for note in view.credit_notes:
        out.append(
            "  "
            + gettext("Credit note {code}: {amount}", code=note.code, amount=f.money(note.gross))
        )
    text = "\n".join(out)
    return f"{say(view.note)}\n{text}" if view.note else text


def _amounts(net: Decimal, tax: Decimal, gross: Decimal, f: Formats) -> str:
    return "  " + gettext(
        "Amounts: net {net} · tax {tax} · total {total}",
        net=f.money(net),
        tax=f.money(tax),
        total=f.money(gross),
    )


def _invoice(r: Invoice, view: RecordView, f: Formats) -> list[str]:
    dates = [gettext("made {date}", date=f.date(r.created_at))]
    dates.append(
        gettext("terms {terms}", terms=say(term_words(r.terms))) if r.terms else gettext("no terms")
    )
    if r.due_date is not None:
        due = f.date(r.due_date)
        overdue = is_overdue(r, view.today)
        dates.append(
            gettext("due {date} (overdue)", date=due)
            if overdue
            else gettext("due {date}", date=due)
        )
    else:
        dates.append(gettext("no due date (the terms are not in the payment terms table)"))
    if r.paid_on is not None:
        dates.append(gettext("paid {date}", date=f.date(r.paid_on)))
    if r.voided_at is not None:
        dates.append(gettext("voided {date}", date=f.date(r.voided_at)))
    goods = ", ".join(f"{f.number(il.quantity)} x {il.product_code}" for il in r.lines)
    return [
        "  " + " · ".join(dates),
        "  " + gettext("Goods: {goods}", goods=goods),
        _amounts(r.net, r.tax, r.gross, f),
    ]


def _work_order(r: WorkOrder, f: Formats) -> list[str]:
    dates = [
        # Translators: a work order's scope (per-shipment, per-product, all) and what it covers.
        gettext("{scope}: {target}", scope=r.scope, target=work_order_target(r)),
        gettext("made {date}", date=f.date(r.created_at)),
    ]
    if r.closed_at is not None:
        dates.append(f"{work_order_status_word(r.status)} {f.date(r.closed_at)}")
    goods = ", ".join(f"{f.number(wl.quantity)} x {wl.product_code}" for wl in r.lines)
    return ["  " + " · ".join(dates), "  " + gettext("Goods: {goods}", goods=goods)]


def _return(r: ReturnOrder, f: Formats) -> list[str]:
    dates = [
        f"{f.number(r.quantity)} x {r.product_code}",
        gettext("made {date}", date=f.date(r.created_at)),
    ]
    if r.received_at is not None:
        dates.append(gettext("received {date}", date=f.date(r.received_at)))
    if r.refunded_at is not None:
        dates.append(gettext("refunded {date}", date=f.date(r.refunded_at)))
    if r.reason:
        dates.append(gettext("reason: {reason}", reason=r.reason))
    return ["  " + " · ".join(dates)]


def record_line(row: RecordRow, f: Formats) -> str:
    """A record on one line of a list."""
    r = row.record
    head = f"{r.code:<10} {row.order_code:<10} {row.customer_code:<10}"
    if isinstance(r, Invoice):
        if r.due_date is None:
            due = gettext("no due date")
        elif row.overdue:
            due = gettext("due {date} (overdue)", date=f.date(r.due_date))
        else:
            due = gettext("due {date}", date=f.date(r.due_date))
        return f"{head} {invoice_status_word(r.status):<5} {due}  {f.money(r.gross)}"
    if isinstance(r, CreditNote):
        return f"{head} " + gettext("for {source}", source=r.source) + f"  {f.money(r.gross)}"
    if isinstance(r, WorkOrder):
        return f"{head} {work_order_status_word(r.status):<9} {r.scope} ({work_order_target(r)})"
    return f"{head} {return_status_word(r.status):<9} {f.number(r.quantity)} x {r.product_code}"


def order_records(o: SalesOrder, f: Formats) -> list[str]:
    """An order's invoices, work orders, returns and credit notes, with their statuses."""
    out: list[str] = []
    for inv in o.invoices:
        goods = ", ".join(f"{f.number(il.quantity)} x {il.product_code}" for il in inv.lines)
        said = {"code": inv.code, "status": invoice_status_word(inv.status), "goods": goods}
        said["amount"] = f.money(inv.gross)
        out.append(
            "  "
            + (
                gettext(
                    "Invoice {code} ({status}, due {date}): {goods} = {amount}",
                    date=f.date(inv.due_date),
                    **said,
                )
                if inv.due_date
                else gettext("Invoice {code} ({status}): {goods} = {amount}", **said)
            )
        )
    for w in o.work_orders:
        goods = ", ".join(f"{f.number(wl.quantity)} x {wl.product_code}" for wl in w.lines)
        out.append(
            "  "
            + gettext(
                "Work order {code} ({target}, {status}): {goods}",
                code=w.code,
                target=work_order_target(w),
                status=work_order_status_word(w.status),
                goods=goods,
            )
        )
    for r in o.returns:
        reason = f" {r.reason}" if r.reason else ""
        said = {"code": r.code, "status": return_status_word(r.status), "product": r.product_code}
        out.append(
            "  "
            + gettext(
                "Return {code} ({status}): {quantity} x {product}",
                quantity=f.number(r.quantity),
                **said,
            )
            + reason
        )
    for n in o.credit_notes:
        out.append(
            "  "
            + gettext(
                "Credit note {code} for {source}: {amount}",
                code=n.code,
                source=n.source,
                amount=f.money(n.gross),
            )
        )
    return out


def related_lines(related: tuple[RelatedOrder, ...], absorbed: list[str]) -> list[str]:
    """The orders made from this one, as its parent lists them (those it absorbed by a
    merge are named with its header already)."""
    shown = [r for r in related if r.code not in absorbed]
    if not shown:
        return []
    text = ", ".join(related_name(r) for r in shown)
    return ["  " + gettext("Orders made from this one: {orders}", orders=text)]
