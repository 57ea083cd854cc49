"""The tracking page's timeline in the customer's language: a shipment's status changes are
worded for them; a rescheduling or a correction keeps its text rather than being worded
as a status it is not."""

from __future__ import annotations

from mail.tracking import present

AT = "2026-11-23T09:00:00+00:00"


def test_a_rescheduled_or_corrected_shipment_is_not_worded_as_a_status() -> None:
    data = {
        "language": "fr",
        "currency": "EUR",
        "status": "confirmed",
        "shipments": [],
        "lines": [],
        "totals": {"gross": "0.00"},
        "timeline": [
            {"at": AT, "kind": "shipment_shipped", "text": "Shipment 1 shipped with DHL."},
            {"at": AT, "kind": "shipment_planned", "text": "Shipment 2 planned for 2026-12-20."},
            {"at": AT, "kind": "shipment_corrected", "text": "Shipment 1 corrected: tracking."},
        ],
    }
    shown = [e["text"] for e in present(data, 5)["timeline"]]
    assert shown[0] == "Shipment 1 corrected: tracking."
    assert shown[1] == "Shipment 2 planned for 2026-12-20."
    assert "en route" in shown[2]
