"""An order's refusals read in the reader's language at the console: a French and a
Danish rep read why a draft cannot ship, why an order cannot merge with itself and why
a line's discount is out of bounds (the field named in their words), with no English
left; an English rep reads them as they always read."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console import Console
from l10n.translation import speaking
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import load_catalogue

REFUSED = [
    "order ship SO-00001",
    "order merge SO-00001 SO-00001",
    "order new ACME WIDGET-A 2 -120%",
]
SAID = {
    "en": [
        "Refused: SO-00001 is draft; only a confirmed order can ship (confirm it first).",
        "Refused: SO-00001 cannot be merged with itself.",
        "Refused: discount 120 is out of bounds: between 0 and 100 with at most 2 decimals.",
    ],
    "fr": [
        (
            "Refusé : SO-00001 est en brouillon ; seule une commande confirmée peut être "
            "expédiée (confirmez-la d'abord)."
        ),
        "Refusé : SO-00001 ne peut pas être fusionnée avec elle-même.",
        "Refusé : remise 120 hors limites : entre 0 et 100 avec au plus 2 décimales.",
    ],
    "da": [
        "Afvist: SO-00001 er kladde; kun en bekræftet ordre kan afsendes (bekræft den først).",
        "Afvist: SO-00001 kan ikke flettes med sig selv.",
        "Afvist: rabat 120 er uden for grænserne: mellem 0 og 100 med højst 2 decimaler.",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr", "da"])
def test_an_order_refusal_reads_in_the_reader_language(
    make_app: AppFactory, sqlite_url: str, language: str
) -> None:
    app = make_app(sqlite_url)
    load_catalogue(app)
    rep = Console(app.bus.handle, lambda: date(2026, 3, 2), actor="rep")
    assert rep.answer("order new ACME WIDGET-A 2").startswith("Created SO-00001")
    with speaking(language):
        answers = [rep.answer(line).splitlines()[0] for line in REFUSED]
    assert answers == SAID[language]
