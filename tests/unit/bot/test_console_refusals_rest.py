"""A French and a Danish rep read the refusals of taxes and case priorities in their own
language, field and all; English stays as it was."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console import Console
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore


@pytest.fixture
def console() -> Console:
    store = FakeStore()
    bus = MessageBus(store.uow_factory, FakeClock(), Policy(), retries=1, sleep=lambda s: None)
    made = Console(bus.handle, lambda: date(2026, 11, 23))
    assert made.answer("tax new VAT20 20").startswith("Taxes")
    return made


@pytest.mark.parametrize(
    ("language", "taken", "priority"),
    [
        (
            "fr",
            "Refusé : code : la taxe VAT20 existe déjà.",
            (
                "Refusé : nom : 'a b' n'est pas un seul mot de lettres, chiffres, - ou _ "
                "(comme urgent)."
            ),
        ),
        (
            "da",
            "Afvist: kode: afgiften VAT20 findes allerede.",
            "Afvist: navn: 'a b' er ikke ét ord af bogstaver, cifre, - eller _ (såsom urgent).",
        ),
        (
            "en",
            "Refused: code: tax VAT20 already exists.",
            "Refused: name: 'a b' is not one word of letters, digits, - or _ (such as urgent).",
        ),
    ],
)
def test_a_refusal_reads_in_the_reps_language(
    console: Console, language: str, taken: str, priority: str
) -> None:
    with speaking(language):
        twice = console.answer("tax new VAT20 5")
        bad_name = console.answer("case priority new 'a b'")
    assert twice.splitlines()[0] == taken
    assert bad_name.splitlines()[0] == priority
