"""Services of the customer commands: create, add addresses, contacts and notes, find, the
desk view (the edits are in `domain.services.customer_edits`)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from decimal import Decimal

from domain import commands as c
from domain.customers import identity
from domain.customers.customer import Address, Contact, Customer
from domain.errors import ValidationFailed
from domain.orders.order import InvoicingState, OrderStatus, SalesOrder
from domain.ports import UnitOfWork
from domain.services import history
from domain.services.context import ServiceContext
from domain.services.views import CustomerMatch, CustomerView, ItemStatistic, Listing

ARCHIVED = (OrderStatus.CLOSED, OrderStatus.CANCELLED)


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


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def score_customer(customer: Customer, text: str) -> CustomerMatch | None:
    """How well `text` matches a customer's code, name, VAT number, email or phone."""
    q = text.strip().lower()
    fields = [
        ("code", customer.code.lower()),
        ("name", customer.name.lower()),
        ("VAT number", customer.vat_number.lower().replace(" ", "")),
    ]
    fields += [("email", ct.email.lower()) for ct in customer.contacts if ct.email]
    best: tuple[int, str] = (0, "")
    for label, value in fields:
        if not value:
            continue
        if value == q or value == q.replace(" ", ""):
            score = 100
        elif value.startswith(q):
            score = 90
        elif q in value:
            score = 75
        else:
            score = int(difflib.SequenceMatcher(None, q, value).ratio() * 70)
        best = max(best, (score, label))
    digits = _digits(text)
    if len(digits) >= 4:
        for ct in customer.contacts:
            if ct.phone and digits in _digits(ct.phone):
                best = max(best, (85, "phone"))
    return CustomerMatch(customer, best[0], best[1]) if best[0] >= 50 else None


def find_customers(cmd: c.FindCustomers, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Customers matching a text, best first."""
    if not cmd.text.strip():
        raise ValidationFailed.field("text", "say what to look for", "customer.find_empty")
    hits = [
        m
        for cu in uow.customers.candidates(cmd.text, 200)
        if (m := score_customer(cu, cmd.text)) is not None
    ]
    hits.sort(key=lambda m: (-m.score, m.customer.code.lower()))
    return Listing("customer_matches", tuple(hits[: cmd.limit]), f"Customers matching {cmd.text!r}")


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
        recent_orders=tuple(o for o in orders if o.status not in ARCHIVED)[:10],
        invoiced_orders=tuple(
            o for o in orders if o.invoicing_state != InvoicingState.NOT_INVOICED
        )[:10],
        archived_orders=tuple(o for o in orders if o.status in ARCHIVED)[:10],
        related_orders=tuple(o for o in orders if o.parent_code or o.code in related_codes),
        backorders=tuple((o.code, b) for o in orders for b in o.backorder_lines()),
        statistics=_statistics(orders),
        note=note,
    )


def show_customer(cmd: c.ShowCustomer, uow: UnitOfWork, ctx: ServiceContext) -> CustomerView:
    """The customer desk view of one customer."""
    return describe_customer(uow.customers.get(cmd.code), uow)
