"""The forgiving grammar: numeric and quoted product codes, `code:`, and every word it
does not know named as unknown with a "did you mean" and the known ones listed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c

GRAMMAR = build_grammar()
DOOR = Door(today=date(2026, 11, 23))
NEW_OPTIONS = (
    "adjust:, bill-to:, code:, discount:, discount-tax:, due:, method:, ref:, remarks:, req:, "
    "ship-to:, shipping:, terms:, warehouse:"
)


def command(line: str) -> c.Command:
    parsed = GRAMMAR.parse(line, DOOR)
    assert parsed.command is not None
    return parsed.command


def refusal(line: str) -> str:
    with pytest.raises(UsageError) as caught:
        GRAMMAR.parse(line, DOOR)
    return caught.value.message


def test_numeric_and_quoted_product_codes_are_products() -> None:
    cmd = command('order new ACME 1234 2 "WIDGET A" 3 @4.10 "tax:VAT55" 1 "007" 5')
    assert isinstance(cmd, c.CreateOrder)
    assert [(li.product, li.quantity, li.price) for li in cmd.lines] == [
        ("1234", Decimal(2), None),
        ("WIDGET A", Decimal(3), Decimal("4.10")),
        ("tax:VAT55", Decimal(1), None),
        ("007", Decimal(5), None),
    ]


def test_a_code_of_ones_own_is_read_upper_cased() -> None:
    cmd = command("order new ACME WIDGET 1 code:web-42 ref:PO-1")
    assert isinstance(cmd, c.CreateOrder)
    assert (cmd.code, cmd.reference) == ("WEB-42", "PO-1")
    assert isinstance(command("order new ACME WIDGET 1"), c.CreateOrder)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "order new ACME WIDGET 2 tax:VAT55",
            f"tax:VAT55 is not an option of /order new; its options are {NEW_OPTIONS}",
        ),
        (
            "order new ACME WIDGET 2 foo:bar",
            f"foo:bar is not an option of /order new; its options are {NEW_OPTIONS}",
        ),
        (
            "order new ACME WIDGET 2 dicsount:10%",
            (
                "dicsount:10% is not an option of /order new; did you mean discount:? "
                f"Its options are {NEW_OPTIONS}"
            ),
        ),
        (
            "order show SO-00001 tax:VAT55",
            "tax:VAT55 is not an option of /order show, which takes none",
        ),
        (
            "order new ACME WIDGET 2 --confrim",
            (
                "--confrim is not a flag of /order new; did you mean --confirm? Its flags are "
                "--allow-duplicate-ref, --confirm, --share"
            ),
        ),
        (
            "order shwo SO-00001",
            (
                "/order has no 'shwo'; did you mean show? It has: new, show, list, export, "
                "import, add, remove, set, merge, confirm, cancel, close, ready, ship, deliver, "
                "split, invoice, workorders, return, notify"
            ),
        ),
        ("order conf SO-00001", "/order has no 'conf'; did you mean confirm? It has: new, "),
        ("ordr show SO-00001", "there is no command /ordr; did you mean /order? The commands "),
        ("order zzz SO-00001", "/order has no 'zzz'; it has: new, show"),
    ],
)
def test_unknown_words_are_named_with_what_is_known(line: str, message: str) -> None:
    assert refusal(line).startswith(message)


def test_prose_keeps_its_colons() -> None:
    cmd = command("customer note ACME see ticket:123 and call:back")
    assert isinstance(cmd, c.AddCustomerNote)
    assert cmd.text == "see ticket:123 and call:back"


def test_help_says_what_the_grammar_forgives() -> None:
    top = GRAMMAR.parse("help", DOOR).help or ""
    assert "Product codes may be numbers (/order new ACME 1234 2)" in top
    new = GRAMMAR.parse("order new help", DOOR).help or ""
    assert new.startswith(
        "/order new CUSTOMER PRODUCT QTY [@PRICE] [-10%|-2.50] [PRODUCT QTY ...]... [code:CODE]"
    )
    assert "code: gives it a code of your own" in new
