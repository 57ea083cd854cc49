"""Results as plain text: the console's answers and Slack's fallback text.

Amounts, quantities, rates and dates go through one `Formats` (`l10n.formats`): amounts
in the currency of the settings, in the view's locale; dates ISO, as the team types them.
"""

from __future__ import annotations

from bot.language.order_lists import list_line
from bot.views.actors import actor_text
from bot.views.catalogues import catalogue_text, sent_line
from bot.views.jobs import jobs_text
from bot.views.order_money import line_discount, order_formats, totals_rows
from bot.views.periods import settled_periods
from bot.views.products import product_text
from bot.views.records import order_records, record_line, record_text, related_lines
from bot.views.stock import availability_text, backorder_line, stock_text
from domain.cases.case import Case, EntryKind
from domain.cases.priorities import CasePriority
from domain.catalog.products import Product, Tax
from domain.commands import ListOrders
from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.records.ports import RecordRow
from domain.services.catalogues import CatalogSentView, CataloguesView, CatalogueView
from domain.services.jobs import JobLogView, JobRunDetail, JobRunView
from domain.services.record_views import RecordView
from domain.services.stock import StockListView, StockView
from domain.services.views import (
    CaseView,
    CustomerMatch,
    CustomerView,
    Listing,
    OrdersExported,
    OrderView,
    PrioritiesView,
    ProductView,
    SubscriptionView,
)
from domain.subscriptions.subscription import Subscription
from l10n.formats import DEFAULT_LOCALE, Formats

ALERT_MARK = "⚠"
"""What marks a customer or case with an active alert."""


def order_text(view: OrderView, f: Formats) -> str:
    """An order: header, lines, shipments, documents and totals, in its own currency."""
    o = view.order
    f = order_formats(o, f)
    out = _order_header(view)
    out.append("  Lines:")
    stock = {a.line_no: a for a in view.availability}
    for ln in o.lines:
        disc = line_discount(ln, f)
        tax = f" {ln.tax_code}" if ln.tax_code else ""
        held = f" · {availability_text(stock[ln.line_no], f)}" if ln.line_no in stock else ""
        out.append(
            f"    {ln.line_no}. {ln.product_code:<12} {f.number(ln.quantity):>6} x "
            f"{f.money(ln.unit_price, exact=True)}{disc}{tax}  = {f.money(ln.net)}{held}"
        )
    out += _shipments_text(o, f)
    out += order_records(o, f)
    out += related_lines(view.related, o.absorbed_codes)
    out += timeline_text(o, f)
    pending = len(o.pending_notifications())
    if pending:
        out.append(f"  {pending} notification(s) pending: /order notify {o.code}")
    out.append(totals_text(o, f))
    return "\n".join(out)


def _order_header(view: OrderView) -> list[str]:
    """Code, customer and states; then the header fields that are set."""
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
        ("absorbed", ", ".join(o.absorbed_codes)),
    ]
    shown = [f"{k}: {v}" for k, v in details if v]
    if shown:
        out.append("  " + " · ".join(shown))
    return out


def _shipments_text(o: SalesOrder, f: Formats) -> list[str]:
    """Each shipment with what it holds, then what is still to ship."""
    out = ["  Shipments:"]
    for s in o.shipments:
        items = (
            ", ".join(
                f"{f.number(sl.quantity)} x {o.line(sl.line_no).product_code}" for sl in s.lines
            )
            or "(empty)"
        )
        extra = " · ".join(
            x
            for x in [
                f"planned {f.date(s.planned_date)}" if s.planned_date else "",
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
                f"{f.number(b.quantity)} x {b.product_code} (shipment {b.shipment_number}"
                + (f", expected {f.date(b.expected)}" if b.expected else "")
                + ")"
                for b in backorders
            )
        )
    return out


def timeline_text(o: SalesOrder, f: Formats) -> list[str]:
    """The order's history, oldest first, each entry with who did it."""
    out = ["  History:"] if o.timeline else []
    for e in o.timeline:
        out.append(f"    {f.datetime(e.at)} {actor_text(e.actor)}: {e.text}")
    return out


def totals_text(o: SalesOrder, f: Formats) -> str:
    """The totals block."""
    rows = totals_rows(o, f)
    return "  Totals: " + " · ".join(f"{label} {f.money(v)}" for label, v in rows)


def customer_text(view: CustomerView, f: Formats) -> str:
    """The customer desk, alerts first."""
    cu = view.customer
    out = [f"{cu.code} · {cu.name}" + (f" · VAT {cu.vat_number}" if cu.vat_number else "")]
    for case in view.alerts:
        out.append(f"  {ALERT_MARK} ALERT case {case.id} ({case.priority}): {case.title}")
    for a in cu.addresses:
        out.append(f"  Address {a.code}{' (default)' if a.is_default else ''}: {a.one_line()}")
    for ct in cu.contacts:
        bits = " · ".join(x for x in (ct.email, ct.phone) if x)
        out.append(f"  Contact {ct.name}{' (default)' if ct.is_default else ''}: {bits}")
    for code, b in view.backorders:
        out.append(f"  Backorder {backorder_line(code, b, view.availability, f)}")
    for note in cu.notes[-5:]:
        out.append(f"  Note {f.date(note.at)} {note.author}: {note.text}")
    for change in view.history:
        out.append(f"  Changed {f.datetime(change.at)} {change.actor or 'someone'}: {change.text}")
    for sent in view.catalogues_sent:
        out.append(f"  Catalogue sent: {sent_line(sent, f)}")
    for s in view.statistics[:5]:
        out.append(
            f"  Item {s.product_code}: {f.number(s.quantity)} in {f.number(s.orders)} order(s), "
            f"{f.money(s.amount)}"
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


def case_text(case: Case, f: Formats) -> str:
    """A case: its line, then its log of notes and changes with who wrote or made them."""
    out = [_item(case, f)]
    if not case.notes:  # a case from before cases kept a log
        out.append(f"  opened {f.datetime(case.opened_at)}")
    for entry in case.notes:
        who = entry.author or "someone"
        said = " wrote" if entry.kind == EntryKind.NOTE else ""
        out.append(f"  {f.datetime(entry.at)} {who}{said}: {entry.text}")
    return "\n".join(out)


def _item(item: object, f: Formats) -> str:
    if isinstance(item, SalesOrder):
        return (
            f"{item.code}  {item.customer_code:<10} {item.status:<9} "
            f"{order_formats(item, f).money(item.totals.gross):>14}  {f.date(item.created_at)}"
        )
    if isinstance(item, CustomerMatch):
        cu = item.customer
        line = f"{cu.code:<10} {cu.name}  ({item.matched}, {item.score})"
        return line + "".join(f"  {ALERT_MARK} {title}" for title in item.alerts)
    if isinstance(item, Customer):
        return f"{item.code:<10} {item.name}"
    if isinstance(item, Product):
        tax = f" {item.tax_code}" if item.tax_code else ""
        every = f" every {item.frequencies}" if item.frequencies else ""
        sold = "" if item.active else " (inactive: not sold)"
        price = f.money(item.unit_price, exact=True)
        return f"{item.code:<12} {item.name}  {price}{tax}{every}{sold}"
    if isinstance(item, Tax):
        return f"{item.code:<8} {f.percent(item.rate)}"
    if isinstance(item, Case):
        alert = f" {ALERT_MARK} ALERT" if item.active_alert else ""
        return f"#{item.id} {item.customer_code} {item.priority} {item.status}{alert}: {item.title}"
    if isinstance(item, CasePriority):
        return f"{item.name:<10} {'raises an alert' if item.alert else 'no alert'}"
    if isinstance(item, Subscription):
        return subscription_line(item, f)
    if isinstance(item, RecordRow):
        return record_line(item, f)
    return str(item)


def subscription_line(sub: Subscription, f: Formats) -> str:
    """A subscription on one line."""
    lines = ", ".join(f"{f.number(ln.quantity)} x {ln.product_code}" for ln in sub.lines)
    nxt = sub.next_date()
    end = f" until {f.date(sub.end_date)}" if sub.end_date else ""
    last = sub.last_order_date
    return (
        f"#{sub.id} {sub.customer_code} {sub.status} {sub.frequency}: {lines} · from "
        f"{f.date(sub.start_date)}{end} · {settled_periods(sub.iteration, sub.skipped, f)}"
        + (f" · next {f.date(nxt)}" if nxt else "")
        + (f" · last order {f.date(last)}" if last else "")
    )


def render(result: object, currency: str = "EUR", locale: str = DEFAULT_LOCALE) -> str:
    """Any service result as text, amounts in `currency`, written for `locale`."""
    return render_with(result, Formats(currency, locale))


def render_with(result: object, f: Formats) -> str:
    """Any service result as text, in the formats `f`."""
    if isinstance(result, JobLogView | JobRunView | JobRunDetail):
        return jobs_text(result, f)
    if isinstance(result, OrderView):
        body = order_text(result, f)
        return f"{result.note}\n{body}" if result.note else body
    if isinstance(result, RecordView):
        return record_text(result, f)
    if isinstance(result, CustomerView):
        body = customer_text(result, f)
        return f"{result.note}\n{body}" if result.note else body
    if isinstance(result, ProductView):
        return product_text(result, f, lambda product: _item(product, f))
    if isinstance(result, StockView | StockListView):
        return stock_text(result, f)
    if isinstance(result, CatalogueView | CataloguesView | CatalogSentView):
        return catalogue_text(result, f, lambda product: _item(product, f))
    if isinstance(result, SubscriptionView):
        return f"{result.note}\n{subscription_line(result.subscription, f)}"
    if isinstance(result, CaseView):
        body = case_text(result.case, f)
        return f"{result.note}\n{body}" if result.note else body
    if isinstance(result, PrioritiesView):
        lines = ["Case priorities:", *(f"  {_item(p, f)}" for p in result.priorities)]
        return "\n".join([result.note, *lines] if result.note else lines)
    if isinstance(result, Listing):
        return _listing(result, f)
    if isinstance(result, OrdersExported):
        what = "order" if result.count == 1 else "orders"
        return f"Exported {f.number(result.count)} {what} to {result.path} ({result.kind})."
    return str(result)


def _listing(result: Listing, f: Formats) -> str:
    if not result.items:
        return f"{result.title}: none."
    lines = [f"{result.title}:", *(f"  {_item(i, f)}" for i in result.items)]
    if isinstance(result.more, ListOrders):
        lines.append(f"more: {list_line(result.more)}")
    return "\n".join(lines)
