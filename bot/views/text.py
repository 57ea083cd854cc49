"""Results as plain text: the console's answers and Slack's fallback text.

Amounts, quantities, rates and dates go through one `Formats` (`l10n.formats`): amounts
in the currency of the settings, in the view's locale; dates ISO, as the team types them.
"""

from __future__ import annotations

from bot.language.order_lists import list_line
from bot.views.actors import actor_text
from bot.views.catalogues import catalogue_text, sent_line
from bot.views.empty_lists import none_listed
from bot.views.jobs import jobs_text
from bot.views.log_lines import log_line
from bot.views.order_money import line_discount, order_formats, totals_rows
from bot.views.people_lines import address_lines, contact_lines
from bot.views.periods import settled_periods
from bot.views.products import product_text
from bot.views.record_words import parent_name
from bot.views.records import order_records, record_line, record_text, related_lines
from bot.views.states import (
    case_status_word,
    invoicing_word,
    order_status_word,
    shipment_status_word,
    shipping_word,
    subscription_status_word,
)
from bot.views.stock import availability_text, backorder_line, stock_text
from bot.views.tracking import dead_message_line, tracking_text
from domain.cases.case import Case, EntryKind
from domain.cases.priorities import CasePriority
from domain.catalog.products import Product, Tax
from domain.commands import ListOrders
from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.orders.timeline_texts import DOORS
from domain.records.ports import RecordRow
from domain.records.terms import term_words
from domain.services.catalogues import CatalogSentView, CataloguesView, CatalogueView
from domain.services.jobs import JobLogView, JobRunDetail, JobRunView
from domain.services.record_views import RecordView
from domain.services.stock import StockListView, StockView
from domain.services.tracking import DeadMessage, RevokedView, TrackingLinkView
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
from l10n.formats import Formats
from l10n.translation import current_language, gettext, ngettext
from l10n.translation import render as say

ALERT_MARK = "⚠"
"""What marks a customer or case with an active alert."""


def order_text(view: OrderView, f: Formats) -> str:
    """An order: header, lines, shipments, documents and totals, in its own currency."""
    o = view.order
    f = order_formats(o, f)
    out = _order_header(view)
    out.append("  " + gettext("Lines:"))
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
        out.append(
            "  "
            + ngettext(
                "{n} notification pending: /order notify {code}",
                "{n} notifications pending: /order notify {code}",
                pending,
                code=o.code,
            )
        )
    out.append(totals_text(o, f))
    return "\n".join(out)


def _order_header(view: OrderView) -> list[str]:
    """Code, customer and states; then the header fields that are set."""
    o = view.order
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    out = [
        (
            f"{o.code} · {who} · {order_status_word(o.status)} · {shipping_word(o.shipping_state)}"
            f" · {invoicing_word(o.invoicing_state)}"
        )
    ]
    details = [
        # Translators: the customer's reference (their PO number) on an order.
        (gettext("ref"), o.reference),
        (gettext("requested"), o.requested_date),
        (gettext("due"), o.due_date),
        (gettext("ship to"), o.delivery_address_code),
        (gettext("bill to"), o.billing_address_code),
        # Translators: payment terms.
        (gettext("terms"), say(term_words(o.payment_terms))),
        # Translators: where the order came from (slack, email, console...).
        (gettext("source"), say(DOORS.get(o.source, o.source))),
        (gettext("related"), parent_name(o.relation, o.parent_code) if o.parent_code else ""),
        # Translators: orders merged into this one.
        (gettext("absorbed"), ", ".join(o.absorbed_codes)),
    ]
    shown = [
        # Translators: one field of an order's header, e.g. "ref: PO-9" (French puts a space
        # before the colon).
        gettext("{label}: {value}", label=k, value=v)
        for k, v in details
        if v
    ]
    if shown:
        out.append("  " + " · ".join(shown))
    return out


def _shipments_text(o: SalesOrder, f: Formats) -> list[str]:
    """Each shipment with what it holds, then what is still to ship."""
    out = ["  " + gettext("Shipments:")]
    for s in o.shipments:
        items = ", ".join(
            f"{f.number(sl.quantity)} x {o.line(sl.line_no).product_code}" for sl in s.lines
        ) or gettext("(empty)")
        extra = " · ".join(
            x
            for x in [
                gettext("planned {date}", date=f.date(s.planned_date)) if s.planned_date else "",
                s.carrier,
                gettext("tracking {number}", number=s.tracking_number) if s.tracking_number else "",
            ]
            if x
        )
        said = gettext(
            "#{number} {status}: {items}",
            number=s.number,
            status=shipment_status_word(s.status),
            items=items,
        )
        out.append(f"    {said}" + (f" ({extra})" if extra else ""))
    backorders = o.backorder_lines()
    if backorders:
        out.append(
            "  "
            + gettext("Backorder:")
            + " "
            + ", ".join(
                gettext(
                    "{quantity} x {product} (shipment {number}, expected {date})",
                    quantity=f.number(b.quantity),
                    product=b.product_code,
                    number=b.shipment_number,
                    date=f.date(b.expected),
                )
                if b.expected
                else gettext(
                    "{quantity} x {product} (shipment {number})",
                    quantity=f.number(b.quantity),
                    product=b.product_code,
                    number=b.shipment_number,
                )
                for b in backorders
            )
        )
    return out


def timeline_text(o: SalesOrder, f: Formats) -> list[str]:
    """The order's history, oldest first, each entry with who did it."""
    out = ["  " + gettext("History:")] if o.timeline else []
    for e in o.timeline:
        out.append("    " + log_line(f.datetime(e.at), actor_text(e.actor), say(e.said)))
    return out


def totals_text(o: SalesOrder, f: Formats) -> str:
    """The totals block."""
    rows = totals_rows(o, f)
    return (
        "  " + gettext("Totals:") + " " + " · ".join(f"{label} {f.money(v)}" for label, v in rows)
    )


def customer_text(view: CustomerView, f: Formats) -> str:
    """The customer desk, alerts first."""
    cu = view.customer
    vat = gettext(" · VAT {number}", number=cu.vat_number) if cu.vat_number else ""
    out = [f"{cu.code} · {cu.name}{vat}"]
    for case in view.alerts:
        alert = gettext(
            "ALERT case {id} ({priority}): {title}",
            id=case.id,
            priority=case.priority,
            title=case.title,
        )
        out.append(f"  {ALERT_MARK} {alert}")
    out += ["  " + line for line in (*address_lines(cu), *contact_lines(cu))]
    for code, b in view.backorders:
        out.append(
            "  " + gettext("Backorder {line}", line=backorder_line(code, b, view.availability, f))
        )
    for note in cu.notes[-5:]:
        out.append(
            "  "
            + gettext(
                "Note {date} {author}: {text}",
                date=f.date(note.at),
                author=note.author,
                text=note.text,
            )
        )
    for change in view.history:
        who = change.actor or gettext("someone")
        said = gettext(
            "Changed {at} {who}: {what}", at=f.datetime(change.at), who=who, what=say(change.said)
        )
        out.append(f"  {said}")
    for sent in view.catalogues_sent:
        out.append("  " + gettext("Catalogue sent: {what}", what=sent_line(sent, f)))
    for s in view.statistics[:5]:
        out.append(
            "  "
            + ngettext(
                "Item {product}: {quantity} in {orders} order, {amount}",
                "Item {product}: {quantity} in {orders} orders, {amount}",
                s.orders,
                product=s.product_code,
                quantity=f.number(s.quantity),
                orders=f.number(s.orders),
                amount=f.money(s.amount),
            )
        )
    for title, orders in (
        (gettext("Recent orders:"), view.recent_orders),
        (gettext("Invoiced orders:"), view.invoiced_orders),
        (gettext("Archived orders:"), view.archived_orders),
        (gettext("Related orders:"), view.related_orders),
    ):
        if orders:
            listed = ", ".join(f"{o.code} ({order_status_word(o.status)})" for o in orders)
            out.append(f"  {title} {listed}")
    return "\n".join(out)


def case_text(case: Case, f: Formats) -> str:
    """A case: its line, then its log of notes and changes with who wrote or made them."""
    out = [_item(case, f)]
    if not case.notes:  # a case from before cases kept a log
        out.append("  " + gettext("opened {at}", at=f.datetime(case.opened_at)))
    for entry in case.notes:
        who = entry.author or gettext("someone")
        if entry.kind == EntryKind.NOTE:
            who = gettext("{who} wrote", who=who)
        out.append("  " + log_line(f.datetime(entry.at), who, say(entry.said)))
    return "\n".join(out)


def _item(item: object, f: Formats) -> str:
    if isinstance(item, SalesOrder):
        return (
            f"{item.code}  {item.customer_code:<10} {order_status_word(item.status):<9} "
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
        every = gettext(" every {frequencies}", frequencies=item.frequencies)
        every = every if item.frequencies else ""
        sold = "" if item.active else gettext(" (inactive: not sold)")
        price = f.money(item.unit_price, exact=True)
        return f"{item.code:<12} {item.name}  {price}{tax}{every}{sold}"
    if isinstance(item, Tax):
        return f"{item.code:<8} {f.percent(item.rate)}"
    if isinstance(item, Case):
        alert = f" {ALERT_MARK} " + gettext("ALERT") if item.active_alert else ""
        return gettext(
            "#{id} {customer} {priority} {status}{alert}: {title}",
            id=item.id,
            customer=item.customer_code,
            priority=item.priority,
            status=case_status_word(item.status),
            alert=alert,
            title=item.title,
        )
    if isinstance(item, CasePriority):
        raises = gettext("raises an alert") if item.alert else gettext("no alert")
        return f"{item.name:<10} {raises}"
    if isinstance(item, Subscription):
        return subscription_line(item, f)
    if isinstance(item, RecordRow):
        return record_line(item, f)
    if isinstance(item, DeadMessage):
        return dead_message_line(item)
    return str(item)


def subscription_line(sub: Subscription, f: Formats) -> str:
    """A subscription on one line."""
    lines = ", ".join(f"{f.number(ln.quantity)} x {ln.product_code}" for ln in sub.lines)
    nxt = sub.next_date()
    end = gettext(" until {date}", date=f.date(sub.end_date)) if sub.end_date else ""
    last = sub.last_order_date
    since = gettext("from {date}", date=f.date(sub.start_date))
    head = gettext(
        "#{id} {customer} {status} {frequency}: {lines}",
        id=sub.id,
        customer=sub.customer_code,
        status=subscription_status_word(sub.status),
        frequency=sub.frequency,
        lines=lines,
    )
    return (
        f"{head} · {since}{end} · {settled_periods(sub.iteration, sub.skipped, f)}"
        + (" · " + gettext("next {date}", date=f.date(nxt)) if nxt else "")
        + (" · " + gettext("last order {date}", date=f.date(last)) if last else "")
    )


def render(result: object, currency: str = "EUR", locale: str | None = None) -> str:
    """Any service result as text, amounts in `currency`, written for `locale` (by default
    the language of whoever reads it)."""
    return render_with(result, Formats(currency, locale or current_language()))


def render_with(result: object, f: Formats) -> str:
    """Any service result as text, in the formats `f`."""
    if isinstance(result, JobLogView | JobRunView | JobRunDetail):
        return jobs_text(result, f)
    if isinstance(result, OrderView):
        body = order_text(result, f)
        return f"{say(result.note)}\n{body}" if result.note else body
    if isinstance(result, RecordView):
        return record_text(result, f)
    if isinstance(result, TrackingLinkView | RevokedView):
        return tracking_text(result, f)
    if isinstance(result, CustomerView):
        body = customer_text(result, f)
        return f"{say(result.note)}\n{body}" if result.note else body
    if isinstance(result, ProductView):
        return product_text(result, f, lambda product: _item(product, f))
    if isinstance(result, StockView | StockListView):
        return stock_text(result, f)
    if isinstance(result, CatalogueView | CataloguesView | CatalogSentView):
        return catalogue_text(result, f, lambda product: _item(product, f))
    if isinstance(result, SubscriptionView):
        return f"{say(result.note)}\n{subscription_line(result.subscription, f)}"
    if isinstance(result, CaseView):
        body = case_text(result.case, f)
        return f"{say(result.note)}\n{body}" if result.note else body
    if isinstance(result, PrioritiesView):
        lines = [gettext("Case priorities:"), *(f"  {_item(p, f)}" for p in result.priorities)]
        return "\n".join([say(result.note), *lines] if result.note else lines)
    if isinstance(result, Listing):
        return _listing(result, f)
    if isinstance(result, OrdersExported):
        return ngettext(
            "Exported {count} order to {path} ({kind}).",
            "Exported {count} orders to {path} ({kind}).",
            result.count,
            count=f.number(result.count),
            path=result.path,
            kind=result.kind,
        )
    return str(result)


def _listing(result: Listing, f: Formats) -> str:
    if not result.items:
        return none_listed(result.kind, say(result.title))
    lines = [
        gettext("{title}:", title=say(result.title)),
        *(f"  {_item(i, f)}" for i in result.items),
    ]
    if isinstance(result.more, ListOrders):
        lines.append(gettext("more: {line}", line=list_line(result.more)))
    return "\n".join(lines)
