"""Products: the rules of `product new`, kept by the constructor and the `change` verb that
every door (the console, Slack, the product import) goes through."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain.catalog.products import Product, Tax
from domain.errors import ValidationFailed
from domain.imports.products import ProductChange, apply_product

VAT = Tax("VAT20", Decimal(20))


def test_change_sets_what_is_given_and_says_what_changed() -> None:
    product = Product.create("TEA", "Tea", Decimal(4), None)
    assert product.change(" Green tea ", Decimal("4.50"), VAT, "Yearly, monthly") == [
        "name",
        "unit price",
        "tax code",
        "frequencies",
    ]
    assert (product.name, product.unit_price, product.tax_code, product.frequencies) == (
        "Green tea",
        Decimal("4.50"),
        "VAT20",
        "monthly,yearly",
    )
    assert product.change(name="Green tea") == []
    assert product.change() == []


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "  "}, "product.name_missing"),
        ({"unit_price": Decimal("-0.01")}, "product.price_negative"),
        ({"frequencies": "weekly"}, "product.frequency_invalid"),
    ],
)
def test_change_refuses_what_create_refuses(fields: dict[str, Any], code: str) -> None:
    product = Product.create("TEA", "Tea", Decimal(4), None)
    with pytest.raises(ValidationFailed) as caught:
        product.change(**fields)
    assert caught.value.code == code
    create = {"name": "Tea", "unit_price": Decimal(4), "frequencies": "", **fields}
    with pytest.raises(ValidationFailed) as again:
        Product.create("TEA", tax=None, **create)
    assert again.value.code == code
    assert (product.name, product.unit_price, product.frequencies) == ("Tea", Decimal(4), "")


def test_the_import_creates_and_changes_through_the_aggregate() -> None:
    made = apply_product(ProductChange("SALT", " Salt ", Decimal("1.20"), VAT, "monthly"))
    assert (made.code, made.name, made.tax_code, made.frequencies) == (
        "SALT",
        "Salt",
        "VAT20",
        "monthly",
    )
    existing = Product.create("TEA", "Tea", Decimal(4), VAT, "monthly")
    changed = apply_product(ProductChange("TEA", "Tea", Decimal(5), None, None, existing))
    assert changed is existing
    assert (changed.unit_price, changed.tax_code, changed.frequencies) == (
        Decimal(5),
        "VAT20",
        "monthly",
    )
    with pytest.raises(ValidationFailed) as caught:
        apply_product(ProductChange("TEA", "", None, None, None, existing))
    assert caught.value.code == "product.name_missing"
