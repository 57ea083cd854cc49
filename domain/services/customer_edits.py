"""Services of the customer edits: details, addresses and contacts changed or removed.

Each goes through the `Customer` aggregate's verbs (the identity rule's checks, what
changed in words) and answers with the customer desk and a note saying what changed,
including which address or contact is the default after a removal. The history of each
change, with who asked, is written by `domain.services.history`.
"""

from __future__ import annotations

from domain import commands as c
from domain.errors import ValidationFailed
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.customers import describe_customer, refuse_taken_email
from domain.services.views import CustomerView


def _said(what: str, changes: list[str]) -> str:
    """The note of an edit: what changed, or that nothing did."""
    return f"{what}: {'; '.join(changes)}." if changes else f"{what}: nothing changed."


def _nothing_to_change(field: str, options: str) -> ValidationFailed:
    return ValidationFailed.field(field, f"say what to change: {options}", "customer.set_empty")


def set_customer(cmd: c.SetCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A customer's name, VAT number or language changed."""
    if cmd.name is None and cmd.vat_number is None and cmd.language is None:
        raise _nothing_to_change("name", "name:, vat: or lang:")
    customer = uow.customers.get(cmd.code)
    changes = customer.set_details(cmd.name, cmd.vat_number, cmd.language)
    return describe_customer(customer, uow, _said(f"Customer {customer.code}", changes), ctx)


def set_address(cmd: c.SetAddress, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """Fields of an address changed (the identity rule's country and postal code), or
    the address made the default."""
    fields = ("name", "street", "city", "postal_code", "state", "country")
    values = {name: getattr(cmd, name) for name in fields if getattr(cmd, name) is not None}
    if not values and not cmd.default:
        raise _nothing_to_change(
            "address", "name:, street:, city:, zip:, state:, country: or default"
        )
    customer = uow.customers.get(cmd.customer)
    changes = customer.update_address(cmd.code, values, cmd.default)
    code = customer.address(cmd.code).code
    return describe_customer(customer, uow, _said(f"Address {code}", changes), ctx)


def set_default_address(
    cmd: c.SetDefaultAddress, uow: UnitOfWork, ctx: ServiceContext
) -> CustomerView:
    """Another address made the default."""
    customer = uow.customers.get(cmd.customer)
    changed = customer.set_default_address(cmd.code)
    code = customer.address(cmd.code).code
    note = f"Address {code} is {'now' if changed else 'already'} the default."
    return describe_customer(customer, uow, note, ctx)


def remove_address(cmd: c.RemoveAddress, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """An address removed, unless an open order ships or bills to it; the answer says
    which address is the default now, or that none is left."""
    customer = uow.customers.get(cmd.customer)
    address = customer.address(cmd.code)
    in_use = list(uow.customers.open_orders_at(customer.code, address.code))
    if in_use:
        raise ValidationFailed.field(
            "address",
            f"{address.code} is the address of open orders {', '.join(in_use)}; give them "
            "another address (/order set CODE ship-to: bill-to:) or close them first",
            "address.in_use",
        )
    customer.remove_address(address.code)
    note = f"Address {address.code} removed."
    default = customer.default_address()
    if address.is_default:
        note += (
            f" {default.code} is now the default address."
            if default is not None
            else f" {customer.code} has no address left."
        )
    return describe_customer(customer, uow, note, ctx)


def set_contact(cmd: c.SetContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact's name, email (one customer's at most), phone or default changed."""
    if cmd.new_name is None and cmd.email is None and cmd.phone is None and not cmd.default:
        raise _nothing_to_change("contact", "name:, email:, phone: or default")
    customer = uow.customers.get(cmd.customer)
    contact = customer.contact(cmd.name)
    if cmd.email:
        refuse_taken_email(cmd.email, customer.code, uow)  # before the change is flushed
    changes = customer.update_contact(contact.name, cmd.new_name, cmd.email, cmd.phone, cmd.default)
    return describe_customer(customer, uow, _said(f"Contact {contact.name}", changes), ctx)


def remove_contact(cmd: c.RemoveContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact no longer (by name, or by address when given: how an address kept on
    several customers from before addresses were unique is left to one); the answer
    says which contact is the default now, or that none is left."""
    customer = uow.customers.get(cmd.customer)
    removed = customer.remove_contact(cmd.name, cmd.email)
    note = f"Contact {removed.name} removed."
    default = customer.default_contact()
    if removed.is_default:
        note += (
            f" {default.name} is now the default contact."
            if default is not None
            else f" {customer.code} has no contact left."
        )
    return describe_customer(customer, uow, note, ctx)
