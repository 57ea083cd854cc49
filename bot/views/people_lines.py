"""A customer's addresses and contacts as lines: one whole sentence per kind of line
(default or not), so that a translation places the mark and the colon its own way."""

from __future__ import annotations

from domain.customers.contacts import Contact
from domain.customers.customer import Customer
from l10n.translation import gettext


def address_lines(cu: Customer) -> list[str]:
    """Each address, named as such, with its one-line form (the console's desk)."""
    return [
        gettext("Address {code} (default): {address}", code=a.code, address=a.one_line())
        if a.is_default
        else gettext("Address {code}: {address}", code=a.code, address=a.one_line())
        for a in cu.addresses
    ]


def contact_lines(cu: Customer) -> list[str]:
    """Each contact, named as such, with its email and phone (the console's desk)."""
    return [
        gettext("Contact {name} (default): {reach}", name=ct.name, reach=_reach(ct))
        if ct.is_default
        else gettext("Contact {name}: {reach}", name=ct.name, reach=_reach(ct))
        for ct in cu.contacts
    ]


def card_address_lines(cu: Customer) -> list[str]:
    """Each address under a title that says they are addresses (a Slack card)."""
    return [
        # Translators: an address's code and the address, under the title "Addresses".
        gettext("{code} (default): {address}", code=a.code, address=a.one_line())
        if a.is_default
        else gettext("{code}: {address}", code=a.code, address=a.one_line())
        for a in cu.addresses
    ]


def card_contact_lines(cu: Customer) -> list[str]:
    """Each contact under a title that says they are contacts (a Slack card)."""
    return [
        # Translators: a contact's name and their email and phone, under "Contacts".
        gettext("{name} (default): {reach}", name=ct.name, reach=_reach(ct))
        if ct.is_default
        else gettext("{name}: {reach}", name=ct.name, reach=_reach(ct))
        for ct in cu.contacts
    ]


def _reach(ct: Contact) -> str:
    return " · ".join(x for x in (ct.email, ct.phone) if x)
