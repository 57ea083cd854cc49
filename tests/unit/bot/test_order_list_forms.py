"""`order list` and `order export` as typed, and the lines that ask for a list again."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.order_lists import export_line, list_line
from bot.language.words import UsageError
from domain import commands as c

DOOR = Door(today=date(2026, 3, 10), actor="U1")


def _parse(line: str, where: str = "console") -> c.Command | None:
    return build_grammar().parse(line, DOOR, where).command


def test_every_filter_as_typed() -> None:
    typed = _parse(
        'order list ACME status:confirmed to-ship to-invoice overdue "ref:PO 77" '
        "since:01/03/2026 until:today after:SO-00040"
    )
    assert typed == c.ListOrders(
        customer="ACME", status="confirmed", to_ship=True, to_invoice=True, overdue=True,
        reference="PO 77", since=date(2026, 3, 1), until=date(2026, 3, 10),
        after="SO-00040", actor="U1", actor_door="console",
    )  # fmt: skip
    assert _parse("order list") == c.ListOrders(actor="U1", actor_door="console")


@pytest.mark.parametrize(
    "line",
    [
        "order list",
        "order list ACME to-ship after:SO-00040",
        'order list "Acme SA" overdue ref:PO-77 since:2026-01-01 until:2026-02-01',
        "order list status:draft to-invoice",
    ],
)
def test_the_line_of_a_list_reads_back_as_the_same_list(line: str) -> None:
    typed = _parse(line)
    assert isinstance(typed, c.ListOrders)
    assert _parse(list_line(typed)) == typed
    export = _parse(export_line(typed), "slack")
    assert isinstance(export, c.ExportOrders)
    assert export.model_dump(include=set(c.OrderListing.model_fields)) == typed.model_dump(
        include=set(c.OrderListing.model_fields)
    )


def test_wrong_lists_say_what_was_wrong() -> None:
    with pytest.raises(UsageError, match="one customer at most, got: ACME BETA"):
        _parse("order list ACME BETA")
    with pytest.raises(UsageError, match="'soon' is not a date"):
        _parse("order list since:soon")
    with pytest.raises(UsageError, match=r"works in Slack; here use: orderbot order list"):
        _parse("order export ACME")
    assert _parse("order export ACME to-ship", "slack") == c.ExportOrders(
        customer="ACME", to_ship=True, actor="U1", actor_door="console"
    )
