"""Products: the rules of `product new`, kept by the constructor and the `change` verb that
every door (the console, Slack, the product import) goes through."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain.catalog.history import FieldChange, ProductChanged, ProductCreated
from domain.catalog.products import FREQUENCIES, Product, Tax, parse_frequencies
from domain.errors import ValidationFailed
from domain.imports.products import ProductChange, apply_product

VAT = Tax("VAT20", Decimal(20))


def test_change_sets_what_is_given_and_says_what_changed() -> None:
    product = Product.create("TEA", "Tea", Decimal(4), None)
    assert product.change(" Green tea ", Decimal("4.50"), VAT, "Yearly, monthly") == [
        FieldChange("name", "Tea", "Green tea"),
        FieldChange("unit_price", "4", "4.5"),
        FieldChange("tax_code", "", "VAT20"),
        FieldChange("frequencies", "", "monthly,yearly"),
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


def test_change_records_one_event_with_old_and_new_values() -> None:
    product = Product.create("TEA", "Tea", Decimal(4), VAT, "monthly")
    assert product.pull_events() == [ProductCreated("TEA")]
    changes = product.change(unit_price=Decimal("4.20"), active=False, untaxed=True)
    assert changes == [
        FieldChange("unit_price", "4", "4.2"),
        FieldChange("tax_code", "VAT20", ""),
        FieldChange("active", "yes", "no"),
    ]
    assert product.pull_events() == [ProductChanged("TEA", tuple(changes))]
    assert (product.active, product.tax_code) == (False, None)
    assert product.change(active=False, untaxed=True) == []
    assert product.pull_events() == []


def test_a_product_cannot_both_get_and_lose_a_tax() -> None:
    product = Product.create("TEA", "Tea", Decimal(4), None)
    with pytest.raises(ValidationFailed) as caught:
        product.change(tax=VAT, untaxed=True)
    assert caught.value.code == "product.tax_conflict"
    assert product.tax_code is None


def test_every_all_allows_every_frequency() -> None:
    assert parse_frequencies("all") == ",".join(FREQUENCIES)
    assert parse_frequencies("yearly, ALL") == "monthly,quarterly,yearly"
    product = Product.create("TEA", "Tea", Decimal(4), None, "all")
    assert product.allowed_frequencies() == FREQUENCIES
    with pytest.raises(ValidationFailed) as caught:
        parse_frequencies("weekly")
    assert "use monthly, quarterly, yearly or all" in caught.value.errors[0].message
