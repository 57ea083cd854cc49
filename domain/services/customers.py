"""Services of the customer commands: create, add addresses, contacts and notes, find, the
desk view (the edits are in `domain.services.customer_edits`)."""

from __future__ import annotations

from domain import commands as c
from domain.customers import identity
from domain.customers.addresses import Address
from domain.customers.contacts import Contact
from domain.customers.customer import Customer
from domain.customers.ranking import rank
from domain.customers.search import SearchQuery
from domain.errors import ValidationFailed
from domain.orders import desk
from domain.orders.shipping import BACKORDERED
from domain.orders.states import OrderStatus
from domain.ports import UnitOfWork
from domain.services import history
from domain.services.context import ServiceContext
from domain.services.views import CustomerMatch, CustomerView, Listing
from domain.stock import availability
from domain.stock.rules import LineAvailability
from domain.texts import Text, _

SENDS_SHOWN = 5
"""How many of the latest catalogues sent the customer desk shows."""


def create_customer(cmd: c.CreateCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A new customer, with a default contact when an email is given."""
    if uow.customers.find(cmd.code) is not None:
        raise ValidationFailed.field(
            "code", _("customer {code} already exists", code=cmd.code), "customer.code_taken"
        )
    customer = Customer.create(cmd.code, cmd.name, ctx.now, cmd.vat_number, cmd.language)
    if cmd.email:
        refuse_taken_email(cmd.email, customer.code, uow)
        customer.add_contact(Contact(name=customer.name, email=cmd.email))
    uow.customers.add(customer)
    return CustomerView(customer, note=_("Created customer {code}.", code=customer.code))


def add_note(cmd: c.AddCustomerNote, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A timestamped note on a customer."""
    customer = uow.customers.get(cmd.code)
    customer.add_note(cmd.text, cmd.actor or "someone", ctx.now)
    return describe_customer(customer, uow, _("Note added."), ctx)


def add_address(cmd: c.AddAddress, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """An address for a customer (the first one becomes the default)."""
    customer = uow.customers.get(cmd.customer)
    address = Address(
        code=cmd.code.strip(),
        name=cmd.name,
        street=cmd.street,
        city=cmd.city,
        postal_code=cmd.postal_code,
        state=cmd.state,
        country=cmd.country,
    )
    if not address.code:
        raise ValidationFailed.field("code", _("an address needs a code"), "address.code_missing")
    customer.add_address(address, cmd.default)
    return describe_customer(customer, uow, _("Address {code} added.", code=address.code), ctx)


def add_contact(cmd: c.AddContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact for a customer (the first one becomes the default)."""
    customer = uow.customers.get(cmd.customer)
    refuse_taken_email(cmd.email, customer.code, uow)  # before the new contact is flushed
    customer.add_contact(Contact(name=cmd.name, email=cmd.email, phone=cmd.phone), cmd.default)
    return describe_customer(customer, uow, _("Contact {name} added.", name=cmd.name), ctx)


def refuse_taken_email(email: str, customer: str, uow: UnitOfWork) -> None:
    """An address belongs to one customer at most: refused when another has it (the
    database's unique index holds the same rule against a race). The address is judged
    first, as the aggregate will judge it."""
    address = identity.email(email)
    if not address:
        return
    holders = uow.customers.email_holders(address)
    others = [code for code in holders if code.lower() != customer.lower()]
    if others:
        raise identity.email_taken(address, others[0]).error("email")


def find_customers(cmd: c.FindCustomers, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Customers matching a text, best first (the rule: `domain.customers.ranking`)."""
    query = SearchQuery.read(cmd.text)
    if not query.words:
        raise ValidationFailed.field(
            "text", _("say what to look for (letters or digits)"), "customer.find_empty"
        )
    best = rank(query, uow.customers.search(query, cmd.limit))[: cmd.limit]
    whole = {cu.code.lower(): cu for cu in uow.customers.many([r.candidate.code for r in best])}
    hits = tuple(
        CustomerMatch(whole[r.candidate.code.lower()], r.score, r.matched)
        for r in best
        if r.candidate.code.lower() in whole  # gone since it was found: not shown
    )
    return Listing("customer_matches", hits, _("Customers matching {text}", text=repr(cmd.text)))


def describe_customer(
    customer: Customer, uow: UnitOfWork, note: Text | str = "", ctx: ServiceContext | None = None
) -> CustomerView:
    """The customer desk view: alerts first, then orders, backorders and statistics over
    the latest orders (`domain.orders.desk`), and the latest history (with what the
    command of `ctx` changed)."""
    code, window = customer.code, desk.WINDOW
    cases = list(uow.cases.list(code))
    backorders = tuple(uow.orders.backorders(code, window, BACKORDERED))
    invoiced = desk.Pick(frozenset(OrderStatus), invoiced=True)
    shown = uow.orders.shown(
        code, window, (desk.Pick(desk.OPEN), invoiced, desk.Pick(desk.ARCHIVED))
    )
    recent, invoiced_orders, archived = shown.picked
    return CustomerView(
        customer=customer,
        alerts=tuple(cs for cs in cases if cs.active_alert),
        cases=tuple(cases),
        history=tuple(history.latest(customer, uow, ctx)),
        catalogues_sent=tuple(uow.catalogues.sends_of(code, SENDS_SHOWN)),
        recent_orders=recent,
        invoiced_orders=invoiced_orders,
        archived_orders=archived,
        related_orders=shown.related,
        backorders=backorders,
        availability=stock_of(uow, sorted({order for order, _ in backorders})),
        statistics=uow.orders.line_groups(code, window, desk.COUNTED).statistics(),
        note=note,
    )


def stock_of(uow: UnitOfWork, codes: list[str]) -> tuple[tuple[str, LineAvailability], ...]:
    """What the lines of these orders hold of tracked products, by order code."""
    found = availability.of_reservations(uow.stock, uow.stock.reservations_for(codes))
    return tuple((code, line) for code, lines in found.items() for line in lines)


def show_customer(cmd: c.ShowCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """The customer desk view of one customer."""
    return describe_customer(uow.customers.get(cmd.code), uow)
