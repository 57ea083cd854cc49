"""A customer's contacts, the people orders by email come from: their email and phone
checked by the identity rule, one address once per customer, one default among them, and
a contact found by its address or its name. The `Customer` aggregate's contact verbs do
their work here and record what changed; that no other customer has an address is the
service's check."""

from __future__ import annotations

from dataclasses import dataclass

from domain.customers import identity
from domain.customers.changes import apply_changes
from domain.customers.missing import no_contact
from domain.errors import ValidationFailed
from domain.texts import Text, _


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


def add_contact(
    customer_code: str, contacts: list[Contact], contact: Contact, make_default: bool,
    country: str,
) -> None:  # fmt: skip
    """Check `contact` (a national phone read in `country`) and append it to the
    customer's `contacts`; the first one, or one asked to be, becomes the only default."""
    contact.email = identity.email(contact.email)
    contact.email_key = identity.email_key(contact.email) if contact.email else None
    contact.phone = identity.phone(contact.phone, country)
    _refuse_twice(customer_code, contacts, contact.email_key, contact.email)
    make_default = make_default or not contacts
    contacts.append(contact)
    for existing in contacts:
        existing.is_default = existing is contact if make_default else existing.is_default


def _refuse_twice(
    customer_code: str, contacts: list[Contact], key: str | None, email: str,
    but: Contact | None = None,
) -> None:  # fmt: skip
    """Refuse an address another contact of this customer (than `but`) has."""
    if key and any(c.email_key == key for c in contacts if c is not but):
        raise ValidationFailed.field(
            "email",
            _(
                "customer {customer} already has a contact with {email}",
                customer=customer_code,
                email=email,
            ),
            "customer.contact_duplicate",
        )


def find_contact(customer_code: str, contacts: list[Contact], name: str, email: str) -> Contact:
    """The contact with this address when one is given (and this name, if several have
    the address), else with this name (case-insensitive)."""
    key = identity.email_key(email) if email.strip() else None
    named = [c for c in contacts if c.name.strip().lower() == name.strip().lower()]
    found = [c for c in contacts if c.email_key == key] if key else named
    if len(found) > 1 and key:
        found = [c for c in found if c in named] or found
    if not found:
        raise no_contact(customer_code, email or name, [c.name for c in contacts])
    if len(found) > 1:
        raise ValidationFailed.field(
            "name",
            _(
                "customer {customer} has {count} contacts named {name}; say which with email:",
                customer=customer_code,
                count=len(found),
                name=found[0].name,
            ),
            "contact.ambiguous",
        )
    return found[0]


def update_contact(
    customer_code: str, contacts: list[Contact], contact: Contact, *, country: str,
    new_name: str | None, email: str | None, phone: str | None, make_default: bool,
) -> list[Text]:  # fmt: skip
    """Change `contact`: its name, email (the identity rule's, "" to clear it), phone
    (read in `country`) or default; None leaves a value as it is. What changed, in words."""
    values: dict[str, str | None] = {"name": None, "email": None, "phone": None}
    if new_name is not None:
        values["name"] = new_name.strip()
        if not values["name"]:
            raise ValidationFailed.field(
                "name", _("a contact needs a name"), "contact.name_missing"
            )
    if email is not None:
        address = identity.email(email)
        key = identity.email_key(address) if address else None
        _refuse_twice(customer_code, contacts, key, address, contact)
        values["email"] = address
    if phone is not None:
        values["phone"] = identity.phone(phone, country)
    changes = apply_changes(contact, values)
    contact.email_key = identity.email_key(contact.email) if contact.email else None
    if make_default and not contact.is_default:
        for existing in contacts:
            existing.is_default = existing is contact
        changes.append(_("now the default contact"))
    return changes


def remove_contact(contacts: list[Contact], contact: Contact) -> Text:
    """Remove `contact`; when it was the default, the first one left becomes the default.
    What was done, in a sentence."""
    contacts.remove(contact)
    if contact.is_default and contacts:
        contacts[0].is_default = True
        return _(
            "contact {name} removed; {default} is now the default",
            name=contact.name,
            default=contacts[0].name,
        )
    return _("contact {name} removed", name=contact.name)
