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


class FindCustomers(Query):
    text: str
    limit: int = 10


class ShowCustomer(Query):
    code: str
