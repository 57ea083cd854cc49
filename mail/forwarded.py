"""Who sent a web request: the client's address as seen through trusted reverse proxies.

Behind a reverse proxy every request comes from the proxy's address; the proxy names
the client in `X-Forwarded-For`, appending the address it saw to whatever the client
sent. Only a proxy we trust may be believed, and only for the hop it added, so the
client is the right-most address of `peer, X-Forwarded-For...` that is not one of our
trusted proxies (as uvicorn's and gunicorn's `FORWARDED_ALLOW_IPS` do). With no
trusted proxies the header is ignored: anyone could write it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """Comma-separated addresses or CIDR blocks (`10.0.0.0/8, ::1`); ValueError names a bad one."""
    networks = []
    for item in text.replace(";", ",").split(","):
        entry = item.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is not an IP address or CIDR block") from None
    return tuple(networks)


class ClientAddress:
    """Finds the client of a request from its peer address and X-Forwarded-For values."""

    def __init__(self, trusted: Sequence[Network] = ()) -> None:
        self.trusted = tuple(trusted)

    def is_trusted(self, address: str) -> bool:
        """Whether `address` is one of our proxies (a malformed address never is)."""
        try:
            ip = ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in network for network in self.trusted)

    def of(self, peer: str | None, forwarded_for: Iterable[str] = ()) -> str:
        """The client: the right-most hop, from the peer back, that is not a trusted proxy."""
        address = peer or "?"
        if not self.trusted or not self.is_trusted(address):
            return address
        hops = [h.strip() for value in forwarded_for for h in value.split(",")]
        for hop in reversed(hops):
            if not hop:
                continue
            address = hop
            if not self.is_trusted(hop):
                return hop
        return address  # every hop is ours: the left-most one is as far as we can see
