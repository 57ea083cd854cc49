"""The `pdf` forms as typed: `/order pdf CODE quote|confirmation|packing-slip [SHIPMENT]`
and `/invoice pdf CODE` build their PrintDocument; a wrong line names what was wrong."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c
from domain.printouts.printout import PrintKind

GRAMMAR = build_grammar()
DOOR = Door(today=date(2026, 11, 23), actor="U0REP")
WHO = {"actor": "U0REP", "actor_door": "console"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("order pdf SO-00001 quote", c.PrintDocument(kind=PrintKind.QUOTE, code="SO-00001", **WHO)),
        (
            "order pdf so-00001 Confirmation",
            c.PrintDocument(kind=PrintKind.CONFIRMATION, code="so-00001", **WHO),
        ),
        (
            "order pdf SO-00001 packing-slip 2",
            c.PrintDocument(kind=PrintKind.PACKING_SLIP, code="SO-00001", shipment=2, **WHO),
        ),
        (
            "order pdf SO-00001 packing-slip",
            c.PrintDocument(kind=PrintKind.PACKING_SLIP, code="SO-00001", **WHO),
        ),
        ("invoice pdf CN-00001", c.PrintDocument(kind=PrintKind.INVOICE, code="CN-00001", **WHO)),
    ],
)
def test_pdf_forms_build_their_query(line: str, expected: c.Command) -> None:
    assert GRAMMAR.parse(line, DOOR).command == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("order pdf SO-00001", "some words are missing"),
        (
            "order pdf SO-00001 invoice",
            "the document is quote, confirmation or packing-slip, not invoice",
        ),
        ("order pdf SO-00001 quote 2", "unexpected words after quote: 2"),
        ("order pdf SO-00001 packing-slip two", "shipment number"),
        ("invoice pdf INV-00001 INV-00002", "expected one invoice code, got: INV-00001 INV-00002"),
    ],
)
def test_wrong_pdf_lines_name_the_problem(line: str, problem: str) -> None:
    with pytest.raises(UsageError) as refused:
        GRAMMAR.parse(line, DOOR)
    assert problem in refused.value.message
    assert refused.value.form is not None
    assert " pdf " in refused.value.form


def test_help_lists_the_pdf_forms() -> None:
    assert "/order pdf CODE quote|confirmation|packing-slip [SHIPMENT]" in GRAMMAR.help("order")
    assert "/invoice pdf CODE" in GRAMMAR.help("invoice")
