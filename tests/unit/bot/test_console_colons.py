"""A French rep reads the console's order and customer desks with French punctuation:
every label is followed by " :" (a space before the colon), while command syntax
(`ref:PO`) and times (17:25) keep theirs; Danish and English write "label: value"."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.console import Console
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore

SETUP = [
    "tax new VAT20 20",
    "product new WIDGET Widget 12.50 tax:VAT20",
    "customer new ACME Acme",
    'customer address ACME add HQ street:"1 rue de la Paix" city:Paris zip:75002 default',
    'customer contact ACME add Ann email:ann@acme.example phone:"+33 1 42 68 53 00" default',
    "customer contact ACME add Bob email:bob@acme.example",
    "customer note ACME call before delivery",
    "order new ACME WIDGET 3 ref:PO-9 ship-to:HQ due:2026-12-20 confirm",
    "order split SO-00001 WIDGET 1 date:2026-12-24",
    "order ship SO-00001 1 carrier:DHL tracking:123",
    'case new ACME high "Broken pallet"',
]
GLUED = re.compile(r"[^\s\d]:(?=\s|$)", re.MULTILINE)
"""A word glued to its colon: followed by a space or the line's end, so neither command
syntax (`ref:PO`, followed by its value) nor a time (17:25, a digit before) matches."""


@pytest.fixture
def console() -> Console:
    store = FakeStore()
    bus = MessageBus(store.uow_factory, FakeClock(), Policy(), retries=1, sleep=lambda s: None)
    made = Console(bus.handle, lambda: date(2026, 11, 23))
    for line in SETUP:
        assert not made.answer(line).startswith(("Refused", "Not understood")), line
    return made


def test_french_desks_put_a_space_before_every_colon(console: Console) -> None:
    with speaking("fr"):
        shown = console.answer("order show SO-00001") + "\n" + console.answer("customer show ACME")
        case = console.answer("case show 1")
    assert GLUED.findall(shown) == [], shown
    assert GLUED.findall(case) == [], case
    assert "réf. : PO-9" in shown, shown
    assert "#2 en attente : 1 x WIDGET" in shown, shown
    assert "Adresse HQ (par défaut) : 1 rue de la Paix" in shown, shown
    assert "Contact Bob : bob@acme.example" in shown, shown
    assert "Note 2026-03-02 root : call before delivery" in shown, shown
    assert re.search(r"\d\d:\d\d root \(console\) : Commande confirmée\.", shown), shown
    assert "/order notify SO-00001" in shown, shown


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "da",
            ["Adresse HQ (standard): 1 rue", "Kontakt Bob: bob@", "ref.: PO-9", "kilde: konsol"],
        ),
        ("en", ["Address HQ (default): 1 rue", "Contact Bob: bob@", "ref: PO-9", "#2 pending: 1"]),
    ],
)
def test_danish_and_english_write_the_colon_after_the_word(
    console: Console, language: str, said: list[str]
) -> None:
    with speaking(language):
        shown = console.answer("order show SO-00001") + "\n" + console.answer("customer show ACME")
    for words in said:
        assert words in shown, shown
