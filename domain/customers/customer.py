"""Customers with their addresses, contacts and notes, and the verbs that edit them.

Emails, VAT numbers, countries, phones and postal codes are kept in the forms the
identity rule (`domain.customers.identity`) gives them, as every door checks them. Each
verb records what it changed, in words (`CustomerUpdated`); the customer's history keeps
those words with who asked (`domain.customers.history`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from domain import bounds
from domain.customers import identity
from domain.customers.missing import no_address, no_contact
from domain.errors import ValidationFailed
from domain.events import CustomerCreated, CustomerUpdated, EventRecorder
from domain.texts import _

LANGUAGES = ("en", "fr", "da")
"""The languages customers are written to in (mails fall back to English for a language
they have no words in yet)."""
ADDRESS_FIELDS = {"name": bounds.NAME, "street": bounds.STREET, "city": bounds.CITY,
                  "postal_code": bounds.POSTAL_CODE, "state": bounds.STATE,
                  "country": bounds.COUNTRY}  # fmt: skip
"""The fields of an address a person edits, with the width of their column."""
_WORDS = {"vat_number": "VAT number", "postal_code": "postal code"}
"""How a change names a field whose attribute name is not a word."""


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
    language: str | None = None
    """The language orderbot writes to the customer in; None until it is chosen (by a
    person, or by the first mail the customer writes): then the default language."""
    created_at: datetime | None = None
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def create(
        cls, code: str, name: str, now: datetime, vat_number: str = "",
        language: str | None = None,
    ) -> Customer:  # fmt: skip
        """A new customer, refusing a missing code or name."""
        code, name = code.strip(), name.strip()
        if not code:
            raise ValidationFailed.field(
                "code", _("a customer needs a code"), "customer.code_missing"
            )
        if not name:
            raise ValidationFailed.field(
                "name", _("a customer needs a name"), "customer.name_missing"
            )
        if any(c.isspace() for c in code):
            raise ValidationFailed.field(
                "code",
                _("{code} has spaces; codes are one word", code=repr(code)),
                "customer.code_invalid",
            )
        vat_number = identity.vat_number(vat_number)
        language = customer_language(language) if language is not None else None
        customer = cls(
            code=code, name=name, vat_number=vat_number, language=language, created_at=now
        )
        customer.record(CustomerCreated(code))
        return customer

    def address(self, code: str) -> Address:
        """The address with this code (case-insensitive)."""
        return address_of(self.code, self.addresses, code)

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

    # --- details ---------------------------------------------------------------------

    def set_details(
        self, name: str | None = None, vat_number: str | None = None, language: str | None = None
    ) -> list[str]:
        """Change the name, VAT number (the identity rule's) or language; what changed,
        in words. Nothing changes when one of them is refused."""
        if name is not None and not name.strip():
            raise ValidationFailed.field(
                "name", _("a customer needs a name"), "customer.name_missing"
            )
        changes = _apply(
            self,
            {
                "name": name.strip() if name is not None else None,
                "vat_number": identity.vat_number(vat_number) if vat_number is not None else None,
                "language": customer_language(language) if language is not None else None,
            },
        )
        if changes:
            self.record(CustomerUpdated(self.code, "; ".join(changes)))
        return changes

    def learn_language(self, language: str) -> bool:
        """Take the language the customer was found writing in, when none was ever chosen
        for them; True when it was taken."""
        if self.language is not None or language not in LANGUAGES:
            return False
        self.language = language
        self.record(CustomerUpdated(self.code, f"language {language} (read from their mail)"))
        return True

    # --- addresses -------------------------------------------------------------------

    def add_address(self, address: Address, make_default: bool = False) -> None:
        """Add an address (its country and postal code checked by the identity rule); the
        first one, or one asked to be, becomes the only default."""
        for attr in ADDRESS_FIELDS:
            setattr(address, attr, _address_value(attr, getattr(address, attr)))
        address.postal_code = identity.postal_code(address.postal_code, country=address.country)
        if any(a.code.lower() == address.code.lower() for a in self.addresses):
            raise ValidationFailed.field(
                "address_code",
                _(
                    "customer {customer} already has an address {address}",
                    customer=self.code,
                    address=address.code,
                ),
                "customer.address_duplicate",
            )
        make_default = make_default or not self.addresses
        self.addresses.append(address)
        address.is_default = False
        if make_default:
            self._make_default(address)
        self.record(CustomerUpdated(self.code, f"address {address.code} added"))

    def update_address(
        self, code: str, values: dict[str, str], make_default: bool = False
    ) -> list[str]:
        """Change fields of the address with `code` (`values` by field name, "" clears
        one), checked as `add_address` checks them; what changed, in words."""
        address = self.address(code)
        checked = {attr: _address_value(attr, value) for attr, value in values.items()}
        if "postal_code" in checked or "country" in checked:  # the code in its country
            postal = checked.get("postal_code", address.postal_code)
            country = checked.get("country", address.country)
            identity.postal_code(postal, country=country)
        changes = _apply(address, dict(checked))
        if make_default and not address.is_default:
            self._make_default(address)
            changes.append("now the default address")
        if changes:
            self.record(CustomerUpdated(self.code, f"address {address.code}: {'; '.join(changes)}"))
        return changes

    def set_default_address(self, code: str) -> bool:
        """Make the address with `code` the one default address; False if it was."""
        chosen = self.address(code)
        if chosen.is_default:
            return False
        self._make_default(chosen)
        self.record(CustomerUpdated(self.code, f"address {chosen.code} is now the default"))
        return True

    def _make_default(self, chosen: Address) -> None:
        for address in self.addresses:
            address.is_default = address is chosen

    def remove_address(self, code: str) -> Address:
        """Remove the address with `code`; when it was the default, the first one left
        becomes the default (`default_address()` says which, or None when none is left).
        That no open order uses it is the service's check."""
        address = self.address(code)
        self.addresses.remove(address)
        what = f"address {address.code} removed"
        if address.is_default and self.addresses:
            self._make_default(self.addresses[0])
            what += f"; {self.addresses[0].code} is now the default"
        self.record(CustomerUpdated(self.code, what))
        return address

    # --- contacts --------------------------------------------------------------------

    def add_contact(self, contact: Contact, make_default: bool = False) -> None:
        """Add a contact (its email and phone checked by the identity rule, a national
        phone read in the customer's country); the first one, or one asked to be, becomes
        the only default. That no other customer has the address is the service's check."""
        contact.email = identity.email(contact.email)
        contact.email_key = identity.email_key(contact.email) if contact.email else None
        contact.phone = identity.phone(contact.phone, self.country())
        self._refuse_twice(contact.email_key, contact.email)
        make_default = make_default or not self.contacts
        self.contacts.append(contact)
        for existing in self.contacts:
            existing.is_default = existing is contact if make_default else existing.is_default
        self.record(CustomerUpdated(self.code, f"contact {contact.name} added"))

    def _refuse_twice(self, key: str | None, email: str, but: Contact | None = None) -> None:
        """Refuse an address another contact of this customer (than `but`) has."""
        if key and any(c.email_key == key for c in self.contacts if c is not but):
            raise ValidationFailed.field(
                "email",
                _(
                    "customer {customer} already has a contact with {email}",
                    customer=self.code,
                    email=email,
                ),
                "customer.contact_duplicate",
            )

    def contact(self, name: str, email: str = "") -> Contact:
        """The contact with this address when one is given (and this name, if several
        have the address), else with this name (case-insensitive)."""
        key = identity.email_key(email) if email.strip() else None
        named = [c for c in self.contacts if c.name.strip().lower() == name.strip().lower()]
        found = [c for c in self.contacts if c.email_key == key] if key else named
        if len(found) > 1 and key:
            found = [c for c in found if c in named] or found
        if not found:
            raise no_contact(self.code, email or name, [c.name for c in self.contacts])
        if len(found) > 1:
            raise ValidationFailed.field(
                "name",
                _(
                    "customer {customer} has {count} contacts named {name}; say which with email:",
                    customer=self.code,
                    count=len(found),
                    name=found[0].name,
                ),
                "contact.ambiguous",
            )
        return found[0]

    def update_contact(
        self,
        name: str,
        new_name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        make_default: bool = False,
    ) -> list[str]:
        """Change the contact named `name`: its name, email (the identity rule's, "" to
        clear it), phone (read in the customer's country) or default; what changed, in
        words. That no other customer has the address is the service's check."""
        contact = self.contact(name)
        was = contact.name
        values: dict[str, str | None] = {"name": None, "email": None, "phone": None}
        if new_name is not None:
            values["name"] = new_name.strip()
            if not values["name"]:
                raise ValidationFailed.field(
                    "name", _("a contact needs a name"), "contact.name_missing"
                )
        if email is not None:
            address = identity.email(email)
            self._refuse_twice(identity.email_key(address) if address else None, address, contact)
            values["email"] = address
        if phone is not None:
            values["phone"] = identity.phone(phone, self.country())
        changes = _apply(contact, values)
        contact.email_key = identity.email_key(contact.email) if contact.email else None
        if make_default and not contact.is_default:
            for existing in self.contacts:
                existing.is_default = existing is contact
            changes.append("now the default contact")
        if changes:
            what = f"contact {was}: {'; '.join(changes)}"
            self.record(CustomerUpdated(self.code, what))
        return changes

    def remove_contact(self, name: str, email: str = "") -> Contact:
        """Remove the contact `contact(name, email)` finds; when it was the default, the
        first one left becomes the default (`default_contact()` says which, or None)."""
        contact = self.contact(name, email)
        self.contacts.remove(contact)
        what = f"contact {contact.name} removed"
        if contact.is_default and self.contacts:
            self.contacts[0].is_default = True
            what += f"; {self.contacts[0].name} is now the default"
        self.record(CustomerUpdated(self.code, what))
        return contact

    # --- notes -----------------------------------------------------------------------

    def add_note(self, text: str, author: str, now: datetime) -> Note:
        """Add a timestamped note."""
        text = text.strip()
        if not text:
            raise ValidationFailed.field("text", _("the note is empty"), "customer.note_empty")
        note = Note(at=now, author=author, text=text)
        self.notes.append(note)
        self.record(CustomerUpdated(self.code, "note added"))
        return note


def customer_language(text: str) -> str:
    """A language orderbot writes to customers in (`LANGUAGES`), in lower case."""
    code = text.strip().lower()
    if code not in LANGUAGES:
        raise ValidationFailed.field(
            "language",
            _(
                "{language} is not a language orderbot writes in; use {languages}",
                language=repr(text),
                languages=", ".join(LANGUAGES),
            ),
            "customer.language_invalid",
        )
    return code


def _address_value(attr: str, value: str) -> str:
    """An address field as kept: country and postal code by the identity rule (the postal
    code then in its country, by the verbs), the others trimmed and refused when longer
    than their column."""
    if attr == "country":
        return identity.country(value)
    if attr == "postal_code":
        return identity.postal_code(value)
    text = value.strip()
    if len(text) > ADDRESS_FIELDS[attr]:
        why = _(
            "{length} characters is too long ({most} at most)",
            length=len(text),
            most=ADDRESS_FIELDS[attr],
        )
        raise ValidationFailed.field(attr, why, "address.field_long")
    return text


def _apply(target: object, values: dict[str, str | None]) -> list[str]:
    """Set the values that are given and differ; what changed, in words."""
    changes = []
    for attr, value in values.items():
        old = getattr(target, attr)
        if value is not None and value != old:
            changes.append(f"{_WORDS.get(attr, attr)} {old or '-'} -> {value or '-'}")
            setattr(target, attr, value)
    return changes


def address_of(customer_code: str, addresses: Iterable[Address], code: str) -> Address:
    """The address of a customer with this code (case-insensitive); NotFound naming those
    it has (for `Customer.address`, and for readers that hold only a customer's addresses)."""
    found = list(addresses)
    for address in found:
        if address.code.lower() == code.lower():
            return address
    raise no_address(customer_code, code, [a.code for a in found])
