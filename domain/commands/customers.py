"""Commands and queries of customers, their addresses, contacts and notes."""

from __future__ import annotations

from domain.commands.base import Command, Query


class CreateCustomer(Command):
    code: str
    name: str
    vat_number: str = ""
    email: str = ""
    language: str = "en"


class AddCustomerNote(Command):
    code: str
    text: str


class AddAddress(Command):
    customer: str
    code: str
    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    state: str = ""
    country: str = ""
    default: bool = False


class AddContact(Command):
    customer: str
    name: str
    email: str = ""
    phone: str = ""
    default: bool = False


class RemoveContact(Command):
    customer: str
    name: str
    email: str = ""


class SetCustomer(Command):
    """Change a customer's name, VAT number or language (None: unchanged)."""

    code: str
    name: str | None = None
    vat_number: str | None = None
    language: str | None = None


class SetAddress(Command):
    """Change fields of an address (None: unchanged, "": cleared), or make it the default."""

    customer: str
    code: str
    name: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    state: str | None = None
    country: str | None = None
    default: bool = False


class RemoveAddress(Command):
    customer: str
    code: str


class SetDefaultAddress(Command):
    customer: str
    code: str


class SetContact(Command):
    """Change a contact found by name: its name, email, phone (None: unchanged, "":
    cleared), or make it the default."""

    customer: str
    name: str
    new_name: str | None = None
    email: str | None = None
    phone: str | None = None
    default: bool = False


class FindCustomers(Query):
    text: str
    limit: int = 10


class ShowCustomer(Query):
    code: str
