"""Catalogues: named selections of products, valid from a day, sent under a source code.

A catalogue either lists its products or holds every active product (`every_product`:
the default catalogue, which the one catalogue there was before catalogues became
records turned into). Only active products are ever sent. A catalogue may be sent from
its valid-from day on; what each send mailed is kept on the customer as a
`CatalogueSent` (the catalogue's name and source code then, the day, who sent it), as
the source codes of Dynamics AX record which catalogue a customer received.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.catalog.products import Product
from domain.errors import NotFound, ValidationFailed
from domain.text_values import Day
from domain.texts import Text, _

DEFAULT_NAME = "default"
"""The name of the catalogue made from the one catalogue there was before."""


@dataclass(eq=False)
class CatalogueItem:
    """One product listed in a catalogue."""

    product_code: str
    id: int | None = None


def _code(text: str, problem: Text, field_name: str) -> str:
    value = text.strip()
    if not value or any(ch.isspace() for ch in value):
        raise ValidationFailed.field(field_name, problem, f"catalogue.{field_name}_invalid")
    return value


@dataclass(eq=False, kw_only=True)
class Catalogue:
    """A named catalogue: its products, the day it is valid from, its source code."""

    name: str
    source_code: str
    valid_from: date
    created_at: datetime
    created_by: str = ""
    every_product: bool = False
    is_default: bool = False
    items: list[CatalogueItem] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def create(
        cls,
        name: str,
        valid_from: date,
        now: datetime,
        actor: str = "",
        source_code: str = "",
    ) -> Catalogue:
        """A new catalogue listing no product yet; its source code is its name, upper
        case, unless one is given."""
        name = _code(name, _("a catalogue's name is one word, not {text}", text=repr(name)), "name")
        source_text = source_code or name.upper()
        source = _code(
            source_text,
            _("a catalogue's source code is one word, not {text}", text=repr(source_text)),
            "source",
        )
        return cls(
            name=name, source_code=source, valid_from=valid_from, created_at=now, created_by=actor
        )

    def codes(self) -> list[str]:
        """The codes of the products it lists."""
        return [item.product_code for item in self.items]

    def _lists(self, code: str) -> CatalogueItem | None:
        return next((i for i in self.items if i.product_code.lower() == code.lower()), None)

    def _refuse_every_product(self) -> None:
        if self.every_product:
            raise ValidationFailed.field(
                "catalogue",
                _(
                    "catalogue {name} holds every active product; create another "
                    "catalogue (/catalog new NAME) to choose its products",
                    name=self.name,
                ),
                "catalogue.every_product",
            )

    def add(self, products: Iterable[Product]) -> list[str]:
        """List these products (those listed already stay as they are); the codes added."""
        self._refuse_every_product()
        added = []
        for product in products:
            if self._lists(product.code) is None:
                self.items.append(CatalogueItem(product.code))
                added.append(product.code)
        return added

    def remove(self, codes: Sequence[str]) -> list[str]:
        """Take these products out; NotFound (nothing taken out) for a code it does not list."""
        self._refuse_every_product()
        found = [self._lists(code) for code in codes]
        missing = [code for code, item in zip(codes, found, strict=True) if item is None]
        if missing:
            listed = ", ".join(self.codes())
            missed = ", ".join(missing)
            said = (
                _(
                    "No product {key} in catalogue {name} (it lists: {listed}).",
                    key=missed,
                    name=self.name,
                    listed=listed,
                )
                if listed
                else _(
                    "No product {key} in catalogue {name} (it lists: none).",
                    key=missed,
                    name=self.name,
                )
            )
            raise NotFound("product", f"{missed} in catalogue {self.name}", said=said)
        for item in found:
            if item is not None and item in self.items:
                self.items.remove(item)
        return [item.product_code for item in found if item is not None]

    def products(self, catalogue: Sequence[Product]) -> list[Product]:
        """The products it holds, among `catalogue` (every product there is), by code:
        every active one, or the active ones it lists."""
        wanted = {code.lower() for code in self.codes()}
        held = [p for p in catalogue if self.every_product or p.code.lower() in wanted]
        return sorted((p for p in held if p.active), key=lambda p: p.code.lower())

    def check_sendable(self, today: date) -> None:
        """Refuse sending it before its valid-from day."""
        if today < self.valid_from:
            raise ValidationFailed.field(
                "catalogue",
                _(
                    "catalogue {name} is valid from {day}; it can be sent from that day",
                    name=self.name,
                    day=Day(self.valid_from),
                ),
                "catalogue.not_valid_yet",
            )


@dataclass(frozen=True)
class CatalogueSent:
    """A catalogue mailed to a customer: what, under which source code, when, by whom."""

    customer_code: str
    catalogue_name: str
    source_code: str
    sent_at: datetime
    actor: str
    products: int
    recipient: str
