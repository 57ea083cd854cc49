"""A status reads as the word of its own kind of thing, so it agrees in French: an order
"clôturée", a case "clôturé", an invoice "ouverte"; an empty list of invoices "aucune",
of returns "aucun". The console and the Slack cards say the same; English is unchanged."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.console import Console
from bot.slack.cards import CardOptions, result_blocks
from domain import commands as c
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore

TODAY = date(2026, 11, 23)
SETUP = [
    "tax new VAT20 20",
    "product new WIDGET Widget 12.50 tax:VAT20",
    "customer new ACME Acme",
    "customer new BETA Beta",
    "order new ACME WIDGET 2 confirm",
    "order ship SO-00001",
    "order invoice SO-00001",
    "order new ACME WIDGET 1 confirm",
    'case new ACME high "Broken pallet"',
    'case new ACME high "Late truck"',
    "case close 2",
]


@pytest.fixture
def bus() -> MessageBus:
    store = FakeStore()
    made = MessageBus(store.uow_factory, FakeClock(), Policy(), retries=1, sleep=lambda s: None)
    console = Console(made.handle, lambda: TODAY)
    for line in SETUP:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    return made


def answers(bus: MessageBus, language: str) -> dict[str, str]:
    console = Console(bus.handle, lambda: TODAY)
    commands = [
        "order show SO-00001",
        "order show SO-00002",
        "invoice show INV-00001",
        "invoice list",
        "invoice list BETA",
        "return list",
        "case show 1",
        "case show 2",
    ]
    with speaking(language):
        return {command: console.answer(command) for command in commands}


def test_a_french_rep_reads_each_status_agreed_with_its_thing(bus: MessageBus) -> None:
    said = answers(bus, "fr")
    closed = said["order show SO-00001"]
    assert closed.splitlines()[0].endswith("· clôturée · expédiée · facturée"), closed
    assert "#1 expédiée : 2 x WIDGET" in closed
    assert "Facture INV-00001 (ouverte, échéance" in closed
    assert (
        said["order show SO-00002"]
        .splitlines()[0]
        .endswith("· confirmée · non expédiée · non facturée")
    )
    assert said["invoice show INV-00001"].splitlines()[0].endswith("· ouverte")
    assert " ouverte échéance " in said["invoice list"]
    assert said["invoice list BETA"] == "Factures de BETA : aucune."
    assert said["return list"] == "Retours : aucun."
    assert said["case show 1"].startswith("#1 ACME high ouvert ⚠ ALERTE")
    assert said["case show 2"].startswith("#2 ACME high clôturé : Late truck")


def test_a_danish_rep_reads_the_same_words_in_danish(bus: MessageBus) -> None:
    said = answers(bus, "da")
    assert said["order show SO-00001"].splitlines()[0].endswith("· lukket · afsendt · faktureret")
    assert "Faktura INV-00001 (åben, forfalder" in said["order show SO-00001"]
    assert said["invoice show INV-00001"].splitlines()[0].endswith("· åben")
    assert said["invoice list BETA"] == "Fakturaer for BETA: ingen."
    assert said["case show 2"].startswith("#2 ACME high lukket: Late truck")


def test_english_reads_as_it_did(bus: MessageBus) -> None:
    said = answers(bus, "en")
    assert said["order show SO-00001"].splitlines()[0].endswith("· closed · shipped · invoiced")
    assert "#1 shipped: 2 x WIDGET" in said["order show SO-00001"]
    assert "Invoice INV-00001 (open, due" in said["order show SO-00001"]
    assert (
        said["order show SO-00002"]
        .splitlines()[0]
        .endswith("· confirmed · not shipped · not invoiced")
    )
    assert said["invoice show INV-00001"].splitlines()[0].endswith("· open")
    assert said["invoice list BETA"] == "Invoices of BETA: none."
    assert said["return list"] == "Returns: none."
    assert said["case show 2"].startswith("#2 ACME high closed: Late truck")


def card(bus: MessageBus, query: object, language: str) -> str:
    with speaking(language):
        return json.dumps(result_blocks(bus.handle(query), CardOptions()), ensure_ascii=False)


def test_the_slack_cards_agree_too(bus: MessageBus) -> None:
    order = card(bus, c.ShowOrder(code="SO-00001"), "fr")
    assert "`clôturée` · expédiée · facturée" in order, order
    assert "(ouverte, échéance" in order, order
    closed_case = card(bus, c.ShowCase(case_id=2), "fr")
    assert "`clôturé`" in closed_case, closed_case
    assert "Factures de BETA : aucune." in card(bus, c.ListInvoices(who="BETA"), "fr")
    english = card(bus, c.ShowOrder(code="SO-00001"), "en")
    assert "`closed` · shipped · invoiced" in english, english
