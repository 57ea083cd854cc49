"""Records as text: an invoice, credit note, work order or return with its order; a
record on one line of a list; an order's records and related orders in `order show`.

Every line is a whole sentence pattern with named placeholders; amounts and dates go
through `Formats`.
"""

from __future__ import annotations

from decimal import Decimal

from bot.views.record_words import (
    RELATION_ON_PARENT,
    credit_source,
    work_order_target,
)
from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.orders.order import SalesOrder
from domain.records.credit_notes import CreditNote
from domain.records.invoices import is_overdue
from domain.records.ports import RecordRow, RelatedOrder
from domain.services.record_views import RecordView
from l10n.formats import Formats
from l10n.translation import render as say

HEADS = {
    Invoice: "{code} · invoice of {order} · {who} · {status}",
    CreditNote: "{code} · credit note of {order} · {who}",
    WorkOrder: "{code} · work order of {order} · {who} · {status}",
    ReturnOrder: "{code} · return of {order} · {who} · {status}",
}


def record_text(view: RecordView, f: Formats) -> str:
    """One record with its order, customer, dates, goods and amounts."""
    r, o = view.record, view.order
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    status = str(getattr(r, "status", ""))
    out = [HEADS[type(r)].format(code=r.code, order=o.code, who=who, status=status)]
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
        out.append(f"  Credit note {note.code}: {f.money(note.gross)}")
    text = "\n".join(out)
    return f"{say(view.note)}\n{text}" if view.note else text


def _amounts(net: Decimal, tax: Decimal, gross: Decimal, f: Formats) -> str:
    return f"  Amounts: net {f.money(net)} · tax {f.money(tax)} · total {f.money(gross)}"


def _invoice(r: Invoice, view: RecordView, f: Formats) -> list[str]:
    dates = [f"made {f.date(r.created_at)}"]
    dates.append(f"terms {r.terms}" if r.terms else "no terms")
    if r.due_date is not None:
        overdue = " (overdue)" if is_overdue(r, view.today) else ""
        dates.append(f"due {f.date(r.due_date)}{overdue}")
    else:
        dates.append("no due date (the terms are not in the payment terms table)")
    if r.paid_on is not None:
        dates.append(f"paid {f.date(r.paid_on)}")
    if r.voided_at is not None:
        dates.append(f"voided {f.date(r.voided_at)}")
    goods = ", ".join(f"{f.number(il.quantity)} x {il.product_code}" for il in r.lines)
    return ["  " + " · ".join(dates), f"  Goods: {goods}", _amounts(r.net, r.tax, r.gross, f)]


def _work_order(r: WorkOrder, f: Formats) -> list[str]:
    dates = [f"{r.scope}: {work_order_target(r)}", f"made {f.date(r.created_at)}"]
    if r.closed_at is not None:
        dates.append(f"{r.status} {f.date(r.closed_at)}")
    goods = ", ".join(f"{f.number(wl.quantity)} x {wl.product_code}" for wl in r.lines)
    return ["  " + " · ".join(dates), f"  Goods: {goods}"]


def _return(r: ReturnOrder, f: Formats) -> list[str]:
    dates = [f"{f.number(r.quantity)} x {r.product_code}", f"made {f.date(r.created_at)}"]
    if r.received_at is not None:
        dates.append(f"received {f.date(r.received_at)}")
    if r.refunded_at is not None:
        dates.append(f"refunded {f.date(r.refunded_at)}")
    if r.reason:
        dates.append(f"reason: {r.reason}")
    return ["  " + " · ".join(dates)]


def record_line(row: RecordRow, f: Formats) -> str:
    """A record on one line of a list."""
    r = row.record
    head = f"{r.code:<10} {row.order_code:<10} {row.customer_code:<10}"
    if isinstance(r, Invoice):
        due = f"due {f.date(r.due_date)}" if r.due_date else "no due date"
        late = " (overdue)" if row.overdue else ""
        return f"{head} {r.status:<5} {due}{late}  {f.money(r.gross)}"
    if isinstance(r, CreditNote):
        return f"{head} for {r.source}  {f.money(r.gross)}"
    if isinstance(r, WorkOrder):
        return f"{head} {r.status:<9} {r.scope} ({work_order_target(r)})"
    return f"{head} {r.status:<9} {f.number(r.quantity)} x {r.product_code}"


def order_records(o: SalesOrder, f: Formats) -> list[str]:
    """An order's invoices, work orders, returns and credit notes, with their statuses."""
    out: list[str] = []
    for inv in o.invoices:
        goods = ", ".join(f"{f.number(il.quantity)} x {il.product_code}" for il in inv.lines)
        due = f", due {f.date(inv.due_date)}" if inv.due_date else ""
        out.append(f"  Invoice {inv.code} ({inv.status}{due}): {goods} = {f.money(inv.gross)}")
    for w in o.work_orders:
        goods = ", ".join(f"{f.number(wl.quantity)} x {wl.product_code}" for wl in w.lines)
        out.append(f"  Work order {w.code} ({work_order_target(w)}, {w.status}): {goods}")
    for r in o.returns:
        reason = f" {r.reason}" if r.reason else ""
        out.append(
            f"  Return {r.code} ({r.status}): {f.number(r.quantity)} x {r.product_code}{reason}"
        )
    for n in o.credit_notes:
        out.append(f"  Credit note {n.code} for {n.source}: {f.money(n.gross)}")
    return out


def related_lines(related: tuple[RelatedOrder, ...], absorbed: list[str]) -> list[str]:
    """The orders made from this one, as its parent lists them (those it absorbed by a
    merge are named with its header already)."""
    shown = [r for r in related if r.code not in absorbed]
    if not shown:
        return []
    text = ", ".join(
        RELATION_ON_PARENT.get(r.relation, "{code} ({status})").format(code=r.code, status=r.status)
        for r in shown
    )
    return [f"  Orders made from this one: {text}"]
