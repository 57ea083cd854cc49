"""The stock the `/order new` modal shows as lines are typed: each product's stock read
through the bus (ShowStock), drawn by bot.slack.modal_stock."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.slack.app import SlackDeps
from bot.slack.modal_stock import stock_block, stock_hint, typed_lines
from domain import commands as c
from domain.errors import DomainError
from domain.services.stock import StockView

MAX_PRODUCTS = 10  # a context block holds one line of text


async def typed_stock(deps: SlackDeps, view: dict[str, Any]) -> dict[str, Any] | None:
    """The stock block of the products typed in the modal, or None when none is typed."""
    wanted: dict[str, Decimal] = {}
    for product, quantity in typed_lines(view):
        wanted[product] = wanted.get(product, Decimal(0)) + quantity
    if not wanted:
        return None
    hints = []
    for product, quantity in list(wanted.items())[:MAX_PRODUCTS]:
        try:
            found: Any = await deps.run(c.ShowStock(product=product))
        except DomainError:
            found = None
        shown = found if isinstance(found, StockView) else None
        hints.append(stock_hint(product, quantity, shown, deps.cards.formats))
    return stock_block(hints)
