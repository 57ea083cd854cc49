"""The forms of product edits, catalogues and the job log as typed: each line becomes its
command, wrong lines say what was wrong, and help lists the new forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c

GRAMMAR = build_grammar()
DOOR = Door(today=date(2026, 11, 23), actor="U0REP", manager=False, source="slack")


def parse(line: str) -> c.Command:
    parsed = GRAMMAR.parse(line, DOOR)
    assert parsed.command is not None, parsed.help
    return parsed.command


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'product set W price:2.40 tax:VAT5 name:"Widget A" every:all active:no',
            c.SetProduct(
                code="W",
                name="Widget A",
                price=Decimal("2.40"),
                tax="VAT5",
                frequencies="all",
                active=False,
            ),
        ),
        ("product set W tax:- every:-", c.SetProduct(code="W", tax="", frequencies="")),
        ("product set W active:Yes", c.SetProduct(code="W", active=True)),
        (
            "catalog new spring W G from:2026-12-01 source:SP26",
            c.CreateCatalogue(
                name="spring", valid_from=date(2026, 12, 1), source_code="SP26", products=("W", "G")
            ),
        ),
        ("catalog new spring", c.CreateCatalogue(name="spring")),
        ("catalog add spring W G", c.ChangeCatalogueProducts(name="spring", products=("W", "G"))),
        (
            "catalog remove spring W",
            c.ChangeCatalogueProducts(name="spring", products=("W",), remove=True),
        ),
        ("catalog", c.ListCatalogues()),
        ("catalog show", c.ShowCatalogue()),
        ("catalog show spring", c.ShowCatalogue(name="spring")),
        ("catalog send ACME", c.SendCatalog(customer="ACME")),
        ("catalog send ACME spring", c.SendCatalog(customer="ACME", catalogue="spring")),
        ("jobs show 12", c.ShowJobRun(run_id=12)),
        ("jobs show #12", c.ShowJobRun(run_id=12)),
    ],
)
def test_each_line_becomes_its_command(line: str, expected: c.Command) -> None:
    assert parse(line) == expected.model_copy(update={"actor": "U0REP", "actor_door": "slack"})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("product set W", "say what to change: name:, price:, tax:, every: or active:"),
        ("product set W X price:1", "expected one product CODE, got: W X"),
        ("product set W active:maybe", "active: takes yes or no, not 'maybe'"),
        ("catalog add spring", "some words are missing"),
        ("catalog show a b", "expected at most one catalogue NAME"),
        ("catalog send ACME a b", "expected a CUSTOMER code and at most one catalogue NAME"),
        ("jobs show", "expected one run number (from /jobs list)"),
    ],
)
def test_wrong_lines_say_what_was_wrong_and_the_form(line: str, message: str) -> None:
    with pytest.raises(UsageError) as wrong:
        GRAMMAR.parse(line, DOOR)
    assert wrong.value.message.startswith(message)
    family, verb = line.split()[:2]
    assert wrong.value.form is not None
    assert wrong.value.form.startswith(f"/{family} {verb}")


def test_help_lists_the_new_forms() -> None:
    product = GRAMMAR.parse("product help", DOOR).help or ""
    assert "/product set CODE [name:NAME] [price:PRICE] [tax:CODE|-]" in product
    catalog = GRAMMAR.parse("catalog help", DOOR).help or ""
    for form in ("new NAME", "add NAME PRODUCT...", "remove NAME", "list", "show [NAME]"):
        assert f"/catalog {form}" in catalog
    assert "/catalog send CUSTOMER [NAME]" in catalog
    assert "/jobs show ID" in (GRAMMAR.parse("jobs help", DOOR).help or "")
