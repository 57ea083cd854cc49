"""Products and taxes: what can be sold, at what price, taxed at which rate.

`Product.change` is the one verb every edit goes through (`/product set` at every door,
the product import): it applies the rules of `Product.create`, records a
`ProductChanged` event naming each field's old and new value (the product's history is
written from it, with the command's actor), and changes nothing when a value is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.catalog.history import FieldChange, ProductChanged, ProductCreated
from domain.errors import ValidationFailed
from domain.events import EventRecorder
from domain.text_values import Quantity
from domain.texts import _

FREQUENCIES = ("monthly", "quarterly", "yearly")
EVERY_FREQUENCY = "all"
"""What `every:` takes for a product allowing every frequency."""
_UNTAXED = object()
"""`Product.change`'s mark for a tax taken off (None there means unchanged)."""


@dataclass(eq=False)
class Tax:
    """A configured tax: `rate` is a percentage (VAT20 -> 20)."""

    code: str
    rate: Decimal
    id: int | None = None

    @classmethod
    def create(cls, code: str, rate: Decimal) -> Tax:
        """A new tax, refusing an empty code or a rate outside 0..100."""
        code = code.strip()
        if not code:
            raise ValidationFailed.field("code", _("a tax needs a code"), "tax.code_missing")
        if rate < 0 or rate > 100:
            raise ValidationFailed.field(
                "rate",
                _("{rate} is not a percentage between 0 and 100", rate=Quantity(rate)),
                "tax.rate_invalid",
            )
        return cls(code=code, rate=rate)


def parse_frequencies(text: str) -> str:
    """Normalise "monthly, Yearly" to "monthly,yearly" and "all" to every frequency;
    ValidationFailed for unknown words."""
    words = [w.strip().lower() for w in text.replace(";", ",").split(",") if w.strip()]
    if EVERY_FREQUENCY in words:
        words = [w for w in words if w != EVERY_FREQUENCY] + list(FREQUENCIES)
    unknown = [w for w in words if w not in FREQUENCIES]
    if unknown:
        raise ValidationFailed.field(
            "frequencies",
            _(
                "{unknown} is not a frequency; use {known} or {every}",
                unknown=", ".join(unknown),
                known=", ".join(FREQUENCIES),
                every=EVERY_FREQUENCY,
            ),
            "product.frequency_invalid",
        )
    return ",".join(f for f in FREQUENCIES if f in words)


@dataclass(eq=False)
class Product(EventRecorder):
    """A product of the catalogue; `frequencies` lists the subscription periods it allows."""

    code: str
    name: str
    unit_price: Decimal
    tax_code: str | None = None
    frequencies: str = ""
    active: bool = True
    id: int | None = None

    @classmethod
    def create(
        cls, code: str, name: str, unit_price: Decimal, tax: Tax | None, frequencies: str = ""
    ) -> Product:
        """A new product, refusing a missing code or name and a negative price."""
        code = code.strip()
        if not code:
            raise ValidationFailed.field(
                "code", _("a product needs a code"), "product.code_missing"
            )
        product = cls(
            code=code,
            name=_name(name),
            unit_price=_price(unit_price),
            tax_code=tax.code if tax else None,
            frequencies=parse_frequencies(frequencies),
        )
        product.record(ProductCreated(code))
        return product

    def change(
        self,
        name: str | None = None,
        unit_price: Decimal | None = None,
        tax: Tax | None = None,
        frequencies: str | None = None,
        *,
        active: bool | None = None,
        untaxed: bool = False,
    ) -> list[FieldChange]:
        """Change what is given (None: unchanged) by the rules of `create`, `untaxed`
        taking the tax off; each field that changed, with its old and new value."""
        if untaxed and tax is not None:
            raise ValidationFailed.field(
                "tax", _("a product cannot both get a tax and lose it"), "product.tax_conflict"
            )
        wanted: dict[str, object] = {
            "name": None if name is None else _name(name),
            "unit_price": None if unit_price is None else _price(unit_price),
            "tax_code": _UNTAXED if untaxed else None if tax is None else tax.code,
            "frequencies": None if frequencies is None else parse_frequencies(frequencies),
            "active": active,
        }
        done = []
        for field_name, value in wanted.items():
            new = None if value is _UNTAXED else value
            if value is not None and getattr(self, field_name) != new:
                done.append(FieldChange.of(field_name, getattr(self, field_name), new))
                setattr(self, field_name, new)
        if done:
            self.record(ProductChanged(self.code, tuple(done)))
        return done

    def allowed_frequencies(self) -> tuple[str, ...]:
        """The subscription frequencies this product may be ordered at."""
        return tuple(f for f in self.frequencies.split(",") if f)

    def allows(self, frequency: str) -> bool:
        """Whether a subscription at `frequency` may include this product."""
        return frequency in self.allowed_frequencies()


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationFailed.field("name", _("a product needs a name"), "product.name_missing")
    return name


def _price(unit_price: Decimal) -> Decimal:
    if unit_price < 0:
        raise ValidationFailed.field(
            "price", _("{price} is negative", price=Quantity(unit_price)), "product.price_negative"
        )
    return unit_price
