"""Tracking numbers link to their carrier's public page, for the carriers known."""

from __future__ import annotations

import pytest

from mail.outbound.carriers import DEFAULT_CARRIER_URLS, CarrierLinks


@pytest.mark.parametrize(
    ("carrier", "host"),
    [
        ("DHL", "dhl.com"),
        ("dhl express", "dhl.com"),
        ("UPS", "ups.com"),
        ("FedEx", "fedex.com"),
        ("La Poste", "laposte.fr"),
        ("Colissimo", "laposte.fr"),
        ("Chronopost", "chronopost.fr"),
        ("GLS", "gls-group.com"),
        ("DPD", "dpd.de"),
        ("PostNord", "postnord.com"),
    ],
)
def test_the_default_carriers_have_a_page(carrier: str, host: str) -> None:
    url = CarrierLinks().url(carrier, "1Z 999/AA")
    assert url is not None
    assert host in url
    assert url.endswith("1Z%20999%2FAA") or "1Z%20999%2FAA" in url


def test_an_unknown_carrier_or_no_number_gets_no_link() -> None:
    links = CarrierLinks()
    assert links.url("Bring", "123") is None
    assert links.url("DHL", "") is None
    assert links.url(None, "123") is None


def test_the_setting_adds_replaces_and_removes_carriers() -> None:
    links = CarrierLinks(
        {
            "Bring": "https://tracking.bring.com/tracking/{tracking}",
            "UPS": "",
            "DHL": "https://x.test/{tracking}",
        }
    )
    assert links.url("Bring", "77") == "https://tracking.bring.com/tracking/77"
    assert links.url("UPS", "77") is None
    assert links.url("DHL", "77") == "https://x.test/77"
    assert len(DEFAULT_CARRIER_URLS) == 9


def test_a_carrier_url_without_its_placeholder_is_refused() -> None:
    from settings import Settings

    with pytest.raises(ValueError, match="Bring"):
        Settings(carrier_urls={"Bring": "https://tracking.bring.com/"})
