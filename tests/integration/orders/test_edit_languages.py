"""An order's edits read in the reader's language, every word of them: a French and a
Danish rep read a line's price, discount and quantity changes, the header fields
changed, the work orders replaced, a shipment's carrier and tracking corrections, the
auto-close rule and the documents sent in their language, in `order show` and `--json`,
with no English left; the stored English stays as it always read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import bootstrap
from bot.console import Console
from bot.views.json import to_json
from bot.views.text import render
from domain import commands as c
from domain.services.views import OrderView
from l10n.translation import speaking
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import load_catalogue

EDITS = [
    "order new ACME WIDGET-A 10 GADGET 3 confirm",
    "order change SO-00001 1 qty:12 price:11.00 discount:5%",
    "order change SO-00001 2 discount:1.50",
    "order set SO-00001 due:2026-04-01 terms:NET30 ship-to:DEPOT",
    "order workorders SO-00001 per-shipment",
    "order workorders SO-00001 all",
    "order ship SO-00001 carrier:DHL",
    "order ship SO-00001 1 tracking:1Z998",
    "order ship SO-00001 1 carrier:UPS tracking:1Z997",
    "order invoice SO-00001",
    "order send SO-00001 confirmation",
    "invoice send INV-00001",
]
SAID = {
    "fr": [
        (
            "Ligne 1 (WIDGET-A) : prix 12,50\u00a0€ -> 11,00\u00a0€, remise 0\u00a0% -> 5\u00a0% "
            "et quantité 10 -> 12."
        ),
        "Ligne 2 (GADGET) : remise 0\u00a0% -> 1,50\u00a0€.",
        "Modifié : date d\u2019échéance, conditions de paiement et livrer à.",
        (
            "Bon de préparation WO-00001 annulé, remplacé par un bon de préparation pour tous "
            "les produits."
        ),
        "Expédition 1 corrigée : suivi (aucun) -> 1Z998.",
        "Expédition 1 corrigée : transporteur DHL -> UPS et suivi 1Z998 -> 1Z997.",
        "Commande clôturée : clôturée automatiquement (une fois entièrement expédiée et facturée).",
        "Confirmation SO-00001 envoyée à buyer@acme.test.",
        "Facture INV-00001 envoyée à buyer@acme.test.",
    ],
    "da": [
        (
            "Linje 1 (WIDGET-A): pris 12,50\u00a0€ -> 11,00\u00a0€, rabat 0\u00a0% -> 5\u00a0% "
            "og antal 10 -> 12."
        ),
        "Linje 2 (GADGET): rabat 0\u00a0% -> 1,50\u00a0€.",
        "Ændret: forfaldsdato, betalingsbetingelser og lever til.",
        "Plukseddel WO-00001 annulleret, erstattet af én plukseddel for alle varer.",
        "Forsendelse 1 rettet: sporing (intet) -> 1Z998.",
        "Forsendelse 1 rettet: fragtfirma DHL -> UPS og sporing 1Z998 -> 1Z997.",
        "Ordre lukket: lukket automatisk (når den er fuldt afsendt og faktureret).",
        "Ordrebekræftelse SO-00001 sendt til buyer@acme.test.",
        "Faktura INV-00001 sendt til buyer@acme.test.",
    ],
}
ENGLISH = (
    "Line", "price", "discount", "quantity", "Changed", "due date", "payment terms",
    "ship to", "replaced", "corrected", "tracking", "carrier", "(none)", "closed",
    "automatically", "sent to", "Invoice",
)  # fmt: skip


@pytest.fixture
def edited(make_app: AppFactory, sqlite_url: str, tmp_path: Path) -> OrderView:
    app: bootstrap.App = make_app(
        sqlite_url,
        mail_from="Orders <orders@shop.test>",
        public_url="https://shop.test",
        secret_key="test-secret-" + "x" * 24,
        outbox_dir=tmp_path / "outbox",
    )
    load_catalogue(app)
    rep = Console(app.bus.handle, lambda: date(2026, 3, 2), actor="rep")
    for line in EDITS:
        answer = rep.answer(line)
        assert not answer.startswith(("Refused", "Not understood")), (line, answer)
    view: OrderView = app.bus.handle(c.ShowOrder(code="SO-00001"))
    return view


@pytest.mark.parametrize("language", ["fr", "da"])
def test_an_edited_order_reads_with_no_english(edited: OrderView, language: str) -> None:
    with speaking(language):
        shown = render(edited)
        data = to_json(edited)
    said = [e["text"] for e in data["timeline"]]
    for sentence in SAID[language]:
        assert sentence in said, (sentence, said)
        assert f": {sentence}" in shown, sentence
    leaks = [(word, text) for text in said for word in ENGLISH if word in text]
    assert leaks == []


def test_the_stored_english_reads_as_it_always_did(edited: OrderView) -> None:
    english = [e.text for e in edited.order.timeline]
    assert "Line 1 (WIDGET-A): price 12.50 -> 11.00, discount 0% -> 5%, quantity 10 -> 12." in (
        english
    )
    assert "Line 2 (GADGET): discount 0% -> 1.50." in english
    assert "Changed due date, payment terms, ship to." in english
    assert "Shipment 1 corrected: tracking (none) -> 1Z998." in english
    assert "Order closed: closed automatically (on_both)." in english
    assert "Work order WO-00001 cancelled, replaced by all work orders." in english
    assert "Invoice INV-00001 sent to buyer@acme.test." in english
