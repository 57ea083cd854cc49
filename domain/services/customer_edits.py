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
from domain.text_values import Sentences
from domain.texts import Text, _


def _said(what: Text, changes: list[Text]) -> Text:
    """The note of an edit: what changed, or that nothing did."""
    if changes:
        return _("{what}: {changes}.", what=what, changes=Sentences(tuple(changes), "; "))
    return _("{what}: nothing changed.", what=what)


def _nothing_to_change(field: str, problem: Text) -> ValidationFailed:
    return ValidationFailed.field(field, problem, "customer.set_empty")


def set_customer(cmd: c.SetCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A customer's name, VAT number or language changed."""
    if cmd.name is None and cmd.vat_number is None and cmd.language is None:
        raise _nothing_to_change("name", _("say what to change: name:, vat: or lang:"))
    customer = uow.customers.get(cmd.code)
    changes = customer.set_details(cmd.name, cmd.vat_number, cmd.language)
    return describe_customer(
        customer, uow, _said(_("Customer {code}", code=customer.code), changes), ctx
    )


def set_address(cmd: c.SetAddress, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """Fields of an address changed (the identity rule's country and postal code), or
    the address made the default."""
    fields = ("name", "street", "city", "postal_code", "state", "country")
    values = {name: getattr(cmd, name) for name in fields if getattr(cmd, name) is not None}
    if not values and not cmd.default:
        raise _nothing_to_change(
            "address",
            _("say what to change: name:, street:, city:, zip:, state:, country: or default"),
        )
    customer = uow.customers.get(cmd.customer)
    changes = customer.update_address(cmd.code, values, cmd.default)
    code = customer.address(cmd.code).code
    return describe_customer(customer, uow, _said(_("Address {code}", code=code), changes), ctx)


def set_default_address(
    cmd: c.SetDefaultAddress, uow: UnitOfWork, ctx: ServiceContext
) -> CustomerView:
    """Another address made the default."""
    customer = uow.customers.get(cmd.customer)
    changed = customer.set_default_address(cmd.code)
    code = customer.address(cmd.code).code
    note = (
        _("Address {code} is now the default.", code=code)
        if changed
        else _("Address {code} is already the default.", code=code)
    )
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
            _(
                "{code} is the address of open orders {orders}; give them another address "
                "(/order set CODE ship-to: bill-to:) or close them first",
                code=address.code,
                orders=", ".join(in_use),
            ),
            "address.in_use",
        )
    customer.remove_address(address.code)
    note = _("Address {code} removed.", code=address.code)
    default = customer.default_address()
    if address.is_default and default is not None:
        note = _(
            "Address {code} removed. {default} is now the default address.",
            code=address.code,
            default=default.code,
        )
    elif address.is_default:
        note = _(
            "Address {code} removed. {customer} has no address left.",
            code=address.code,
            customer=customer.code,
        )
    return describe_customer(customer, uow, note, ctx)


def set_contact(cmd: c.SetContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact's name, email (one customer's at most), phone or default changed."""
    if cmd.new_name is None and cmd.email is None and cmd.phone is None and not cmd.default:
        raise _nothing_to_change(
            "contact", _("say what to change: name:, email:, phone: or default")
        )
    customer = uow.customers.get(cmd.customer)
    contact = customer.contact(cmd.name)
    if cmd.email:
        refuse_taken_email(cmd.email, customer.code, uow)  # before the change is flushed
    changes = customer.update_contact(contact.name, cmd.new_name, cmd.email, cmd.phone, cmd.default)
    return describe_customer(
        customer, uow, _said(_("Contact {name}", name=contact.name), changes), ctx
    )


def remove_contact(cmd: c.RemoveContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact no longer (by name, or by address when given: how an address kept on
    several customers from before addresses were unique is left to one); the answer
    says which contact is the default now, or that none is left."""
    customer = uow.customers.get(cmd.customer)
    removed = customer.remove_contact(cmd.name, cmd.email)
    note = _("Contact {name} removed.", name=removed.name)
    default = customer.default_contact()
    if removed.is_default and default is not None:
        note = _(
            "Contact {name} removed. {default} is now the default contact.",
            name=removed.name,
            default=default.name,
        )
    elif removed.is_default:
        note = _(
            "Contact {name} removed. {customer} has no contact left.",
            name=removed.name,
            customer=customer.code,
        )
    return describe_customer(customer, uow, note, ctx)
