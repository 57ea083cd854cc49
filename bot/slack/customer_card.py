"""The customer desk as a Slack card (`/customer show`): active alerts first, then
addresses, contacts, backorders, notes, history, catalogues sent, item statistics, and
the recent, invoiced, archived and related orders, with *New order* and *Cases*."""

from __future__ import annotations

from bot.slack.blocks import Block, actions, context, section
from bot.slack.desk import who
from bot.views.catalogues import sent_line
from bot.views.log_lines import log_line
from bot.views.order_money import order_formats
from bot.views.people_lines import card_address_lines, card_contact_lines
from bot.views.states import order_status_word
from bot.views.stock import backorder_line
from domain.orders.desk import ItemStatistic
from domain.services.views import CustomerView
from l10n.formats import Formats
from l10n.translation import gettext, ngettext
from l10n.translation import render as say


def _desk_parts(view: CustomerView, f: Formats) -> list[tuple[str, list[str]]]:
    """The customer desk's sections after the alerts, as (title, rows)."""
    cu = view.customer
    return [
        *_people_parts(view),
        (
            gettext("Backorder lines"),
            [backorder_line(code, b, view.availability, f) for code, b in view.backorders],
        ),
        (gettext("Notes"), [log_line(f.date(n.at), n.author, n.text) for n in cu.notes[-5:]]),
        (
            gettext("History"),
            [log_line(f.datetime(h.at), who(h.actor), say(h.said)) for h in view.history[:5]],
        ),
        (gettext("Catalogues sent"), [sent_line(sent, f, who) for sent in view.catalogues_sent]),
        (gettext("Item statistics"), [_statistic(s, f) for s in view.statistics[:8]]),
        *_order_parts(view, f),
    ]


def _people_parts(view: CustomerView) -> list[tuple[str, list[str]]]:
    """The customer's addresses and contacts, as (title, rows)."""
    cu = view.customer
    return [
        (gettext("Addresses"), card_address_lines(cu)),
        (gettext("Contacts"), card_contact_lines(cu)),
    ]


def _statistic(s: ItemStatistic, f: Formats) -> str:
    """One product's row of the item statistics."""
    return ngettext(
        "{product}: {quantity} in {orders} order, {amount}",
        "{product}: {quantity} in {orders} orders, {amount}",
        s.orders,
        product=s.product_code,
        quantity=f.number(s.quantity),
        orders=f.number(s.orders),
        amount=f.money(s.amount),
    )


def _order_parts(view: CustomerView, f: Formats) -> list[tuple[str, list[str]]]:
    """The recent, invoiced, archived and related orders, as (title, rows)."""
    parts: list[tuple[str, list[str]]] = []
    for title, orders in (
        (gettext("Recent orders"), view.recent_orders),
        (gettext("Invoiced orders"), view.invoiced_orders),
        (gettext("Archived orders"), view.archived_orders),
        (gettext("Related orders"), view.related_orders),
    ):
        parts.append(
            (
                title,
                [
                    f"{o.code} `{order_status_word(o.status)}` "
                    f"{order_formats(o, f).money(o.totals.gross)}"
                    for o in orders
                ],
            )
        )
    return parts


def customer_desk_blocks(view: CustomerView, f: Formats) -> list[Block]:
    """The customer desk: active alerts first, then addresses, contacts, backorders, notes,
    item statistics, recent/invoiced/archived and related orders."""
    cu = view.customer
    blocks: list[Block] = []
    if view.note:
        blocks.append(context(say(view.note)))
    vat = gettext(" · VAT {number}", number=cu.vat_number) if cu.vat_number else ""
    blocks.append(section(f"*{cu.name}* ({cu.code}){vat}"))
    if view.alerts:
        alerts = [
            gettext(
                ":rotating_light: *Case #{id}* ({priority}): {title}",
                id=a.id,
                priority=a.priority,
                title=a.title,
            )
            for a in view.alerts
        ]
        blocks.append(section(gettext("*Active alerts*") + "\n" + "\n".join(alerts)))
    parts = _desk_parts(view, f)
    for title, rows in parts:
        if rows:
            blocks.append(section(f"*{title}*\n" + "\n".join(rows)))
    buttons: list[tuple[str, str, str | None]] = [
        (gettext("New order"), f"order new {cu.code}", "primary")
    ]
    buttons.append((gettext("Cases"), f"case list {cu.code}", None))
    return blocks + actions(buttons, f"customer:{cu.code}")
