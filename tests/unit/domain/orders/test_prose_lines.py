"""Order lines written inside a sentence: a quantity before a product of the catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.orders.textparse import parse_order_text

CATALOGUE = frozenset({"WIDGET-A", "GADGET", "1234"})


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Bonjour, merci de nous livrer 12 cartons de WIDGET-A.",
            [("WIDGET-A", Decimal(12))],
        ),
        (
            "Merci de nous livrer 12 cartons de WIDGET-A et 3 GADGET.",
            [("WIDGET-A", Decimal(12)), ("GADGET", Decimal(3))],
        ),
        (
            "Vi vil gerne bestille 5 stk. WIDGET-A og 2 stk. GADGET.",
            [("WIDGET-A", Decimal(5)), ("GADGET", Decimal(2))],
        ),
        ("Please send us 4 boxes of gadget and 1,5 pcs of 1234", [
            ("GADGET", Decimal(4)), ("1234", Decimal("1.5"))]),
    ],
)  # fmt: skip
def test_a_quantity_before_a_catalogue_product_in_a_sentence_is_a_line(
    text: str, lines: list[tuple[str, Decimal]]
) -> None:
    parsed = parse_order_text(text, catalogue=CATALOGUE)
    assert [(line.product.upper(), line.quantity) for line in parsed.lines] == lines
    assert parsed.problems == ()


@pytest.mark.parametrize(
    "text",
    [
        "We met 12 people at the WIDGET-A launch",  # a number not right before the product
        "Merci de nous livrer 12 cartons de WIDGT-B.",  # not a product of the catalogue
        "Our warehouse is at 12 rue de la Paix",
        "Vi vil gerne bestille 5 stk. WIDGET-A og 2 stk. GADGET.",  # without a catalogue
    ],
)
def test_prose_without_a_catalogue_product_right_after_a_quantity_is_no_line(text: str) -> None:
    catalogue = frozenset() if "bestille" in text else CATALOGUE
    assert parse_order_text(text, catalogue=catalogue).lines == ()
