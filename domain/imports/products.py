"""Product imports: the verdict of every row and the products to create or update.

Red: a missing code or name, a price that is not a number of zero or more (or missing
for a new product), a tax code that is not configured, an unknown subscription
frequency, a product code already given on an earlier row. Yellow: an existing product
updated (saying what changed), frequencies or a tax code written differently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.catalog.products import Product, parse_frequencies
from domain.errors import ValidationFailed
from domain.imports.columns import CellValue
from domain.imports.sessions import Cleaned, RowVerdict, StoredRow, Verdict
from domain.imports.values import as_text, code, number


@dataclass(slots=True)
class ProductChange:
    """A product to create (`existing` None) or to update."""

    code: str
    name: str
    unit_price: Decimal | None
    tax_code: str | None
    frequencies: str | None
    existing: Product | None = None


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
            out.problems.append(f"{labels[key]}: missing")
    v["product_code"] = code(record.get("product_code"), labels["product_code"], out)
    v["name"] = as_text(record.get("name"))
    v["unit_price"] = number(record.get("unit_price"), labels["unit_price"], out)
    v["tax_code"] = code(record.get("tax_code"), labels["tax_code"], out)
    frequencies = as_text(record.get("frequencies"))
    v["frequencies"] = None
    if frequencies is not None:
        try:
            v["frequencies"] = parse_frequencies(frequencies)
        except ValidationFailed as error:
            out.problems.append(f"{labels['frequencies']}: {error.errors[0].message}")
    return out


def resolve_products(
    rows: Sequence[StoredRow],
    skipped: frozenset[int],
    labels: Mapping[str, str],
    existing: Mapping[str, Product],
    taxes: Mapping[str, str],
) -> tuple[list[RowVerdict], ProductPlan]:
    """Verdicts against the catalogue; `existing` and `taxes` are keyed by lower code."""
    plan, seen, verdicts = ProductPlan(), dict[str, int](), list[RowVerdict]()
    for row in rows:
        if row.number in skipped:
            verdicts.append(RowVerdict(row.number, Verdict.SKIPPED, ("skipped",)))
            continue
        if row.problems:
            verdicts.append(RowVerdict(row.number, Verdict.RED, row.problems))
            continue
        v, notes, problems = row.values, list(row.notes), []
        product_code = str(v["product_code"])
        if product_code.lower() in seen:
            problems.append(
                f"{labels['product_code']}: {product_code} is already on row "
                f"{seen[product_code.lower()]}"
            )
        tax = v["tax_code"]
        tax_code = taxes.get(str(tax).lower()) if tax else None
        if tax and tax_code is None:
            known = ", ".join(sorted(taxes.values())) or "none configured"
            problems.append(f"{labels['tax_code']}: unknown tax {tax} (known: {known})")
        product = existing.get(product_code.lower())
        price = v["unit_price"]
        if product is None and price is None:
            problems.append(f"{labels['unit_price']}: missing for a new product")
        change = ProductChange(
            product.code if product else product_code, str(v["name"]),
            price if isinstance(price, Decimal) else None, tax_code,
            str(v["frequencies"]) if v["frequencies"] is not None else None, product,
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


def _price(amount: Decimal) -> str:
    """2.500000 -> 2.50, 2.125 -> 2.125: at least cents, no trailing zeros beyond."""
    cents = amount.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == amount else f"{amount.normalize():f}"


def _updated(product: Product, change: ProductChange) -> str:
    changed = []
    if change.name != product.name:
        changed.append(f"name {product.name!r} -> {change.name!r}")
    if change.unit_price is not None and change.unit_price != product.unit_price:
        changed.append(f"price {_price(product.unit_price)} -> {_price(change.unit_price)}")
    if change.tax_code is not None and change.tax_code != product.tax_code:
        changed.append(f"tax {product.tax_code or '-'} -> {change.tax_code}")
    if change.frequencies is not None and change.frequencies != product.frequencies:
        changed.append(f"frequencies {product.frequencies or '-'} -> {change.frequencies or '-'}")
    what = ", ".join(changed) if changed else "no change"
    return f"existing product {product.code} updated: {what}"


def apply_product(change: ProductChange) -> Product:
    """The new product, or the existing one with the row's values applied."""
    product = change.existing
    if product is None:
        product = Product.create(
            change.code, change.name, change.unit_price or Decimal(0), None,
            change.frequencies or "",
        )  # fmt: skip
        product.tax_code = change.tax_code
        return product
    product.name = change.name
    if change.unit_price is not None:
        product.unit_price = change.unit_price
    if change.tax_code is not None:
        product.tax_code = change.tax_code
    if change.frequencies is not None:
        product.frequencies = change.frequencies
    return product
