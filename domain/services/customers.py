"""Services of the customer commands: create, add addresses, contacts and notes, find, the
desk view (the edits are in `domain.services.customer_edits`)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from domain import commands as c
from domain.customers import identity
from domain.customers.customer import Address, Contact, Customer
from domain.customers.ranking import rank
from domain.customers.search import SearchQuery
from domain.errors import ValidationFailed
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder
from domain.ports import UnitOfWork
from domain.services import history
from domain.services.context import ServiceContext
from domain.services.views import CustomerMatch, CustomerView, ItemStatistic, Listing
from domain.stock import availability
from domain.stock.rules import LineAvailability

ARCHIVED = (OrderStatus.CLOSED, OrderStatus.CANCELLED)
SENDS_SHOWN = 5
"""How many of the latest catalogues sent the customer desk shows."""


def create_customer(cmd: c.CreateCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A new customer, with a default contact when an email is given."""
    if uow.customers.find(cmd.code) is not None:
        raise ValidationFailed.field(
            "code", f"customer {cmd.code} already exists", "customer.code_taken"
        )
    customer = Customer.create(cmd.code, cmd.name, ctx.now, cmd.vat_number, cmd.language)
    if cmd.email:
        refuse_taken_email(cmd.email, customer.code, uow)
        customer.add_contact(Contact(name=customer.name, email=cmd.email))
    uow.customers.add(customer)
    return CustomerView(customer, note=f"Created customer {customer.code}.")


def add_note(cmd: c.AddCustomerNote, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A timestamped note on a customer."""
    customer = uow.customers.get(cmd.code)
    customer.add_note(cmd.text, cmd.actor or "someone", ctx.now)
    return describe_customer(customer, uow, "Note added.", ctx)


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
        raise ValidationFailed.field("code", "an address needs a code", "address.code_missing")
    customer.add_address(address, cmd.default)
    return describe_customer(customer, uow, f"Address {address.code} added.", ctx)


def add_contact(cmd: c.AddContact, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """A contact for a customer (the first one becomes the default)."""
    customer = uow.customers.get(cmd.customer)
    refuse_taken_email(cmd.email, customer.code, uow)  # before the new contact is flushed
    customer.add_contact(Contact(name=cmd.name, email=cmd.email, phone=cmd.phone), cmd.default)
    return describe_customer(customer, uow, f"Contact {cmd.name} added.", ctx)


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
            "text", "say what to look for (letters or digits)", "customer.find_empty"
        )
    best = rank(query, uow.customers.search(query, cmd.limit))[: cmd.limit]
    whole = {cu.code.lower(): cu for cu in uow.customers.many([r.candidate.code for r in best])}
    hits = tuple(
        CustomerMatch(whole[r.candidate.code.lower()], r.score, r.matched)
        for r in best
        if r.candidate.code.lower() in whole  # gone since it was found: not shown
    )
    return Listing("customer_matches", hits, f"Customers matching {cmd.text!r}")


def _statistics(orders: list[SalesOrder]) -> tuple[ItemStatistic, ...]:
    qty: dict[str, Decimal] = defaultdict(Decimal)
    amount: dict[str, Decimal] = defaultdict(Decimal)
    seen: dict[str, set[str]] = defaultdict(set)
    for order in orders:
        if order.status == OrderStatus.CANCELLED:
            continue
        for line in order.lines:
            qty[line.product_code] += line.quantity
            amount[line.product_code] += line.net
            seen[line.product_code].add(order.code)
    stats = [ItemStatistic(p, qty[p], len(seen[p]), amount[p]) for p in qty]
    return tuple(sorted(stats, key=lambda s: (-s.amount, s.product_code)))


def describe_customer(
    customer: Customer, uow: UnitOfWork, note: str = "", ctx: ServiceContext | None = None
) -> CustomerView:
    """The customer desk view: alerts first, then orders, backorders and statistics, and
    the latest history (with what the command of `ctx` changed)."""
    orders = list(uow.orders.list(customer.code, None, 500))
    cases = list(uow.cases.list(customer.code))
    related_codes = {o.parent_code for o in orders if o.parent_code}
    return CustomerView(
        customer=customer,
        alerts=tuple(cs for cs in cases if cs.active_alert),
        cases=tuple(cases),
        history=tuple(history.latest(customer, uow, ctx)),
        catalogues_sent=tuple(uow.catalogues.sends_of(customer.code, SENDS_SHOWN)),
        recent_orders=tuple(o for o in orders if o.status not in ARCHIVED)[:10],
        invoiced_orders=tuple(
            o for o in orders if o.invoicing_state != InvoicingState.NOT_INVOICED
        )[:10],
        archived_orders=tuple(o for o in orders if o.status in ARCHIVED)[:10],
        related_orders=tuple(o for o in orders if o.parent_code or o.code in related_codes),
        backorders=tuple((o.code, b) for o in orders for b in o.backorder_lines()),
        availability=stock_of(uow, [o.code for o in orders if o.status == "confirmed"]),
        statistics=_statistics(orders),
        note=note,
    )


def stock_of(uow: UnitOfWork, codes: list[str]) -> tuple[tuple[str, LineAvailability], ...]:
    """What the lines of these orders hold of tracked products, by order code."""
    found = availability.of_reservations(uow.stock, uow.stock.reservations_for(codes))
    return tuple((code, line) for code, lines in found.items() for line in lines)


def show_customer(cmd: c.ShowCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """The customer desk view of one customer."""
    return describe_customer(uow.customers.get(cmd.code), uow)
