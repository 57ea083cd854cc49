"""The sending forms: `/order send CODE quote|confirmation [to:]`, `/invoice send CODE [to:]`."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.grammar import Door, Parsed, build_grammar
from bot.language.words import UsageError
from domain import commands as c


def parse(line: str) -> Parsed:
    return build_grammar().parse(line, Door(today=date(2026, 3, 2), actor="U1"))


def test_order_send_takes_the_kind_and_an_address() -> None:
    command = parse("order send SO-00003 quote to:ann@acme.test").command
    assert isinstance(command, c.SendOrderDocument)
    assert (command.code, command.kind, command.to, command.actor) == (
        "SO-00003",
        "quote",
        "ann@acme.test",
        "U1",
    )
    command = parse("order send SO-00003 Confirmation").command
    assert isinstance(command, c.SendOrderDocument)
    assert (command.kind, command.to) == ("confirmation", None)


@pytest.mark.parametrize("line", ["order send SO-00003 x", "order send SO-00003 invoice"])
def test_order_send_names_what_it_expects(line: str) -> None:
    with pytest.raises(UsageError, match="quote or confirmation"):
        parse(line)


def test_invoice_send() -> None:
    command = parse("invoice send INV-00001 to:x@acme.test").command
    assert isinstance(command, c.SendInvoice)
    assert (command.code, command.to) == ("INV-00001", "x@acme.test")
