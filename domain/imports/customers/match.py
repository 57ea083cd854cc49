"""A customer row against what its customer already holds: which address a row without
an address code means, and what a row would change in an address or a contact.

An address without a code is the customer's address with the same street, postal code
and city, compared folded (`identity.fold`: case, accents, spaces and punctuation
aside); when those three are empty, its name, state and country must match too. What a
row changes is compared exactly, field by field, as the row would write it: a row that
changes nothing is not written, so importing a file twice leaves the database as the
first import made it.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.customers import identity
from domain.imports.customers.plan import (
    AddressRow,
    ContactRow,
    ExistingAddress,
    ExistingContact,
    ExistingCustomer,
)
from domain.imports.sessions import Value

AddressKey = tuple[str, ...]
_WORDS = {"postal_code": "postal code", "street": "address"}
_ADDRESS_FIELDS = ("name", "street", "city", "postal_code", "state", "country")


def _text(value: Value) -> str:
    return "" if value is None else str(value)


def address_key(values: Mapping[str, Value]) -> AddressKey:
    """What an address without a code is recognised by (see the module's docstring)."""
    place = tuple(identity.fold(_text(values[key])) for key in ("address", "postal_code", "city"))
    if any(place):
        return place
    return place + tuple(
        identity.fold(_text(values[key])) for key in ("address_name", "state", "country")
    )


def _existing_key(address: ExistingAddress) -> AddressKey:
    return address_key({
        "address": address.street, "postal_code": address.postal_code, "city": address.city,
        "address_name": address.name, "state": address.state, "country": address.country,
    })  # fmt: skip


def codeless_address(
    existing: ExistingCustomer | None, values: Mapping[str, Value]
) -> ExistingAddress | None:
    """The existing address a row without an address code means, if any."""
    if existing is None or not existing.addresses:
        return None
    key = address_key(values)
    return next((a for a in existing.addresses.values() if _existing_key(a) == key), None)


def address_changes(existing: ExistingAddress, row: AddressRow) -> list[str]:
    """What writing `row` over `existing` changes, in words (none: nothing)."""
    return [
        f"{_WORDS.get(name, name)} {getattr(existing, name) or '-'!r} -> "
        f"{getattr(row, name) or '-'!r}"
        for name in _ADDRESS_FIELDS
        if getattr(existing, name) != getattr(row, name)
    ]


def contact_changes(existing: ExistingContact, row: ContactRow) -> list[str]:
    """What writing `row` over `existing` changes, in words (none: nothing)."""
    return [
        f"{name} {getattr(existing, name) or '-'!r} -> {getattr(row, name) or '-'!r}"
        for name in ("name", "email", "phone")
        if getattr(existing, name) != getattr(row, name)
    ]


def free_address_code(taken: set[str]) -> str:
    """MAIN for a customer's first address, then ADDR2, ADDR3... (lower-cased codes
    `taken` are not used)."""
    if not taken:
        return "MAIN"
    number = len(taken) + 1
    while f"addr{number}" in taken:
        number += 1
    return f"ADDR{number}"
