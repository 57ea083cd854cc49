"""Customers with their addresses, contacts and notes, and the verbs that edit them (the
work of the address verbs is in `domain.customers.addresses`, of the contact verbs in
`domain.customers.contacts`).

Emails, VAT numbers, countries, phones and postal codes are kept in the forms the
identity rule (`domain.customers.identity`) gives them, as every door checks them. Each
verb records what it changed, in words (`CustomerUpdated`); the customer's history keeps
those words with who asked (`domain.customers.history`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.customers import addresses as address_verbs
from domain.customers import contacts as contact_verbs
from domain.customers import identity
from domain.customers.addresses import Address, address_of
from domain.customers.changes import apply_changes
from domain.customers.contacts import Contact
from domain.errors import ValidationFailed
from domain.events import CustomerCreated, CustomerUpdated, EventRecorder
from domain.text_values import Sentences
from domain.texts import Text, _

LANGUAGES = ("en", "fr", "da")
"""The languages customers are written to in (mails fall back to English for a language
they have no words in yet)."""


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
    ) -> list[Text]:
        """Change the name, VAT number (the identity rule's) or language; what changed,
        in words. Nothing changes when one of them is refused."""
        if name is not None and not name.strip():
            raise ValidationFailed.field(
                "name", _("a customer needs a name"), "customer.name_missing"
            )
        changes = apply_changes(
            self,
            {
                "name": name.strip() if name is not None else None,
                "vat_number": identity.vat_number(vat_number) if vat_number is not None else None,
                "language": customer_language(language) if language is not None else None,
            },
        )
        if changes:
            self.record(
                CustomerUpdated(
                    self.code, Text("{changes}", {"changes": Sentences(tuple(changes), "; ")})
                )
            )
        return changes

    def learn_language(self, language: str) -> bool:
        """Take the language the customer was found writing in, when none was ever chosen
        for them; True when it was taken."""
        if self.language is not None or language not in LANGUAGES:
            return False
        self.language = language
        said = _("language {language} (read from their mail)", language=language)
        self.record(CustomerUpdated(self.code, said))
        return True

    # --- addresses -------------------------------------------------------------------

    def add_address(self, address: Address, make_default: bool = False) -> None:
        """Add an address (its country and postal code checked by the identity rule); the
        first one, or one asked to be, becomes the only default."""
        address_verbs.add_address(self.code, self.addresses, address, make_default)
        self.record(CustomerUpdated(self.code, _("address {code} added", code=address.code)))

    def update_address(
        self, code: str, values: dict[str, str], make_default: bool = False
    ) -> list[Text]:
        """Change fields of the address with `code` (`values` by field name, "" clears
        one), checked as `add_address` checks them; what changed, in words."""
        address = self.address(code)
        changes = address_verbs.update_address(address, values)
        if make_default and not address.is_default:
            address_verbs.make_the_default(self.addresses, address)
            changes.append(_("now the default address"))
        if changes:
            said = _(
                "address {code}: {changes}",
                code=address.code,
                changes=Sentences(tuple(changes), "; "),
            )
            self.record(CustomerUpdated(self.code, said))
        return changes

    def set_default_address(self, code: str) -> bool:
        """Make the address with `code` the one default address; False if it was."""
        chosen = self.address(code)
        if chosen.is_default:
            return False
        address_verbs.make_the_default(self.addresses, chosen)
        said = _("address {code} is now the default", code=chosen.code)
        self.record(CustomerUpdated(self.code, said))
        return True

    def remove_address(self, code: str) -> Address:
        """Remove the address with `code`; when it was the default, the first one left
        becomes the default (`default_address()` says which, or None when none is left).
        That no open order uses it is the service's check."""
        address = self.address(code)
        what = address_verbs.remove_address(self.addresses, address)
        self.record(CustomerUpdated(self.code, what))
        return address

    # --- contacts --------------------------------------------------------------------

    def add_contact(self, contact: Contact, make_default: bool = False) -> None:
        """Add a contact (its email and phone checked by the identity rule, a national
        phone read in the customer's country); the first one, or one asked to be, becomes
        the only default. That no other customer has the address is the service's check."""
        contact_verbs.add_contact(self.code, self.contacts, contact, make_default, self.country())
        self.record(CustomerUpdated(self.code, _("contact {name} added", name=contact.name)))

    def contact(self, name: str, email: str = "") -> Contact:
        """The contact with this address when one is given (and this name, if several
        have the address), else with this name (case-insensitive)."""
        return contact_verbs.find_contact(self.code, self.contacts, name, email)

    def update_contact(
        self,
        name: str,
        new_name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        make_default: bool = False,
    ) -> list[Text]:
        """Change the contact named `name`: its name, email (the identity rule's, "" to
        clear it), phone (read in the customer's country) or default; what changed, in
        words. That no other customer has the address is the service's check."""
        contact = self.contact(name)
        was = contact.name
        changes = contact_verbs.update_contact(
            self.code, self.contacts, contact, country=self.country(), new_name=new_name,
            email=email, phone=phone, make_default=make_default,
        )  # fmt: skip
        if changes:
            what = _("contact {name}: {changes}", name=was, changes=Sentences(tuple(changes), "; "))
            self.record(CustomerUpdated(self.code, what))
        return changes

    def remove_contact(self, name: str, email: str = "") -> Contact:
        """Remove the contact `contact(name, email)` finds; when it was the default, the
        first one left becomes the default (`default_contact()` says which, or None)."""
        contact = self.contact(name, email)
        what = contact_verbs.remove_contact(self.contacts, contact)
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
        self.record(CustomerUpdated(self.code, _("note added")))
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
