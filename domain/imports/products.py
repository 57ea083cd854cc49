"""Product imports: the verdict of every row and the products to create or update.

Red: a missing code or name, a price that is not a number of zero or more (or missing
for a new product), a tax code that is not configured, an unknown subscription
frequency, a product code already given on an earlier row. Yellow: an existing product
updated (saying what changed), frequencies or a tax code written differently. An opening
stock (never below zero) sets what is on hand in the default warehouse, as a movement. Products
are written through the `Product` aggregate (`Product.create`, `Product.change`), so
an import obeys the rules of `product new`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.catalog.products import Product, Tax, parse_frequencies
from domain.errors import ValidationFailed
from domain.imports.columns import CellValue, SheetKind
from domain.imports.sessions import (
    SKIPPED_MESSAGE,
    Cleaned,
    RowVerdict,
    StoredRow,
    Verdict,
    listed,
)
from domain.imports.values import as_text, code, number
from domain.imports.widths import check_widths
from domain.texts import Text, _


@dataclass(slots=True)
class ProductChange:
    """A product to create (`existing` None) or to update; None: not given."""

    code: str
    name: str
    unit_price: Decimal | None
    tax: Tax | None
    frequencies: str | None
    existing: Product | None = None
    opening_stock: Decimal | None = None  # on hand in the default warehouse, when given

    @property
    def tax_code(self) -> str | None:
        """The code of the tax given."""
        return self.tax.code if self.tax is not None else None


@dataclass
class ProductPlan:
    """The products an import writes, in file order."""

    products: list[ProductChange] = field(default_factory=list)


def clean_product(record: Mapping[str, CellValue], labels: Mapping[str, str]) -> Cleaned:
    """A product row judged alone: code, name, price and frequencies."""
    out = Cleaned({})
    v = out.values
    for key in ("product_code", "name"):
        if record.get(key) is None:
            out.problems.append(_("{column}: missing", column=labels[key]))
    v["product_code"] = code(record.get("product_code"), labels["product_code"], out)
    v["name"] = as_text(record.get("name"))
    v["unit_price"] = number(record.get("unit_price"), labels["unit_price"], out)
    v["tax_code"] = code(record.get("tax_code"), labels["tax_code"], out)
    v["opening_stock"] = number(record.get("opening_stock"), labels["opening_stock"], out)
    frequencies = as_text(record.get("frequencies"))
    v["frequencies"] = None
    if frequencies is not None:
        try:
            v["frequencies"] = parse_frequencies(frequencies)
        except ValidationFailed as error:
            out.problems.append(_("{column}: {problem}", column=labels["frequencies"],
                                  problem=error.errors[0].message))  # fmt: skip
    check_widths(SheetKind.PRODUCTS, labels, out)
    return out


def resolve_products(
    rows: Sequence[StoredRow],
    skipped: frozenset[int],
    labels: Mapping[str, str],
    existing: Mapping[str, Product],
    taxes: Mapping[str, Tax],
) -> tuple[list[RowVerdict], ProductPlan]:
    """Verdicts against the catalogue; `existing` and `taxes` are keyed by lower code."""
    plan, seen, verdicts = ProductPlan(), dict[str, int](), list[RowVerdict]()
    for row in rows:
        if row.number in skipped:
            verdicts.append(RowVerdict(row.number, Verdict.SKIPPED, (SKIPPED_MESSAGE,)))
            continue
        if row.problems:
            verdicts.append(RowVerdict(row.number, Verdict.RED, row.problems))
            continue
        v, notes, problems = row.values, list(row.notes), list[Text]()
        product_code = str(v["product_code"])
        if product_code.lower() in seen:
            problems.append(_("{column}: {code} is already on row {row}",
                              column=labels["product_code"], code=product_code,
                              row=seen[product_code.lower()]))  # fmt: skip
        given = v["tax_code"]
        tax = taxes.get(str(given).lower()) if given else None
        if given and tax is None:
            known = ", ".join(sorted(t.code for t in taxes.values()))
            if known:
                problems.append(_("{column}: unknown tax {tax} (known: {known})",
                                  column=labels["tax_code"], tax=given, known=known))  # fmt: skip
            else:
                problems.append(_("{column}: unknown tax {tax} (none configured)",
                                  column=labels["tax_code"], tax=given))  # fmt: skip
        product = existing.get(product_code.lower())
        price = v["unit_price"]
        if product is None and price is None:
            problems.append(_("{column}: missing for a new product", column=labels["unit_price"]))
        change = ProductChange(
            product.code if product else product_code, str(v["name"]),
            price if isinstance(price, Decimal) else None, tax,
            str(v["frequencies"]) if v["frequencies"] is not None else None, product,
            _opening(v.get("opening_stock")),
        )  # fmt: skip
        if product is not None and not problems:
            notes.append(_updated(product, change))
        if problems:
            verdicts.append(RowVerdict(row.number, Verdict.RED, tuple(problems)))
            continue
        seen[product_code.lower()] = row.number
        plan.products.append(change)
        verdicts.append(RowVerdict(row.number, Verdict.YELLOW if notes else Verdict.GREEN,
                                   tuple(notes)))  # fmt: skip
    return verdicts, plan


def _opening(value: object) -> Decimal | None:
    """The opening stock a row gives (rows checked before the column existed give none)."""
    return value if isinstance(value, Decimal) else None


def _price(amount: Decimal) -> str:
    """2.500000 -> 2.50, 2.125 -> 2.125: at least cents, no trailing zeros beyond."""
    cents = amount.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == amount else f"{amount.normalize():f}"


def _updated(product: Product, change: ProductChange) -> Text:
    changed = []
    if change.name != product.name:
        changed.append(_("name {old} -> {new}", old=repr(product.name), new=repr(change.name)))
    if change.unit_price is not None and change.unit_price != product.unit_price:
        changed.append(_("price {old} -> {new}", old=_price(product.unit_price),
                         new=_price(change.unit_price)))  # fmt: skip
    if change.tax_code is not None and change.tax_code != product.tax_code:
        changed.append(_("tax {old} -> {new}", old=product.tax_code or "-", new=change.tax_code))
    if change.frequencies is not None and change.frequencies != product.frequencies:
        changed.append(_("frequencies {old} -> {new}", old=product.frequencies or "-",
                         new=change.frequencies or "-"))  # fmt: skip
    what = listed(changed) if changed else _("no change")
    return _("existing product {code} updated: {changes}", code=product.code, changes=what)


def apply_product(change: ProductChange) -> Product:
    """The new product, or the existing one changed, through the Product aggregate's own
    constructor and verb (the rules of `product new`)."""
    if change.existing is None:
        return Product.create(
            change.code, change.name, change.unit_price or Decimal(0), change.tax,
            change.frequencies or "",
        )  # fmt: skip
    change.existing.change(change.name, change.unit_price, change.tax, change.frequencies)
    return change.existing
