"""A product as text: its line, what an edit changed (prices in the view's currency and
locale), the subscriptions the edit stops, and its latest history with who made it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from domain.catalog.history import CREATED, FieldChange, ProductHistoryEntry
from domain.services.views import ProductView
from l10n.formats import Formats
from l10n.translation import gettext, pgettext
from l10n.translation import render as say

FIELD_WORDS = {
    "name": lambda: pgettext("product field", "name"),
    "unit_price": lambda: pgettext("product field", "price"),
    "tax_code": lambda: pgettext("product field", "tax"),
    "frequencies": lambda: pgettext("product field", "subscriptions"),
    # Translators: whether a product is sold (a field of the product).
    "active": lambda: pgettext("product field", "sold"),
}
"""How a product's fields are named to people, in the reader's language."""


def _field(name: str) -> str:
    word = FIELD_WORDS.get(name)
    return word() if word is not None else name


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
        f"{_field(c.field)} {_value(c, c.old, f)} -> {_value(c, c.new, f)}" for c in changes
    )


def _history_line(entry: ProductHistoryEntry, f: Formats) -> str:
    who = entry.actor or gettext("someone")
    at = f.datetime(entry.at)
    if entry.kind == CREATED:
        return "  " + gettext("Changed {at} {who}: created", at=at, who=who)
    what = changes_text(entry.changes, f)
    return "  " + gettext("Changed {at} {who}: {what}", at=at, who=who, what=what)


def product_text(view: ProductView, f: Formats, line: Callable[[object], str]) -> str:
    """A product: what the command did, its line (`line` writes it as lists do), the
    subscriptions it stops, its history."""
    out = []
    if view.changes:
        what = changes_text(view.changes, f)
        out.append(gettext("Product {code}: {changes}.", code=view.product.code, changes=what))
    if view.note:
        out.append(say(view.note))
    out.append(line(view.product))
    out += [f"  ⚠ {say(stopped)}" for stopped in view.stopped]
    out += [_history_line(entry, f) for entry in view.history]
    return "\n".join(out)
