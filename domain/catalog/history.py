"""A product's history: what each command changed on a product, when, and who asked.

`Product.create` records `ProductCreated` and `Product.change` records `ProductChanged`
with one `FieldChange` per field that changed (its old and new value, as text, so the
history reads the same whatever became of the product since); the bus hands them to
`domain.services.product_history`, which keeps one entry per event with the command's
actor. The views format the values (prices through `l10n`), the domain never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.events import Event

HISTORY_SHOWN = 5
"""How many of the latest entries `product show` lists."""

CREATED = "created"
CHANGED = "changed"


def _text(value: object) -> str:
    """A field's value as the history keeps it: "" for none, yes/no, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field of a product changed: its name (as the product names it), old and new."""

    field: str
    old: str
    new: str

    @classmethod
    def of(cls, field: str, old: object, new: object) -> FieldChange:
        """The change of `field` from `old` to `new`, kept as text."""
        return cls(field, _text(old), _text(new))


@dataclass(frozen=True)
class ProductCreated(Event):
    product_code: str


@dataclass(frozen=True)
class ProductChanged(Event):
    product_code: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ProductHistoryEntry:
    """One entry of a product's history: created, or the fields one command changed."""

    product_code: str
    at: datetime
    actor: str
    kind: str
    changes: tuple[FieldChange, ...] = ()
