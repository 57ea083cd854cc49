"""Results as plain text: the console's answers and Slack's fallback text."""

from __future__ import annotations

from decimal import Decimal

from bot.views.jobs import jobs_text
from domain.cases.case import Case
from domain.catalog.products import Product, Tax
from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.services.jobs import JobLogView, JobRunView
from domain.services.views import (
    CaseView,
    CustomerMatch,
    CustomerView,
    Listing,
    OrderView,
    ProductView,
    SubscriptionView,
)
from domain.subscriptions.subscription import Subscription


def money(amount: Decimal, currency: str = "EUR") -> str:
    """An amount with two decimals and its currency."""
    return f"{amount:,.2f} {currency}"


def qty(value: Decimal) -> str:
    """A quantity without trailing zeros (10, 2.5)."""
    text = format(value.normalize(), "f")
    return text


def order_text(view: OrderView, currency: str = "EUR") -> str:
    """An order: header, lines, shipments, documents and totals."""
    o = view.order
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    out = [
        (
            f"{o.code} · {who} · {o.status} · {o.shipping_state.replace('_', ' ')} · "
            f"{o.invoicing_state.replace('_', ' ')}"
        )
    ]
    details = [
        ("ref", o.reference),
        ("requested", o.requested_date),
        ("due", o.due_date),
        ("ship to", o.delivery_address_code),
        ("bill to", o.billing_address_code),
        ("terms", o.payment_terms),
        ("source", o.source),
        ("related", f"{o.relation} {o.parent_code}" if o.parent_code else ""),
    ]
    shown = [f"{k}: {v}" for k, v in details if v]
    if shown:
        out.append("  " + " · ".join(shown))
    out.append("  Lines:")
    for ln in o.lines:
        disc = f" -{qty(ln.discount_percent)}%" if ln.discount_percent else ""
        tax = f" {ln.tax_code}" if ln.tax_code else ""
        out.append(
            f"    {ln.line_no}. {ln.product_code:<12} {qty(ln.quantity):>6} x "
            f"{ln.unit_price:.2f}{disc}{tax}  = {money(ln.net, currency)}"
        )
    out.append("  Shipments:")
    for s in o.shipments:
        items = (
            ", ".join(f"{qty(sl.quantity)} x {o.line(sl.line_no).product_code}" for sl in s.lines)
            or "(empty)"
        )
        extra = " · ".join(
            x
            for x in [
                f"planned {s.planned_date}" if s.planned_date else "",
                s.carrier,
                f"tracking {s.tracking_number}" if s.tracking_number else "",
            ]
            if x
        )
        out.append(f"    #{s.number} {s.status}: {items}" + (f" ({extra})" if extra else ""))
    backorders = o.backorder_lines()
    if backorders:
        out.append(
            "  Backorder: "
            + ", ".join(
                f"{qty(b.quantity)} x {b.product_code} (shipment {b.shipment_number}"
                + (f", expected {b.expected}" if b.expected else "")
                + ")"
                for b in backorders
            )
        )
    for inv in o.invoices:
        out.append(
            f"  Invoice {inv.code}: "
            + ", ".join(f"{qty(il.quantity)} x {il.product_code}" for il in inv.lines)
            + f" = {money(inv.gross, currency)}"
        )
    for w in o.work_orders:
        target = (
            f"shipment {w.shipment_number}"
            if w.shipment_number
            else (w.product_code or "all products")
        )
        out.append(
            f"  Work order {w.code} ({target}): "
            + ", ".join(f"{qty(wl.quantity)} x {wl.product_code}" for wl in w.lines)
        )
    for r in o.returns:
        out.append(f"  Return {r.code}: {qty(r.quantity)} x {r.product_code} {r.reason}".rstrip())
    pending = len(o.pending_notifications())
    if pending:
        out.append(f"  {pending} notification(s) pending: /order notify {o.code}")
    out.append(totals_text(o, currency))
    return "\n".join(out)


def totals_text(o: SalesOrder, currency: str = "EUR") -> str:
    """The totals block."""
    t = o.totals
    rows = [("Subtotal", t.subtotal)]
    if t.discount:
        rows.append((f"Discount ({o.discount.describe()})", -t.discount))
    for rate, amount in t.tax_by_rate:
        rows.append((f"Tax {qty(rate)}%", amount))
    if t.shipping:
        rows.append(("Shipping", t.shipping))
    if t.adjustment:
        rows.append(("Adjustment", t.adjustment))
    rows.append(("Total", t.gross))
    return "  Totals: " + " · ".join(f"{label} {money(v, currency)}" for label, v in rows)


def customer_text(view: CustomerView, currency: str = "EUR") -> str:
    """The customer desk, alerts first."""
    cu = view.customer
    out = [f"{cu.code} · {cu.name}" + (f" · VAT {cu.vat_number}" if cu.vat_number else "")]
    for case in view.alerts:
        out.append(f"  ALERT case {case.id} ({case.priority}): {case.title}")
    for a in cu.addresses:
        out.append(f"  Address {a.code}{' (default)' if a.is_default else ''}: {a.one_line()}")
    for ct in cu.contacts:
        bits = " · ".join(x for x in (ct.email, ct.phone) if x)
        out.append(f"  Contact {ct.name}{' (default)' if ct.is_default else ''}: {bits}")
    for code, b in view.backorders:
        when = f", expected {b.expected}" if b.expected else ""
        out.append(f"  Backorder {code}: {qty(b.quantity)} x {b.product_code}{when}")
    for note in cu.notes[-5:]:
        out.append(f"  Note {note.at:%Y-%m-%d} {note.author}: {note.text}")
    for s in view.statistics[:5]:
        out.append(
            f"  Item {s.product_code}: {qty(s.quantity)} in {s.orders} order(s), "
            f"{money(s.amount, currency)}"
        )
    for title, orders in (
        ("Recent", view.recent_orders),
        ("Invoiced", view.invoiced_orders),
        ("Archived", view.archived_orders),
        ("Related", view.related_orders),
    ):
        if orders:
            out.append(f"  {title} orders: " + ", ".join(f"{o.code} ({o.status})" for o in orders))
    return "\n".join(out)


def _item(item: object, currency: str) -> str:
    if isinstance(item, SalesOrder):
        return (
            f"{item.code}  {item.customer_code:<10} {item.status:<9} "
            f"{money(item.totals.gross, currency):>14}  {item.created_at:%Y-%m-%d}"
        )
    if isinstance(item, CustomerMatch):
        cu = item.customer
        return f"{cu.code:<10} {cu.name}  ({item.matched}, {item.score})"
    if isinstance(item, Customer):
        return f"{item.code:<10} {item.name}"
    if isinstance(item, Product):
        tax = f" {item.tax_code}" if item.tax_code else ""
        every = f" every {item.frequencies}" if item.frequencies else ""
        return f"{item.code:<12} {item.name}  {money(item.unit_price, currency)}{tax}{every}"
    if isinstance(item, Tax):
        return f"{item.code:<8} {qty(item.rate)}%"
    if isinstance(item, Case):
        alert = " ALERT" if item.active_alert else ""
        return f"#{item.id} {item.customer_code} {item.priority} {item.status}{alert}: {item.title}"
    if isinstance(item, Subscription):
        return subscription_line(item)
    return str(item)


def subscription_line(sub: Subscription) -> str:
    """A subscription on one line."""
    lines = ", ".join(f"{qty(ln.quantity)} x {ln.product_code}" for ln in sub.lines)
    nxt = sub.next_date()
    end = f" until {sub.end_date}" if sub.end_date else ""
    return (
        f"#{sub.id} {sub.customer_code} {sub.status} {sub.frequency}: {lines} · from "
        f"{sub.start_date}{end} · period {sub.iteration} done"
        + (f" · next {nxt}" if nxt else "")
        + (f" · last order {sub.last_order_date}" if sub.last_order_date else "")
    )


def render(result: object, currency: str = "EUR") -> str:
    """Any service result as text."""
    if isinstance(result, JobLogView | JobRunView):
        return jobs_text(result)
    if isinstance(result, OrderView):
        body = order_text(result, currency)
        return f"{result.note}\n{body}" if result.note else body
    if isinstance(result, CustomerView):
        body = customer_text(result, currency)
        return f"{result.note}\n{body}" if result.note else body
    if isinstance(result, ProductView):
        line = _item(result.product, currency)
        return f"{result.note}\n{line}" if result.note else line
    if isinstance(result, SubscriptionView):
        return f"{result.note}\n{subscription_line(result.subscription)}"
    if isinstance(result, CaseView):
        return f"{result.note}\n{_item(result.case, currency)}"
    if isinstance(result, Listing):
        if not result.items:
            return f"{result.title}: none."
        return "\n".join([f"{result.title}:", *(f"  {_item(i, currency)}" for i in result.items)])
    return str(result)
