"""The order factory: the rules every door's new orders follow, and what a new order is."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain import commands as c
from domain.actors import UNKNOWN, sign_timeline
from domain.catalog.products import Product
from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.errors import NotFound, ValidationFailed
from domain.orders.factory import DuplicateReference, OrderFactory
from domain.orders.order import OrderStatus

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
D = Decimal


@dataclass
class Sources:
    """The factory's look-ups from dicts; counts the codes it hands out."""

    references: dict[tuple[str, str], str] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    numbers: int = 0

    def product(self, code: str) -> Product:
        products = {
            "coffee": Product("COFFEE", "Coffee", D("12.50"), "VAT20", "monthly"),
            "tea": Product("TEA", "Tea", D(4), None, "monthly"),
            "old": Product("OLD", "Old", D(1), None, active=False),
        }
        if code.lower() not in products:
            raise NotFound("product", code)
        return products[code.lower()]

    def tax_rate(self, code: str) -> Decimal:
        if code.lower() != "vat20":
            raise NotFound("tax", code)
        return D(20)

    def holder(self, customer_code: str, reference: str) -> str | None:
        return self.references.get((customer_code.lower(), reference.strip().lower()))

    def code_taken(self, code: str) -> bool:
        return code in self.codes

    def next_code(self) -> str:
        self.numbers += 1
        return f"SO-{self.numbers:05d}"


def customer() -> Customer:
    made = Customer.create("ACME", "Acme SA", NOW)
    made.add_address(Address(code="HQ", city="Paris", country="FR"))
    made.add_address(Address(code="DEPOT", city="Lyon", country="FR"))
    return made


def line(product: str, quantity: int = 1, **fields: Any) -> c.LineInput:
    return c.LineInput(product=product, quantity=D(quantity), **fields)


def order(**fields: Any) -> c.CreateOrder:
    lines = fields.pop("lines", (line("coffee", 2),))
    return c.CreateOrder(customer="acme", lines=lines, **fields)


def unchecked_line(product: str, **fields: Any) -> c.LineInput:
    """A line the command's bounds would refuse: the factory must refuse it too."""
    return c.LineInput.model_construct(product=product, quantity=D(1), **fields)


def unchecked_order(**fields: Any) -> c.CreateOrder:
    """An order the command's bounds would refuse: the factory must refuse it too."""
    return c.CreateOrder.model_construct(customer="acme", lines=(line("coffee", 2),), **fields)


def test_a_new_order_has_its_lines_first_shipment_timeline_and_events() -> None:
    lines = (line("coffee", 2), line("TEA", price=D(3)))
    made = OrderFactory(NOW, Sources()).make(
        order(lines=lines, reference=" PO-1 ", due_date=date(2026, 3, 9)), customer()
    )
    assert (made.code, made.customer_code, made.status, made.reference) == (
        "SO-00001",
        "ACME",
        OrderStatus.DRAFT,
        "PO-1",
    )
    assert (made.billing_address_code, made.delivery_address_code) == ("HQ", "HQ")
    assert [(ln.line_no, ln.product_code, ln.unit_price, ln.tax_rate) for ln in made.lines] == [
        (1, "COFFEE", D("12.50"), D(20)),
        (2, "TEA", D(3), D(0)),
    ]
    (first,) = made.shipments
    assert (first.number, first.planned_date) == (1, date(2026, 3, 9))
    assert [(s.line_no, s.quantity) for s in first.lines] == [(1, D(2)), (2, D(1))]
    assert [(e.kind, e.text) for e in made.timeline] == [
        ("created", "Order created (console) with 2 line(s).")
    ]
    assert made.notifications == []
    assert [type(e).__name__ for e in made.pull_events()] == ["OrderCreated", "ShipmentCreated"]


def test_made_confirmed_is_made_as_a_draft_then_confirmed() -> None:
    at_once = OrderFactory(NOW, Sources()).make(order(confirm=True), customer())
    later = OrderFactory(NOW, Sources()).make(order(), customer())
    later.confirm(NOW)
    sign_timeline(later.timeline, UNKNOWN)  # as the bus signs a command's entries
    assert at_once.status == later.status == OrderStatus.CONFIRMED
    assert [asdict(e) for e in at_once.timeline] == [asdict(e) for e in later.timeline]
    assert [asdict(n) for n in at_once.notifications] == [asdict(n) for n in later.notifications]
    assert at_once.pull_events() == later.pull_events()


@pytest.mark.parametrize("typed", ["PO-77", "po-77", "  PO-77\t", "Po-77 "])
def test_a_reference_already_held_is_refused_trimmed_and_without_case(typed: str) -> None:
    sources = Sources(references={("acme", "po-77"): "SO-00012"})
    with pytest.raises(DuplicateReference) as caught:
        OrderFactory(NOW, sources).make(order(reference=typed), customer())
    refused = caught.value
    assert (refused.code, refused.order_code, refused.customer_code) == (
        "order.reference_taken",
        "SO-00012",
        "ACME",
    )
    assert refused.message == f"reference: {typed.strip()} is already on SO-00012 for ACME"
    assert [(e.field, e.message) for e in refused.errors] == [
        ("reference", f"{typed.strip()} is already on SO-00012 for ACME")
    ]
    assert sources.numbers == 0  # a refused order takes no number


def test_allow_duplicate_ref_lets_it_through() -> None:
    sources = Sources(references={("acme", "po-77"): "SO-00012"})
    made = OrderFactory(NOW, sources).make(
        order(reference="PO-77", allow_duplicate_ref=True), customer()
    )
    assert (made.code, made.reference) == ("SO-00001", "PO-77")


def test_the_orders_one_factory_made_count_as_held() -> None:
    factory = OrderFactory(NOW, Sources())
    factory.plan(order(reference="PO-9"), customer())
    with pytest.raises(DuplicateReference) as caught:
        factory.plan(order(reference="po-9"), customer())
    assert caught.value.message == "reference: po-9 is already on SO-00001 for ACME"
    other = customer()
    other.code = "BETA"
    assert factory.plan(order(reference="PO-9"), other).code == "SO-00002"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lines": ()}, "order.no_lines"),
        ({"lines": (line("nope"),)}, "product.not_found"),
        ({"lines": (line("old"),)}, "order.product_inactive"),
        ({"lines": (line("tea", 0),)}, "order.quantity_invalid"),
        ({"lines": (line("tea", price=D(-1)),)}, "order.price_invalid"),
        ({"lines": (unchecked_line("tea", discount_percent=D(101)),)}, "order.discount_invalid"),
        ({"unchecked": {"discount_value": D(150)}}, "order.discount_invalid"),
        (
            {"unchecked": {"discount_value": D(-5), "discount_is_percent": False}},
            "order.discount_invalid",
        ),
        ({"ship_to": "NOWHERE"}, "address.not_found"),
        ({"code": "SO-00007"}, "order.code_taken"),
    ],
)
def test_refusals_take_no_number(fields: dict[str, Any], code: str) -> None:
    sources = Sources(codes={"SO-00007"})
    cmd = unchecked_order(**fields["unchecked"]) if "unchecked" in fields else order(**fields)
    with pytest.raises((NotFound, ValidationFailed)) as caught:
        OrderFactory(NOW, sources).plan(cmd, customer())
    assert caught.value.code == code
    assert sources.numbers == 0


def test_a_code_typed_by_hand_and_named_addresses() -> None:
    made = OrderFactory(NOW, Sources()).make(
        order(code=" so-00042 ", ship_to="depot", bill_to="hq"), customer()
    )
    assert (made.code, made.delivery_address_code, made.billing_address_code) == (
        "SO-00042",
        "DEPOT",
        "HQ",
    )
