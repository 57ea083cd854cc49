"""The /invoice, /workorder and /return forms as typed: each builds its command, a family
alone lists, and a wrong line is answered with the right form."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c

GRAMMAR = build_grammar()
DOOR = Door(today=date(2026, 11, 23), actor="U0REP")
WHO = {"actor": "U0REP", "actor_door": "console"}  # signed by the grammar


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("invoice", c.ListInvoices(**WHO)),
        ("invoice list acme status:overdue", c.ListInvoices(who="acme", status="overdue", **WHO)),
        ("invoice show INV-00001", c.ShowInvoice(code="INV-00001", **WHO)),
        ("invoice paid INV-00001", c.PayInvoice(code="INV-00001", **WHO)),
        (
            "invoice paid INV-00001 date:2026-11-20",
            c.PayInvoice(code="INV-00001", paid_on=date(2026, 11, 20), **WHO),
        ),
        (
            'invoice void INV-00001 reason:"sent twice"',
            c.VoidInvoice(code="INV-00001", reason="sent twice", **WHO),
        ),
        ("invoice credits SO-00001", c.ListCreditNotes(who="SO-00001", **WHO)),
        ("workorder", c.ListWorkOrders(**WHO)),
        ("workorder list status:done", c.ListWorkOrders(status="done", **WHO)),
        ("workorder done WO-00001", c.FinishWorkOrder(code="WO-00001", **WHO)),
        ("workorder cancel WO-00001", c.CancelWorkOrder(code="WO-00001", **WHO)),
        ("return show RMA-00001", c.ShowReturn(code="RMA-00001", **WHO)),
        ("return received RMA-00001", c.ReceiveReturn(code="RMA-00001", **WHO)),
        ("return refund RMA-00001", c.RefundReturn(code="RMA-00001", **WHO)),
    ],
)
def test_each_form_builds_its_command(line: str, expected: c.Command) -> None:
    assert GRAMMAR.parse(line, DOOR).command == expected


@pytest.mark.parametrize(
    ("line", "message", "form"),
    [
        ("invoice paid", "expected one invoice code, got: nothing", "/invoice paid CODE"),
        (
            "invoice paid INV-00001 date:soon",
            "'soon' is not a date; use 2026-12-03, 03/12/2026 (day first), today, tomorrow or +7d",
            "/invoice paid CODE",
        ),
        (
            "workorder done WO-1 WO-2",
            "expected one work order code, got: WO-1 WO-2",
            "/workorder done CODE",
        ),
        (
            "return list ACME BETA",
            "expected at most one customer or order code, got: ACME BETA",
            "/return list [CUSTOMER|ORDER]",
        ),
    ],
)
def test_a_wrong_line_names_what_is_wrong_and_the_form(line: str, message: str, form: str) -> None:
    with pytest.raises(UsageError) as caught:
        GRAMMAR.parse(line, DOOR)
    assert caught.value.message == message
    assert caught.value.form.startswith(form)


def test_the_help_lists_the_families_and_their_forms() -> None:
    top = GRAMMAR.help()
    for family in ("/invoice", "/workorder", "/return"):
        assert family in top
    assert (
        GRAMMAR.help("return").splitlines()[0] == "/return: returns: list, show, received, refund"
    )
