"""What a customer import writes: each customer of the file with the addresses and
contacts it gains, and the judgement kept between check and confirm.

`resolve` makes a `CustomerPlan` from the rows; the store writes it in bulk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.customers import identity
from domain.imports.sessions import RowVerdict

ADDRESS_KEYS = ("address_code", "address_name", "address", "city", "postal_code", "state",
                "country")  # fmt: skip
CONTACT_KEYS = ("contact_name", "contact_phone", "contact_email")


@dataclass(frozen=True, slots=True)
class ExistingAddress:
    """An address the database holds, as a row of the file would write it."""

    id: int
    code: str
    name: str
    street: str
    city: str
    postal_code: str
    state: str
    country: str
    is_default: bool


@dataclass(frozen=True, slots=True)
class ExistingContact:
    """A contact the database holds, as a row of the file would write it."""

    id: int
    name: str
    email: str
    phone: str
    is_default: bool


@dataclass(frozen=True)
class ExistingCustomer:
    """What the database holds of a customer the file names."""

    id: int
    code: str
    name: str
    vat_number: str
    addresses: Mapping[str, ExistingAddress]
    """Lower-cased address code -> the address."""
    contacts: Mapping[str, ExistingContact]
    """`contact_key` (the lower-cased email, else the name) -> the contact."""
    default_address: str | None = None
    default_contact: str | None = None
    """The default contact's lower-cased email (or its name when it has none)."""


def contact_key(email: str, name: str) -> str:
    """What a contact is known by within its customer: its email in lower case (emails are
    compared as the identity rule compares them), else its name, folded."""
    return email.lower() if email else f"name:{identity.fold(name)}"


@dataclass(slots=True)
class AddressRow:
    """An address to insert (`id` None) or update; `is_default` None keeps the flag;
    `row` is the file's row it comes from."""

    code: str
    name: str
    street: str
    city: str
    postal_code: str
    state: str
    country: str
    is_default: bool | None
    id: int | None = None
    row: int = 0
    unchanged: bool = False
    """The customer holds this address as it is: nothing to write."""


@dataclass(slots=True)
class ContactRow:
    """A contact to insert (`id` None) or update; `is_default` None keeps the flag;
    `row` is the file's row it comes from."""

    name: str
    email: str
    phone: str
    is_default: bool | None
    id: int | None = None
    row: int = 0
    unchanged: bool = False
    """The customer holds this contact as it is: nothing to write."""


@dataclass(slots=True)
class CustomerChange:
    """One customer of the file: new (`id` None) or existing, with what it gains."""

    code: str
    name: str
    vat_number: str
    id: int | None = None
    update: bool = False
    addresses: list[AddressRow] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    reset_default_address: bool = False
    reset_default_contact: bool = False


@dataclass
class CustomerPlan:
    """Everything a customer import writes: its customers in the order of their first
    rows."""

    customers: list[CustomerChange] = field(default_factory=list)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(created, updated) counts by what: customers, addresses, contacts."""
        created = {"customers": 0, "addresses": 0, "contacts": 0}
        updated = {"customers": 0, "addresses": 0, "contacts": 0}
        for change in self.customers:
            if change.id is None:
                created["customers"] += 1
            elif change.update:
                updated["customers"] += 1
            for address in change.addresses:
                (created if address.id is None else updated)["addresses"] += 1
            for contact in change.contacts:
                (created if contact.id is None else updated)["contacts"] += 1
        return created, updated


@dataclass(frozen=True)
class KeptPlan:
    """A customer file as judged, kept so that confirmation can write it without judging
    every row again.

    `resolve_customers` depends only on the session's rows (fixed once checked), the
    skipped rows, and what the database holds of the file's codes, emails and VAT numbers
    (`lookups`): while those are equal, so are its verdicts and plan.
    """

    skipped: frozenset[int]
    keys: FileKeys
    lookups: Lookups
    verdicts: list[RowVerdict]
    plan: CustomerPlan

    def holds_for(self, skipped: frozenset[int], lookups: Lookups) -> bool:
        """True when judging again with these inputs would give the same answer."""
        return skipped == self.skipped and lookups == self.lookups


@dataclass(frozen=True)
class FileKeys:
    """The distinct customer codes, contact emails and VAT numbers of a file's rows."""

    codes: list[str]
    emails: list[str]
    vat_numbers: list[str]


@dataclass(frozen=True)
class Lookups:
    """What the database holds of a file's keys: the customers of its codes, the owners
    of its emails (email key -> customer code) and of its VAT numbers (number -> codes)."""

    snapshot: Mapping[str, ExistingCustomer]
    owners: Mapping[str, str] = field(default_factory=dict)
    vat_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
