"""Block Kit cards for service results, each with its plain-text fallback and next-step buttons.

A button carries a command line in its value (`order confirm SO-00001`); clicking it runs
that line through the shared grammar with the clicker's rights, so a button can never do
more than typing the line would. `message_for(result)` is the one entry point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.language.order_lists import export_line, list_line

# The pieces are named here too, as every card module imported them from here.
from bot.slack.blocks import RUN_ACTION as RUN_ACTION
from bot.slack.blocks import Block as Block
from bot.slack.blocks import actions as actions
from bot.slack.blocks import button as button
from bot.slack.blocks import clip
from bot.slack.blocks import context as context
from bot.slack.blocks import section as section
from bot.slack.desk import case_blocks, who
from bot.slack.job_cards import job_detail_blocks
from bot.slack.record_cards import record_blocks, record_item
from bot.views.actors import actor_text
from bot.views.catalogues import sent_line
from bot.views.order_money import line_discount, order_formats, totals_rows
from bot.views.records import order_records, related_lines
from bot.views.stock import availability_text, backorder_line
from bot.views.text import render_with, subscription_line
from domain.commands import ListOrders, OrderListing
from domain.customers.customer import Customer
from domain.jobs.log import JobRun, JobStatus
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder
from domain.records.ports import RecordRow
from domain.services.jobs import JobRunDetail
from domain.services.record_views import RecordView
from domain.services.views import (
    CaseView,
    CustomerMatch,
    CustomerView,
    InvoiceView,
    Listing,
    OrderView,
    ShipmentView,
    SubscriptionView,
)
from domain.stock.rules import LineAvailability
from domain.subscriptions.periods import SubscriptionStatus
from domain.subscriptions.subscription import Subscription
from l10n.formats import DEFAULT_LOCALE, Formats

MAX_ITEMS = 20  # a listing shows this many items as blocks (a message holds 50 blocks)
HISTORY_SHOWN = 5  # an order card shows its latest timeline entries, newest first


@dataclass(frozen=True)
class CardOptions:
    """What the cards may offer besides the grammar: currency, locale, optional features."""

    currency: str = "EUR"
    view_as_customer: bool = False
    locale: str = DEFAULT_LOCALE

    @property
    def formats(self) -> Formats:
        """How the cards write amounts, quantities and dates."""
        return Formats(self.currency, self.locale)


def order_buttons(o: SalesOrder, options: CardOptions) -> list[tuple[str, str, str | None]]:
    """The next steps an order allows: confirm, ship, invoice, notify, view as customer."""
    found: list[tuple[str, str, str | None]] = []
    if o.status == OrderStatus.DRAFT:
        found.append(("Confirm", f"order confirm {o.code}", "primary"))
    if o.status == OrderStatus.CONFIRMED:
        first_open = next((s for s in o.shipments if s.is_open and s.lines), None)
        if first_open is not None:
            found.append(
                (f"Ship #{first_open.number}", f"order ship {o.code} {first_open.number}", None)
            )
        if o.invoicing_state != InvoicingState.INVOICED:
            found.append(("Invoice", f"order invoice {o.code}", None))
    if o.status in (OrderStatus.CONFIRMED, OrderStatus.CLOSED) or o.pending_notifications():
        found.append(("Notify", f"order notify {o.code}", None))
    if options.view_as_customer:
        found.append(("View as customer", f"order track {o.code}", None))
    return found


def _order_body(o: SalesOrder, f: Formats, held: dict[int, LineAvailability]) -> list[Block]:
    """Lines (with what can ship now), shipments and documents of an order card."""
    blocks: list[Block] = []
    lines = [
        f"{ln.line_no}. {ln.product_code}  {f.number(ln.quantity)} x "
        f"{f.money(ln.unit_price, exact=True)}"
        + line_discount(ln, f)
        + f" = {f.money(ln.net)}"
        + (f" · _{availability_text(held[ln.line_no], f)}_" if ln.line_no in held else "")
        for ln in o.lines
    ]
    blocks.append(section("*Lines*\n" + "\n".join(lines)))
    ships = []
    for s in o.shipments:
        items = ", ".join(
            f"{f.number(sl.quantity)} x {o.line(sl.line_no).product_code}" for sl in s.lines
        )
        extra = " · ".join(
            x
            for x in (
                f"planned {f.date(s.planned_date)}" if s.planned_date else "",
                s.carrier,
                f"tracking {s.tracking_number}" if s.tracking_number else "",
            )
            if x
        )
        ships.append(
            f"#{s.number} `{s.status}` {items or '(empty)'}" + (f" ({extra})" if extra else "")
        )
    blocks.append(section("*Shipments*\n" + "\n".join(ships)))
    docs = [line.strip() for line in order_records(o, f)]
    if docs:
        blocks.append(section("*Documents*\n" + "\n".join(docs)))
    history = [
        f"{f.datetime(e.at)} {actor_text(e.actor, mention=True)}: {e.text}"
        for e in reversed(o.timeline[-HISTORY_SHOWN:])
    ]
    if history:
        blocks.append(section("*History*\n" + "\n".join(history)))
    return blocks


def order_blocks(view: OrderView, options: CardOptions) -> list[Block]:
    """The order card: header, details, lines, shipments, documents, totals, buttons."""
    o = view.order
    f = order_formats(o, options.formats)
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    states = f"`{o.status}` · {o.shipping_state.replace('_', ' ')} · "
    states += o.invoicing_state.replace("_", " ")
    blocks: list[Block] = []
    if view.note:
        blocks.append(context(view.note))
    blocks.append(section(f"*{o.code}* · {who}\n{states}"))
    details = [
        ("Ref", o.reference),
        ("Requested", f.date(o.requested_date) if o.requested_date else ""),
        ("Due", f.date(o.due_date) if o.due_date else ""),
        ("Ship to", o.delivery_address_code),
        ("Bill to", o.billing_address_code),
        ("Terms", o.payment_terms),
        ("Related", f"{o.relation} {o.parent_code}" if o.parent_code else ""),
        ("Absorbed", ", ".join(o.absorbed_codes)),
    ]
    fields = [{"type": "mrkdwn", "text": f"*{k}*\n{v}"} for k, v in details if v]
    if fields:
        blocks.append({"type": "section", "fields": fields[:10]})
    blocks += _order_body(o, f, {a.line_no: a for a in view.availability})
    for line in related_lines(view.related, o.absorbed_codes):
        blocks.append(section("*Related*\n" + line.strip()))
    *rows, (label, gross) = totals_rows(o, f)
    total = " · ".join(f"{name} {f.money(v)}" for name, v in rows)
    blocks.append(section(f"*{label} {f.money(gross)}*\n{total}"))
    return blocks + actions(order_buttons(o, options), f"order:{o.code}")


def _desk_parts(view: CustomerView, f: Formats) -> list[tuple[str, list[str]]]:
    """The customer desk's sections after the alerts, as (title, rows)."""
    cu = view.customer
    parts: list[tuple[str, list[str]]] = [
        (
            "Addresses",
            [
                f"{a.code}{' (default)' if a.is_default else ''}: {a.one_line()}"
                for a in cu.addresses
            ],
        ),
        (
            "Contacts",
            [
                f"{ct.name}{' (default)' if ct.is_default else ''}: "
                + " · ".join(x for x in (ct.email, ct.phone) if x)
                for ct in cu.contacts
            ],
        ),
        (
            "Backorder lines",
            [backorder_line(code, b, view.availability, f) for code, b in view.backorders],
        ),
        ("Notes", [f"{f.date(n.at)} {n.author}: {n.text}" for n in cu.notes[-5:]]),
        ("History", [f"{f.datetime(h.at)} {who(h.actor)}: {h.text}" for h in view.history[:5]]),
        ("Catalogues sent", [sent_line(sent, f, who) for sent in view.catalogues_sent]),
        (
            "Item statistics",
            [
                f"{s.product_code}: {f.number(s.quantity)} in {f.number(s.orders)} order(s), "
                f"{f.money(s.amount)}"
                for s in view.statistics[:8]
            ],
        ),
    ]
    for title, orders in (
        ("Recent orders", view.recent_orders),
        ("Invoiced orders", view.invoiced_orders),
        ("Archived orders", view.archived_orders),
        ("Related orders", view.related_orders),
    ):
        parts.append(
            (
                title,
                [
                    f"{o.code} `{o.status}` {order_formats(o, f).money(o.totals.gross)}"
                    for o in orders
                ],
            )
        )
    return parts


def customer_blocks(view: CustomerView, options: CardOptions) -> list[Block]:
    """The customer desk: active alerts first, then addresses, contacts, backorders, notes,
    item statistics, recent/invoiced/archived and related orders."""
    cu = view.customer
    blocks: list[Block] = []
    if view.note:
        blocks.append(context(view.note))
    vat = f" · VAT {cu.vat_number}" if cu.vat_number else ""
    blocks.append(section(f"*{cu.name}* ({cu.code}){vat}"))
    if view.alerts:
        alerts = [f":rotating_light: *Case #{a.id}* ({a.priority}): {a.title}" for a in view.alerts]
        blocks.append(section("*Active alerts*\n" + "\n".join(alerts)))
    parts = _desk_parts(view, options.formats)
    for title, rows in parts:
        if rows:
            blocks.append(section(f"*{title}*\n" + "\n".join(rows)))
    buttons: list[tuple[str, str, str | None]] = [("New order", f"order new {cu.code}", "primary")]
    buttons.append(("Cases", f"case list {cu.code}", None))
    return blocks + actions(buttons, f"customer:{cu.code}")


def subscription_blocks(view: SubscriptionView, f: Formats) -> list[Block]:
    """A subscription with pause/resume/end buttons."""
    sub = view.subscription
    blocks = [context(view.note)] if view.note else []
    blocks.append(section(subscription_line(sub, f)))
    return blocks + actions(_sub_buttons(sub), f"sub:{sub.id}")


def _sub_buttons(sub: Subscription) -> list[tuple[str, str, str | None]]:
    if sub.status == SubscriptionStatus.ACTIVE:
        return [("Pause", f"sub pause {sub.id}", None), ("End", f"sub end {sub.id}", "danger")]
    if sub.status == SubscriptionStatus.PAUSED:
        return [
            ("Resume", f"sub resume {sub.id}", "primary"),
            ("End", f"sub end {sub.id}", "danger"),
        ]
    return []


def job_run_blocks(run: JobRun, f: Formats, note: str = "") -> list[Block]:
    """A job run: status, counts, errors, and *Run again* when it did not succeed."""
    finished = f.datetime(run.finished_at) if run.finished_at else "still running"
    text = (
        f"*{run.job_name}* `{run.status}` · started {f.datetime(run.started_at)} · "
        f"finished {finished}\n{f.number(run.processed)} processed · "
        f"{f.number(run.orders_created)} order(s) created · {f.number(run.error_count)} "
        f"error(s) · by {run.triggered_by}"
    )
    if run.errors:
        text += "\n" + "\n".join(f"• {e}" for e in run.errors[:5])
    if run.notes:
        text += f"\n_{f.number(len(run.notes))} note(s): /jobs show {run.id}_"
    blocks = [context(note)] if note else []
    blocks.append(section(text))
    if run.status in (JobStatus.FAILED, JobStatus.PARTIAL):
        blocks += actions([("Run again", f"jobs run {run.job_name}", None)], f"job:{run.id}")
    return blocks


def _skip_reason(run: JobRun) -> str:
    """ ": the reason" of a skipped run, else nothing."""
    return f": {run.notes[0]}" if run.status is JobStatus.SKIPPED and run.notes else ""


def _item_line(item: object, options: CardOptions) -> tuple[str, str | None]:
    """One listed item as text, with the command that shows it in full."""
    f = options.formats
    if isinstance(item, SalesOrder):
        gross = order_formats(item, f).money(item.totals.gross)
        text = f"*{item.code}* {item.customer_code} `{item.status}` {gross}"
        return text, f"order show {item.code}"
    if isinstance(item, CustomerMatch):
        cu = item.customer
        marks = "".join(f" :warning: {title}" for title in item.alerts)
        text = f"*{cu.code}* {cu.name} _({item.matched}, {item.score})_{marks}"
        return text, f"customer show {cu.code}"
    if isinstance(item, Customer):
        return f"*{item.code}* {item.name}", f"customer show {item.code}"
    if isinstance(item, RecordRow):
        return record_item(item, f)
    if isinstance(item, Subscription):
        return subscription_line(item, f), None
    if isinstance(item, JobRun):
        return (
            (
                f"*{item.job_name}* `{item.status}`{_skip_reason(item)} "
                f"{f.datetime(item.started_at)} · "
                f"{f.number(item.processed)} processed · {f.number(item.orders_created)} "
                f"created · {f.number(item.error_count)} errors"
            ),
            f"jobs run {item.job_name}"
            if item.status in (JobStatus.FAILED, JobStatus.PARTIAL)
            else None,
        )
    return render_with(Listing("", (item,), "x"), f).split("\n", 1)[-1].strip(), None


def listing_blocks(listing: Listing, options: CardOptions) -> list[Block]:
    """A list: one section per item (with a button to open it), at most MAX_ITEMS."""
    if not listing.items:
        return [section(f"{listing.title}: none.")]
    blocks = [section(f"*{listing.title}*")]
    for item in listing.items[:MAX_ITEMS]:
        text, line = _item_line(item, options)
        block = section(text)
        if line is not None:
            label = "Run again" if line.startswith("jobs run") else "Open"
            block["accessory"] = button(label, line, len(blocks))
        blocks.append(block)
    if len(listing.items) > MAX_ITEMS:
        blocks.append(context(f"… and {len(listing.items) - MAX_ITEMS} more; narrow the search."))
    return blocks + actions(_list_buttons(listing), "list")


def _list_buttons(listing: Listing) -> list[tuple[str, str, str | None]]:
    """*More* (the next page) when the list goes on; *Export* for a list of orders."""
    found: list[tuple[str, str, str | None]] = []
    if isinstance(listing.more, ListOrders):
        found.append(("More", list_line(listing.more), None))
    if isinstance(listing.query, OrderListing):
        found.append(("Export", export_line(listing.query), None))
    return found


def result_blocks(result: object, options: CardOptions) -> list[Block]:
    """The blocks of any result; unknown results become one text section."""
    if isinstance(result, OrderView):
        blocks = order_blocks(result, options)
        if isinstance(result, ShipmentView) and result.shipment is not None:
            blocks.insert(
                1, context(f"Shipment #{result.shipment.number}: {result.shipment.status}")
            )
        if isinstance(result, InvoiceView) and result.invoice is not None:
            inv = result.invoice
            blocks.insert(1, context(f"Invoice {inv.code}: {options.formats.money(inv.gross)}"))
        return blocks
    if isinstance(result, RecordView):
        return record_blocks(result, options.formats)
    if isinstance(result, CustomerView):
        return customer_blocks(result, options)
    if isinstance(result, CaseView):
        return case_blocks(result, options.formats)
    if isinstance(result, SubscriptionView):
        return subscription_blocks(result, options.formats)
    if isinstance(result, JobRun):
        return job_run_blocks(result, options.formats)
    if isinstance(result, JobRunDetail):
        return job_detail_blocks(result, options.formats)
    run = getattr(result, "run", None)
    if isinstance(run, JobRun):
        return job_run_blocks(run, options.formats, str(getattr(result, "note", "")))
    if isinstance(result, Listing):
        return listing_blocks(result, options)
    return [section(render_with(result, options.formats))]


def fallback_text(result: object, options: CardOptions) -> str:
    """The plain-text version (notifications, screen readers, clients without blocks)."""
    if isinstance(result, JobRun):
        processed = options.formats.number(result.processed)
        return f"{result.job_name} {result.status}: {processed} processed"
    return clip(render_with(result, options.formats))


def message_for(result: object, options: CardOptions) -> dict[str, Any]:
    """A Slack message (text + blocks) for a service result."""
    return {"text": fallback_text(result, options), "blocks": result_blocks(result, options)[:50]}


def text_message(text: str) -> dict[str, Any]:
    """A plain answer: help, refusals, usage errors."""
    return {"text": clip(text), "blocks": [section(text)]}
