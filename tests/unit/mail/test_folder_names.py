"""Folder names in IMAP's modified UTF-7 (RFC 3501 §5.1.3) and the quarantine's place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mail.inbound.quarantine import in_namespace
from mail.inbound.utf7 import FolderNameError, decode_folder, encode_folder


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("INBOX", "INBOX"),
        ("Commandes reçues", "Commandes re&AOc-ues"),
        ("Ordrer/Bestillinger æøå", "Ordrer/Bestillinger &AOYA+ADl-"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  # RFC 3501's example
        ("📦 Orders", "&2D3c5g- Orders"),  # outside the BMP: a surrogate pair
    ],
)
def test_names_encode_as_rfc_3501_says_and_round_trip(name: str, wire: str) -> None:
    assert encode_folder(name) == wire
    assert decode_folder(wire) == name


@given(st.text())
def test_every_name_round_trips_through_ascii(name: str) -> None:
    wire = encode_folder(name)
    assert wire.isascii()
    assert decode_folder(wire) == name


@pytest.mark.parametrize("wire", ["Bad &AOc", "Bad &A!c-"])
def test_a_malformed_name_from_the_server_is_refused(wire: str) -> None:
    with pytest.raises(FolderNameError, match="folder name"):
        decode_folder(wire)


@pytest.mark.parametrize(
    ("name", "prefix", "full"),
    [
        ("Quarantine", "", "Quarantine"),
        ("Quarantine", "INBOX.", "INBOX.Quarantine"),
        ("INBOX.Quarantine", "INBOX.", "INBOX.Quarantine"),  # already inside
        ("inbox.Quarantine", "INBOX.", "inbox.Quarantine"),  # INBOX in any case
        ("Commandes reçues", "INBOX.", "INBOX.Commandes reçues"),
        ("Quarantine", "#mail/", "#mail/Quarantine"),
    ],
)
def test_the_quarantine_folder_lies_in_the_personal_namespace(
    name: str, prefix: str, full: str
) -> None:
    assert in_namespace(name, prefix) == full
