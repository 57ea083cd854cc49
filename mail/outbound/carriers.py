"""Links from a shipment's tracking number to its carrier's public tracking page.

A carrier is recognised by its name as the rep typed it, compared without case, spaces
or punctuation, by its start ("DHL Express" is DHL's, "colissimo" Colissimo's). The
`CARRIER_URLS` setting adds carriers to the defaults or replaces one's URL; a URL holds
`{tracking}` where the tracking number goes (URL-encoded). An unknown carrier's number
stays plain text: a link to the wrong carrier is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

DEFAULT_CARRIER_URLS: dict[str, str] = {
    "DHL": "https://www.dhl.com/global-en/home/tracking/tracking-express.html"
    "?submit=1&tracking-id={tracking}",
    "UPS": "https://www.ups.com/track?tracknum={tracking}",
    "FedEx": "https://www.fedex.com/fedextrack/?trknbr={tracking}",
    "La Poste": "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}",
    "Colissimo": "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}",
    "Chronopost": "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={tracking}",
    "GLS": "https://gls-group.com/track/{tracking}",
    "DPD": "https://tracking.dpd.de/status/en_US/parcel/{tracking}",
    "PostNord": "https://tracking.postnord.com/?id={tracking}",
}

_NOT_A_LETTER = re.compile(r"[^0-9a-z]+")


def _key(name: str) -> str:
    return _NOT_A_LETTER.sub("", name.lower())


class CarrierLinks:
    """The tracking URL templates of the known carriers."""

    def __init__(self, urls: Mapping[str, str] | None = None) -> None:
        merged = {**DEFAULT_CARRIER_URLS, **(urls or {})}
        # the longest names first, so "La Poste Pro" would win over "La Poste"
        self._urls = sorted(
            ((_key(name), url) for name, url in merged.items() if _key(name) and url),
            key=lambda item: -len(item[0]),
        )

    def url(self, carrier: str | None, tracking: str | None) -> str | None:
        """The public tracking page of `tracking` at `carrier`, or None when unknown."""
        if not carrier or not tracking:
            return None
        name = _key(carrier)
        for key, template in self._urls:
            if name.startswith(key):
                return template.replace("{tracking}", quote(tracking.strip(), safe=""))
        return None
