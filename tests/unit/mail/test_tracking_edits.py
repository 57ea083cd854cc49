"""The tracking page's timeline in the customer's language: each public entry is worded
for the customer by its kind (a rescheduling as a planned date, a correction as a
correction, never as a status it is not), and nothing internal shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from domain.text_data import sentence_data
from domain.text_values import Amount, Day, Quantity
from domain.texts import _
from mail.tracking import present

AT = "2026-11-23T09:00:00+00:00"


def _timeline(language: str, entries: list[dict[str, str]]) -> list[str]:
    data = {
        "language": language,
        "currency": "EUR",
        "status": "confirmed",
        "shipments": [{"number": 1, "status": "shipped", "carrier": "DHL", "products": []}],
        "lines": [],
        "totals": {"gross": "0.00"},
        "timeline": [{"at": AT, **e} for e in entries],
    }
    return [e["text"] for e in present(data, 5)["timeline"]]


def test_a_rescheduled_or_corrected_shipment_is_not_worded_as_a_status() -> None:
    shown = _timeline(
        "fr",
        [
            {"kind": "shipment_shipped", "text": "Shipment 1 shipped with DHL."},
            {"kind": "shipment_planned", "text": "Shipment 2 planned for 2026-12-20."},
            {"kind": "shipment_corrected", "text": "Shipment 1 corrected: tracking."},
        ],
    )
    assert shown == [
        "Le transporteur ou le numéro de suivi de l'envoi 1 a été corrigé.",
        "L'envoi 2 est prévu pour le 20 décembre 2026.",
        "L'envoi 1 est en route avec DHL.",
    ]


def test_the_history_says_nothing_internal_and_amounts_carry_their_currency() -> None:
    shown = _timeline(
        "en",
        [
            {"kind": "created", "text": "Order created (console) with 2 line(s)."},
            {"kind": "order_confirmed", "text": "Order confirmed."},
            {"kind": "invoiced", "text": "Invoice INV-00001 made (104.76)."},
            {"kind": "returned", "text": "Return RET-00001: 2 x WIDGET-A."},
            {"kind": "something_new", "text": "Internal detail of a future kind."},
        ],
    )
    assert shown == [
        "We received your return of 2 \u00d7 WIDGET-A.",
        "Invoice INV-00001 was issued for €104.76.",
        "Your order is now confirmed.",
        "We received your order.",
    ]


def test_the_danish_history_is_danish() -> None:
    shown = _timeline("da", [{"kind": "created", "text": "Order created (email) with 1 line(s)."}])
    assert shown == ["Vi har modtaget din ordre."]


def test_entries_kept_as_sentences_give_their_facts_by_name() -> None:
    invoiced = _(
        "Invoice {invoice} made ({amount}).", invoice="INV-7", amount=Amount(D("1234.5"), "EUR")
    )
    planned = _("Shipment {number} planned for {date}.", number=2, date=Day(date(2026, 12, 20)))
    returned = _(
        "Return {code}: {quantity} x {product}.",
        code="R-1",
        quantity=Quantity(D("2.5")),
        product="NUT",
    )
    kinds = {"invoiced": invoiced, "shipment_planned": planned, "returned": returned}
    entries = [
        {"kind": kind, "text": str(said), "sentence": sentence_data(said)}
        for kind, said in kinds.items()
    ]
    assert _timeline("fr", entries) == [
        "Nous avons bien reçu votre retour de 2,5 \u00d7 NUT.",
        "L'envoi 2 est prévu pour le 20 décembre 2026.",
        "La facture INV-7 a été émise pour 1\u202f234,50\u00a0€.",
    ]


def test_the_history_tells_the_time_of_the_teams_time_zone() -> None:
    """A moment stored in UTC is shown in TIMEZONE's time: 09:00 UTC in November is
    10:00 in Copenhagen and in Paris."""
    data = {
        "language": "da",
        "currency": "DKK",
        "status": "confirmed",
        "shipments": [],
        "lines": [],
        "totals": {"gross": "0.00"},
        "timeline": [
            {"at": AT, "kind": "created", "text": "Order created (email) with 1 line(s)."}
        ],
    }
    (entry,) = present(data, 5, zone=ZoneInfo("Europe/Copenhagen"))["timeline"]
    assert entry["at_text"] == "23. nov. 2026 10.00.00"
    assert entry["at"] == AT  # the JSON keeps the stored moment
