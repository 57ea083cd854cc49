"""Customers with their addresses, contacts and notes.

Emails, VAT numbers, countries, phones and postal codes are kept in the forms the
identity rule (`domain.customers.identity`) gives them, as every door checks them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.customers import identity
from domain.errors import NotFound, ValidationFailed
from domain.events import CustomerCreated, CustomerUpdated, EventRecorder


@dataclass(eq=False)
class Address:
    """A postal address of a customer; `code` is unique within the customer."""

    code: str
    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    state: str = ""
    country: str = ""
    is_default: bool = False
    id: int | None = None

    def one_line(self) -> str:
        """The address on one line, for cards and mails."""
        parts = [self.name, self.street, f"{self.postal_code} {self.city}".strip(), self.state]
        return ", ".join(p for p in [*parts, self.country] if p)


@dataclass(eq=False)
class Contact:
    """A person to talk to at the customer; orders by email come from these addresses."""

    name: str
    email: str = ""
    phone: str = ""
    is_default: bool = False
    id: int | None = None
    email_key: str | None = None
    """The address as compared (`identity.email_key`); None without one. The database
    holds one contact at most per key."""

    def __post_init__(self) -> None:
        self.email_key = identity.email_key(self.email) if self.email else None


@dataclass(eq=False)
class Note:
    """A timestamped remark about the customer."""

    at: datetime
    author: str
    text: str
    id: int | None = None


@dataclass(eq=False)
class Customer(EventRecorder):
    """A customer: the buyer of sales orders."""

    code: str
    name: str
    vat_number: str = ""
    language: str = "en"
    created_at: datetime | None = None
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def create(
        cls, code: str, name: str, now: datetime, vat_number: str = "", language: str = "en"
    ) -> Customer:
        """A new customer, refusing a missing code or name."""
        code, name = code.strip(), name.strip()
        if not code:
            raise ValidationFailed.field("code", "a customer needs a code", "customer.code_missing")
        if not name:
            raise ValidationFailed.field("name", "a customer needs a name", "customer.name_missing")
        if any(c.isspace() for c in code):
            raise ValidationFailed.field(
                "code", f"{code!r} has spaces; codes are one word", "customer.code_invalid"
            )
        vat_number = identity.vat_number(vat_number)
        customer = cls(
            code=code, name=name, vat_number=vat_number, language=language, created_at=now
        )
        customer.record(CustomerCreated(code))
        return customer

    def address(self, code: str) -> Address:
        """The address with this code (case-insensitive)."""
        for address in self.addresses:
            if address.code.lower() == code.lower():
                return address
        known = ", ".join(a.code for a in self.addresses) or "none yet"
        raise NotFound("address", f"{code} for customer {self.code} (known: {known})")

    def default_address(self) -> Address | None:
        """The default address, if the customer has addresses."""
        return next((a for a in self.addresses if a.is_default), None)

    def default_contact(self) -> Contact | None:
        """The default contact, if the customer has contacts."""
        return next((c for c in self.contacts if c.is_default), None)

    def contact_emails(self) -> set[str]:
        """The email addresses of all contacts, as compared (`identity.email_key`)."""
        return {identity.email_key(c.email) for c in self.contacts if c.email}

    def country(self) -> str:
        """The country of the default address (else of the first address that has one):
        where the customer's national phone numbers are read."""
        default = self.default_address()
        found = [default] if default is not None and default.country else []
        found += [a for a in self.addresses if a.country]
        return found[0].country if found else ""

    def add_address(self, address: Address, make_default: bool = False) -> None:
        """Add an address (its country and postal code checked by the identity rule); the
        first one, or one asked to be, becomes the only default."""
        address.country = identity.country(address.country)
        address.postal_code = identity.postal_code(address.postal_code)
        if any(a.code.lower() == address.code.lower() for a in self.addresses):
            raise ValidationFailed.field(
                "address_code",
                f"customer {self.code} already has an address {address.code}",
                "customer.address_duplicate",
            )
        make_default = make_default or not self.addresses
        self.addresses.append(address)
        address.is_default = False
        if make_default:
            self.set_default_address(address.code)
        self.record(CustomerUpdated(self.code, f"address {address.code} added"))

    def set_default_address(self, code: str) -> None:
        """Make the address with `code` the one default address."""
        chosen = self.address(code)
        for address in self.addresses:
            address.is_default = address is chosen

    def add_contact(self, contact: Contact, make_default: bool = False) -> None:
        """Add a contact (its email and phone checked by the identity rule, a national
        phone read in the customer's country); the first one, or one asked to be, becomes
        the only default. That no other customer has the address is the service's check."""
        contact.email = identity.email(contact.email)
        contact.email_key = identity.email_key(contact.email) if contact.email else None
        contact.phone = identity.phone(contact.phone, self.country())
        if contact.email_key and contact.email_key in self.contact_emails():
            raise ValidationFailed.field(
                "email",
                f"customer {self.code} already has a contact with {contact.email}",
                "customer.contact_duplicate",
            )
        make_default = make_default or not self.contacts
        self.contacts.append(contact)
        for existing in self.contacts:
            existing.is_default = existing is contact if make_default else existing.is_default
        self.record(CustomerUpdated(self.code, f"contact {contact.name} added"))

    def remove_contact(self, name: str, email: str = "") -> Contact:
        """Remove the contact with this address when one is given (and this name, if
        several have the address), else with this name (case-insensitive); the first one
        left becomes the default if the removed one was."""
        key = identity.email_key(email) if email.strip() else None
        named = [c for c in self.contacts if c.name.strip().lower() == name.strip().lower()]
        found = [c for c in self.contacts if c.email_key == key] if key else named
        if len(found) > 1 and key:
            found = [c for c in found if c in named] or found
        if not found:
            known = ", ".join(c.name for c in self.contacts) or "none yet"
            raise NotFound("contact", f"{email or name} of customer {self.code} (known: {known})")
        if len(found) > 1:
            raise ValidationFailed.field(
                "name",
                f"customer {self.code} has {len(found)} contacts named {found[0].name}; say "
                "which with email:",
                "contact.ambiguous",
            )
        contact = found[0]
        self.contacts.remove(contact)
        if contact.is_default and self.contacts:
            self.contacts[0].is_default = True
        self.record(CustomerUpdated(self.code, f"contact {contact.name} removed"))
        return contact

    def add_note(self, text: str, author: str, now: datetime) -> Note:
        """Add a timestamped note."""
        text = text.strip()
        if not text:
            raise ValidationFailed.field("text", "the note is empty", "customer.note_empty")
        note = Note(at=now, author=author, text=text)
        self.notes.append(note)
        self.record(CustomerUpdated(self.code, "note added"))
        return note

    def rename(self, name: str, vat_number: str | None = None) -> list[str]:
        """Change name and VAT number; returns what changed, in words."""
        changes = []
        if name and name != self.name:
            changes.append(f"name {self.name!r} -> {name!r}")
            self.name = name
        if vat_number is not None:
            vat_number = identity.vat_number(vat_number)
        if vat_number is not None and vat_number != self.vat_number:
            changes.append(f"VAT number {self.vat_number or '-'} -> {vat_number or '-'}")
            self.vat_number = vat_number
        if changes:
            self.record(CustomerUpdated(self.code, "; ".join(changes)))
        return changes
