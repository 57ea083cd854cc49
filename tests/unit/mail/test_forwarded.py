"""The client of a web request as seen through trusted proxies (TRUSTED_PROXIES)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mail.forwarded import ClientAddress, parse_networks
from settings import Settings

PROXIES = ClientAddress(parse_networks("127.0.0.1, 10.0.0.0/8, fd00::/8"))


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert ClientAddress().of("127.0.0.1", ["203.0.113.7"]) == "127.0.0.1"


def test_a_peer_we_do_not_trust_is_the_client_whatever_it_writes() -> None:
    assert PROXIES.of("198.51.100.2", ["203.0.113.7"]) == "198.51.100.2"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        (["203.0.113.7"], "203.0.113.7"),
        # the client's own made-up entries come first; the proxy's hop is the last one
        (["1.1.1.1, 2.2.2.2, 203.0.113.7"], "203.0.113.7"),
        # two proxies of ours: skip both
        (["203.0.113.7, 10.1.2.3"], "203.0.113.7"),
        (["203.0.113.7", "10.1.2.3"], "203.0.113.7"),  # the header given twice
        (["garbage, 203.0.113.7"], "203.0.113.7"),
        (["203.0.113.7, garbage"], "garbage"),  # what the proxy saw, however odd
        (["2001:db8::1, fd00::5"], "2001:db8::1"),
        (["10.0.0.1, 10.0.0.2"], "10.0.0.1"),  # only our own: the left-most
        ([], "127.0.0.1"),
        ([" , "], "127.0.0.1"),
    ],
)
def test_the_client_is_the_right_most_untrusted_hop(forwarded: list[str], client: str) -> None:
    assert PROXIES.of("127.0.0.1", forwarded) == client


def test_an_ipv4_mapped_peer_is_trusted_like_its_ipv4() -> None:
    assert PROXIES.of("::ffff:127.0.0.1", ["203.0.113.7"]) == "203.0.113.7"


def test_no_peer_is_one_unknown_client() -> None:
    assert PROXIES.of(None, ["203.0.113.7"]) == "?"


def test_a_bad_entry_is_named() -> None:
    with pytest.raises(ValueError, match=r"'10\.0\.0\.300' is not an IP address or CIDR block"):
        parse_networks("127.0.0.1, 10.0.0.300")
    with pytest.raises(ValidationError, match=r"'proxy\.local' is not an IP address"):
        Settings(_env_file=None, trusted_proxies="127.0.0.1, proxy.local")
    assert Settings(_env_file=None, trusted_proxies="127.0.0.1; ::1").trusted_proxies
