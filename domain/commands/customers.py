"""Commands and queries of customers, their addresses, contacts and notes."""

from __future__ import annotations

from typing import Annotated

from domain import bounds as b
from domain.bounds import CustomerCode
from domain.commands.base import Command, Query

Name = Annotated[str, b.Text("name", b.NAME)]
Email = Annotated[str, b.Text("email", b.EMAIL)]
AddressCode = Annotated[str, b.Text("address", b.ADDRESS_CODE)]
Note = Annotated[str, b.Text("note", b.NOTE)]


class CreateCustomer(Command):
    code: CustomerCode
    name: Name
    vat_number: str = ""
    email: Email = ""
    language: str | None = None  # None: not chosen (the default, until a mail tells)


class AddCustomerNote(Command):
    code: CustomerCode
    text: Note


class AddAddress(Command):
    customer: CustomerCode
    code: AddressCode
    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    state: str = ""
    country: str = ""
    default: bool = False


class AddContact(Command):
    customer: CustomerCode
    name: Name
    email: Email = ""
    phone: str = ""
    default: bool = False


class RemoveContact(Command):
    customer: CustomerCode
    name: Name
    email: Email = ""


class SetCustomer(Command):
    """Change a customer's name, VAT number or language (None: unchanged)."""

    code: CustomerCode
    name: Name | None = None
    vat_number: str | None = None
    language: str | None = None


class SetAddress(Command):
    """Change fields of an address (None: unchanged, "": cleared), or make it the default."""

    customer: CustomerCode
    code: AddressCode
    name: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    state: str | None = None
    country: str | None = None
    default: bool = False


class RemoveAddress(Command):
    customer: CustomerCode
    code: AddressCode


class SetDefaultAddress(Command):
    customer: CustomerCode
    code: str


class SetContact(Command):
    """Change a contact found by name: its name, email, phone (None: unchanged, "":
    cleared), or make it the default."""

    customer: CustomerCode
    name: Name
    new_name: Name | None = None
    email: Email | None = None
    phone: str | None = None
    default: bool = False


class FindCustomers(Query):
    text: str
    limit: int = 10


class ShowCustomer(Query):
    code: CustomerCode
