"""A French and a Danish rep at the console read the orders' refusals in their own
language: a line discount typed wrong (when a line is typed and when it is changed) and
an amount beyond its limit, written as money their way."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console import Console
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore

NB = "\u00a0"


@pytest.fixture
def console() -> Console:
    store = FakeStore()
    bus = MessageBus(store.uow_factory, FakeClock(), Policy(), retries=1, sleep=lambda s: None)
    made = Console(bus.handle, lambda: date(2026, 11, 23))
    for line in [
        "tax new VAT20 20",
        "product new GADGET Gadget 3.99 tax:VAT20",
        "customer new ACME Acme",
        "order new ACME GADGET 1",
    ]:
        assert not made.answer(line).startswith(("Refused", "Not understood")), line
    return made


def answers(console: Console, language: str) -> list[str]:
    with speaking(language):
        return [
            console.answer(line).splitlines()[0]
            for line in [
                "order new ACME GADGET 1 -ten",
                "order change SO-00001 1 discount:ten",
                "order new ACME GADGET 1 discount:100",
                "order new ACME GADGET 1 -5",
            ]
        ]


def test_a_french_rep_reads_the_orders_refusals_in_french(console: Console) -> None:
    neither = (
        "une remise de ligne est un pourcentage ou un montant déduit de la ligne (-10 % ou "
        "-2,50), pas"
    )
    assert answers(console, "fr") == [
        f"Pas compris : remise de GADGET : {neither} « -ten ».",
        f"Pas compris : remise : {neither} « ten ».",
        (
            f"Refusé : remise : 100,00{NB}€ dépasse le net de la commande 3,99{NB}€ ; au plus "
            f"3,99{NB}€."
        ),
        (
            f"Refusé : remise : GADGET : la remise 5,00{NB}€ doit être entre 0 et le montant de "
            f"la ligne 3,99{NB}€."
        ),
    ]


def test_a_danish_rep_reads_the_orders_refusals_in_danish(console: Console) -> None:
    neither = (
        "en linjerabat er en procentdel eller et beløb trukket fra linjen (-10% eller -2,50), ikke"
    )
    assert answers(console, "da") == [
        f"Ikke forstået: rabat på GADGET: {neither} '-ten'.",
        f"Ikke forstået: rabat: {neither} 'ten'.",
        f"Afvist: rabat: 100,00{NB}€ er mere end ordrens netto 3,99{NB}€; højst 3,99{NB}€.",
        f"Afvist: rabat: GADGET: rabatten 5,00{NB}€ skal være mellem 0 og linjens beløb 3,99{NB}€.",
    ]


def test_an_english_rep_reads_them_in_english(console: Console) -> None:
    neither = "a line discount is a percent or an amount off the line (-10% or -2.50), not"
    assert answers(console, "en") == [
        f"Not understood: discount of GADGET: {neither} '-ten'.",
        f"Not understood: discount: {neither} 'ten'.",
        "Refused: discount: €100.00 is more than the order's net €3.99; it may be at most €3.99.",
        "Refused: discount: GADGET: discount €5.00 must be between 0 and the line's amount €3.99.",
    ]
