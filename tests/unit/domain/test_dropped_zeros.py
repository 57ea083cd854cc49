"""A code of digits that a spreadsheet stored as a number has lost its leading zeros
(`00042` typed in an Excel cell is 42): the "did you mean" rule every door uses names the
one code it stands for, so the import's red row says what to write."""

from __future__ import annotations

from domain.imports.orders import OrderLookups, _Orders
from domain.orders.matching import suggest_product
from domain.suggestions import closest
from domain.texts import Text

CATALOGUE = ["00042", "1234", "P-1", "0007"]


def test_a_number_without_its_leading_zeros_suggests_the_code() -> None:
    assert suggest_product("42", CATALOGUE) == "00042"
    assert closest("7", CATALOGUE) == "0007"
    assert closest("1001", ["01001", "C1001"]) == "01001"


def test_two_codes_it_could_be_suggest_neither() -> None:
    assert closest("42", ["042", "0042"]) is None


def test_a_number_that_is_a_code_is_not_padded() -> None:
    assert closest("12", ["0012", "12"]) == "12"


def test_an_order_row_with_the_zeros_dropped_is_red_naming_the_code() -> None:
    lookups = OrderLookups(customers={}, products={}, references={}, catalogue=tuple(CATALOGUE))
    labels = {"product": "Produit", "customer_code": "Code client"}
    orders = _Orders(labels, lookups, caller=None)
    problems: list[Text] = []
    assert orders._product("42", [], problems) is None
    assert [str(p) for p in problems] == ["Produit: unknown product 42; did you mean 00042?"]
