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
from bot.slack.blocks import clip, sections
from bot.slack.blocks import context as context
from bot.slack.blocks import section as section
from bot.slack.customer_card import customer_desk_blocks
from bot.slack.desk import case_blocks
from bot.slack.job_cards import job_detail_blocks, job_run_blocks, skipped_status
from bot.slack.record_cards import record_blocks, record_item
from bot.views.actors import actor_text
from bot.views.empty_lists import none_listed
from bot.views.job_counts import counted, errors, orders_created, processed
from bot.views.log_lines import log_line
from bot.views.order_money import line_discount, order_formats, totals_rows
from bot.views.record_words import parent_name
from bot.views.records import order_records, related_lines
from bot.views.states import (
    invoicing_word,
    job_status_word,
    order_status_word,
    shipment_status_word,
    shipping_word,
)
from bot.views.stock import availability_text
from bot.views.text import render_with, subscription_line
from domain.commands import ListOrders, OrderListing
from domain.customers.customer import Customer
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.notes import note_text
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder
from domain.records.ports import RecordRow
from domain.records.terms import term_words
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
from l10n.formats import Formats
from l10n.translation import current_language, gettext, pgettext
from l10n.translation import render as say

MAX_ITEMS = 20  # a listing shows this many items as blocks (a message holds 50 blocks)
HISTORY_SHOWN = 5  # an order card shows its latest timeline entries, newest first


@dataclass(frozen=True)
class CardOptions:
    """What the cards may offer besides the grammar: currency, locale (by default the
    language of whoever reads the card), optional features."""

    currency: str = "EUR"
    view_as_customer: bool = False
    locale: str | None = None

    @property
    def formats(self) -> Formats:
        """How the cards write amounts, quantities and dates."""
        return Formats(self.currency, self.locale or current_language())


def order_buttons(o: SalesOrder, options: CardOptions) -> list[tuple[str, str, str | None]]:
    """The next steps an order allows: confirm, ship, invoice, notify, its PDF (a quote of
    a draft, the confirmation of a confirmed order), view as customer."""
    found: list[tuple[str, str, str | None]] = []
    if o.status == OrderStatus.DRAFT:
        found.append((gettext("Confirm"), f"order confirm {o.code}", "primary"))
    if o.status == OrderStatus.CONFIRMED:
        first_open = next((s for s in o.shipments if s.is_open and s.lines), None)
        if first_open is not None:
            found.append(
                (
                    gettext("Ship #{number}", number=first_open.number),
                    f"order ship {o.code} {first_open.number}",
                    None,
                )
            )
        if o.invoicing_state != InvoicingState.INVOICED:
            found.append((pgettext("button", "Invoice"), f"order invoice {o.code}", None))
    if o.status in (OrderStatus.CONFIRMED, OrderStatus.CLOSED) or o.pending_notifications():
        found.append((gettext("Notify"), f"order notify {o.code}", None))
    if o.status == OrderStatus.DRAFT:
        found.append(("PDF", f"order pdf {o.code} quote", None))
    elif o.status in (OrderStatus.CONFIRMED, OrderStatus.CLOSED):
        found.append(("PDF", f"order pdf {o.code} confirmation", None))
    if options.view_as_customer:
        found.append((gettext("View as customer"), f"order track {o.code}", None))
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
    blocks.append(section(gettext("*Lines*") + "\n" + "\n".join(lines)))
    ships = []
    for s in o.shipments:
        items = ", ".join(
            f"{f.number(sl.quantity)} x {o.line(sl.line_no).product_code}" for sl in s.lines
        )
        extra = " · ".join(
            x
            for x in (
                gettext("planned {date}", date=f.date(s.planned_date)) if s.planned_date else "",
                s.carrier,
                gettext("tracking {number}", number=s.tracking_number) if s.tracking_number else "",
            )
            if x
        )
        ships.append(
            f"#{s.number} `{shipment_status_word(s.status)}` {items or gettext('(empty)')}"
            + (f" ({extra})" if extra else "")
        )
    blocks.append(section(gettext("*Shipments*") + "\n" + "\n".join(ships)))
    docs = [line.strip() for line in order_records(o, f)]
    if docs:
        blocks.append(section(gettext("*Documents*") + "\n" + "\n".join(docs)))
    history = [
        log_line(f.datetime(e.at), actor_text(e.actor, mention=True), say(e.said))
        for e in reversed(o.timeline[-HISTORY_SHOWN:])
    ]
    if history:
        blocks.append(section(gettext("*History*") + "\n" + "\n".join(history)))
    return blocks


def order_blocks(view: OrderView, options: CardOptions) -> list[Block]:
    """The order card: header, details, lines, shipments, documents, totals, buttons."""
    o = view.order
    f = order_formats(o, options.formats)
    who = f"{view.customer.name} ({o.customer_code})" if view.customer else o.customer_code
    states = f"`{order_status_word(o.status)}` · {shipping_word(o.shipping_state)} · "
    states += invoicing_word(o.invoicing_state)
    blocks: list[Block] = []
    if view.note:
        blocks.append(context(say(view.note)))
    blocks.append(section(f"*{o.code}* · {who}\n{states}"))
    details = [
        # Translators: the customer's reference (their PO number) on an order card.
        (gettext("Ref"), o.reference),
        (gettext("Requested"), f.date(o.requested_date) if o.requested_date else ""),
        (gettext("Due"), f.date(o.due_date) if o.due_date else ""),
        (gettext("Ship to"), o.delivery_address_code),
        (gettext("Bill to"), o.billing_address_code),
        # Translators: payment terms.
        (gettext("Terms"), say(term_words(o.payment_terms))),
        (gettext("Related"), parent_name(o.relation, o.parent_code) if o.parent_code else ""),
        # Translators: orders merged into this one.
        (gettext("Absorbed"), ", ".join(o.absorbed_codes)),
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


def customer_blocks(view: CustomerView, options: CardOptions) -> list[Block]:
    """The customer desk (bot.slack.customer_card)."""
    return customer_desk_blocks(view, options.formats)


def subscription_blocks(view: SubscriptionView, f: Formats) -> list[Block]:
    """A subscription with pause/resume/end buttons."""
    sub = view.subscription
    blocks = [context(say(view.note))] if view.note else []
    blocks.append(section(subscription_line(sub, f)))
    return blocks + actions(_sub_buttons(sub), f"sub:{sub.id}")


def _sub_buttons(sub: Subscription) -> list[tuple[str, str, str | None]]:
    if sub.status == SubscriptionStatus.ACTIVE:
        return [
            (gettext("Pause"), f"sub pause {sub.id}", None),
            # Translators: a button that ends a subscription for good.
            (gettext("End"), f"sub end {sub.id}", "danger"),
        ]
    if sub.status == SubscriptionStatus.PAUSED:
        return [
            (gettext("Resume"), f"sub resume {sub.id}", "primary"),
            (gettext("End"), f"sub end {sub.id}", "danger"),
        ]
    return []


def _run_status(run: JobRun) -> str:
    """A run's status, and the reason of a skipped one."""
    status = f"`{job_status_word(run.status)}`"
    if run.status is JobStatus.SKIPPED and run.notes:
        return skipped_status(status, say(note_text(run.notes[0])))
    return status


def _item_line(item: object, options: CardOptions) -> tuple[str, str | None]:
    """One listed item as text, with the command that shows it in full."""
    f = options.formats
    if isinstance(item, SalesOrder):
        gross = order_formats(item, f).money(item.totals.gross)
        text = f"*{item.code}* {item.customer_code} `{order_status_word(item.status)}` {gross}"
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
            f"*{item.job_name}* {_run_status(item)} "
            + counted(
                f.datetime(item.started_at),
                processed(item.processed, f),
                orders_created(item.orders_created, f),
                errors(item.error_count, f),
            ),
            f"jobs run {item.job_name}"
            if item.status in (JobStatus.FAILED, JobStatus.PARTIAL)
            else None,
        )
    return render_with(Listing("", (item,), "x"), f).split("\n", 1)[-1].strip(), None


def listing_blocks(listing: Listing, options: CardOptions) -> list[Block]:
    """A list: one section per item (with a button to open it), at most MAX_ITEMS."""
    if not listing.items:
        return [section(none_listed(listing.kind, say(listing.title)))]
    blocks = [section(f"*{say(listing.title)}*")]
    for item in listing.items[:MAX_ITEMS]:
        text, line = _item_line(item, options)
        block = section(text)
        if line is not None:
            label = gettext("Run again") if line.startswith("jobs run") else gettext("Open")
            block["accessory"] = button(label, line, len(blocks))
        blocks.append(block)
    if len(listing.items) > MAX_ITEMS:
        more = len(listing.items) - MAX_ITEMS
        blocks.append(context(gettext("… and {n} more; narrow the search.", n=more)))
    return blocks + actions(_list_buttons(listing), "list")


def _list_buttons(listing: Listing) -> list[tuple[str, str, str | None]]:
    """*More* (the next page) when the list goes on; *Export* for a list of orders."""
    found: list[tuple[str, str, str | None]] = []
    if isinstance(listing.more, ListOrders):
        found.append((gettext("More"), list_line(listing.more), None))
    if isinstance(listing.query, OrderListing):
        found.append((gettext("Export"), export_line(listing.query), None))
    return found


def result_blocks(result: object, options: CardOptions) -> list[Block]:
    """The blocks of any result; unknown results become one text section."""
    if isinstance(result, OrderView):
        blocks = order_blocks(result, options)
        if isinstance(result, ShipmentView) and result.shipment is not None:
            blocks.insert(
                1,
                context(
                    gettext(
                        "Shipment #{number}: {status}",
                        number=result.shipment.number,
                        status=shipment_status_word(result.shipment.status),
                    )
                ),
            )
        if isinstance(result, InvoiceView) and result.invoice is not None:
            inv = result.invoice
            amount = options.formats.money(inv.gross)
            blocks.insert(
                1, context(gettext("Invoice {code}: {amount}", code=inv.code, amount=amount))
            )
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
    return sections(render_with(result, options.formats))


def fallback_text(result: object, options: CardOptions) -> str:
    """The plain-text version (notifications, screen readers, clients without blocks)."""
    if isinstance(result, JobRun):
        # Translators: a job run's name and status, then its counts ("1 200 traités").
        return gettext(
            "{job} {status}: {counts}",
            job=result.job_name,
            status=job_status_word(result.status),
            counts=processed(result.processed, options.formats),
        )
    return clip(render_with(result, options.formats))


def message_for(result: object, options: CardOptions) -> dict[str, Any]:
    """A Slack message (text + blocks) for a service result."""
    return {"text": fallback_text(result, options), "blocks": result_blocks(result, options)[:50]}


def text_message(text: str) -> dict[str, Any]:
    """A plain answer: help, refusals, usage errors."""
    return {"text": clip(text), "blocks": sections(text)[:50]}
