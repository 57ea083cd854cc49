"""The forgiving grammar in the console: numeric product codes, codes of one's own, and
a "did you mean" for commands, options, products and customers."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console import Console
from tests.integration.conftest import AppFactory

TODAY = date(2026, 11, 23)


@pytest.fixture
def console(sqlite_url: str, make_app: AppFactory) -> Console:
    made = Console(make_app(sqlite_url).bus.handle, lambda: TODAY)
    for line in [
        "tax new VAT20 20",
        'product new WIDGET-A "Widget A" 12.50 tax:VAT20',
        "product new 1234 Bolt 0.35",
        'customer new ACME "Acme SA" email:buyer@acme.example',
    ]:
        assert not made.answer(line).startswith(("Refused", "Not understood")), line
    return made


def test_a_numeric_product_code_is_ordered(console: Console) -> None:
    created = console.answer("order new ACME 1234 2")
    assert created.startswith("Created SO-00001.")
    assert "2 x 1234" in created


def test_mistyped_words_get_did_you_mean(console: Console) -> None:
    console.answer("order new ACME WIDGET-A 1")
    assert console.answer("order shwo SO-00001").startswith(
        "Not understood: /order has no 'shwo'; did you mean show? It has: new, show,"
    )
    assert console.answer("order new ACME WIDGT-A 2") == (
        "Refused: No product WIDGT-A. Did you mean WIDGET-A?"
    )
    assert console.answer("order new ACNE WIDGET-A 2") == (
        "Refused: No customer ACNE. Did you mean ACME?"
    )
    unknown = console.answer("order new ACME WIDGET-A 2 tax:VAT55")
    assert unknown.startswith(
        "Not understood: tax:VAT55 is not an option of /order new; its options are adjust:, "
    )
    assert "needs a quantity" not in unknown
    assert console.answer("order new ACME WIDGET-A 2 shiping:5").startswith(
        "Not understood: shiping:5 is not an option of /order new; did you mean shipping:?"
    )
    assert "SO-00002" not in console.answer("order list")


def test_a_code_of_ones_own_is_unique_without_case(console: Console) -> None:
    assert console.answer("order new ACME WIDGET-A 1 code:web-7").startswith("Created WEB-7.")
    assert console.answer("order new ACME WIDGET-A 1 code:Web-7").startswith(
        "Refused: code: WEB-7 is already the code of an order (codes are compared without "
        "case); choose another or leave code: out to get the next number."
    )
    assert console.answer("order new ACME WIDGET-A 1").startswith("Created SO-00001.")
