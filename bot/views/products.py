"""A product as text: its line, what an edit changed (prices in the view's currency and
locale), the subscriptions the edit stops, and its latest history with who made it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from domain.catalog.history import CREATED, FieldChange, ProductHistoryEntry
from domain.services.views import ProductView
from l10n.formats import Formats
from l10n.translation import render as say

FIELD_WORDS = {
    "name": "name",
    "unit_price": "price",
    "tax_code": "tax",
    "frequencies": "subscriptions",
    "active": "sold",
}
"""How a product's fields are named to people."""


def _value(change: FieldChange, value: str, f: Formats) -> str:
    if not value:
        return "-"
    if change.field == "unit_price":
        try:
            return f.money(Decimal(value), exact=True)
        except InvalidOperation:
            return value
    return value


def changes_text(changes: Iterable[FieldChange], f: Formats) -> str:
    """ "price €2.00 -> €2.50; tax VAT20 -> -"."""
    return "; ".join(
        f"{FIELD_WORDS.get(c.field, c.field)} {_value(c, c.old, f)} -> {_value(c, c.new, f)}"
        for c in changes
    )


def _history_line(entry: ProductHistoryEntry, f: Formats) -> str:
    who = entry.actor or "someone"
    what = "created" if entry.kind == CREATED else changes_text(entry.changes, f)
    return f"  Changed {f.datetime(entry.at)} {who}: {what}"


def product_text(view: ProductView, f: Formats, line: Callable[[object], str]) -> str:
    """A product: what the command did, its line (`line` writes it as lists do), the
    subscriptions it stops, its history."""
    out = []
    if view.changes:
        out.append(f"Product {view.product.code}: {changes_text(view.changes, f)}.")
    if view.note:
        out.append(say(view.note))
    out.append(line(view.product))
    out += [f"  ⚠ {stopped}" for stopped in view.stopped]
    out += [_history_line(entry, f) for entry in view.history]
    return "\n".join(out)
