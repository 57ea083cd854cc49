"""What the `/order new` modal shows of stock as lines are typed: one context block under
the lines, a product a line ("WIDGET-A: 8 free of 10 wanted · GADGET: stock not kept"),
read from the lines typed so far (a line still being written is left out)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.language.order_lines import read_lines
from bot.language.words import UsageError, split_words
from domain.services.stock import StockView
from l10n.formats import Formats
from l10n.translation import gettext

STOCK_BLOCK = "stock"


def typed_lines(view: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """(product, quantity) of each whole line typed in the modal so far."""
    values = view.get("state", {}).get("values", {})
    text = str(values.get("lines", {}).get("value", {}).get("value") or "")
    found = []
    for row in text.splitlines():
        try:
            found += [(line.product, line.quantity) for line in read_lines(split_words(row))]
        except UsageError:
            continue
    return found


def stock_hint(product: str, wanted: Decimal, view: StockView | None, f: Formats) -> str:
    """One product's stock beside what the lines want of it."""
    if view is None:
        return gettext("{product}: no such product", product=product)
    if not view.levels:
        return gettext("{product}: stock not kept", product=view.product_code)
    free = sum((lv.on_hand - lv.reserved for lv in view.levels), Decimal(0))
    text = gettext(
        "{product}: {free} free of {wanted} wanted",
        product=view.product_code,
        free=f.number(max(free, Decimal(0))),
        wanted=f.number(wanted),
    )
    if free < wanted and view.incoming:
        soon = view.incoming[0]
        text = gettext(
            "{product}: {free} free of {wanted} wanted, {quantity} expected {day}",
            product=view.product_code,
            free=f.number(max(free, Decimal(0))),
            wanted=f.number(wanted),
            quantity=f.number(soon.quantity),
            day=f.date(soon.expected),
        )
    return text


def stock_block(hints: Sequence[str]) -> dict[str, Any]:
    """The context block under the lines."""
    return {
        "type": "context",
        "block_id": STOCK_BLOCK,
        "elements": [
            {"type": "mrkdwn", "text": gettext("Stock: {hints}", hints=" · ".join(hints))}
        ],
    }
