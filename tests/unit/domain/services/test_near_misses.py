"""A product or customer that does not exist: the refusal suggests the closest code, by
the rule every door uses, and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import NotFound
from domain.services.context import Policy
from l10n.translation import render
from tests.unit.domain.services.test_services import World, make_world


@pytest.fixture
def world() -> World:
    made = make_world(Policy())
    made.bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal(1)))
    made.bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal(2)))
    return made


def order(customer: str, product: str) -> c.CreateOrder:
    return c.CreateOrder(
        customer=customer, lines=(c.LineInput(product=product, quantity=Decimal(1)),)
    )


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        (order("ACME", "WIDGT-A"), "No product WIDGT-A. Did you mean WIDGET-A?"),
        (order("ACNE", "GADGET"), "No customer ACNE. Did you mean ACME?"),
        (c.ShowProduct(code="GADGTE"), "No product GADGTE. Did you mean GADGET?"),
        (order("ACME", "ZZZZZZ"), "No product ZZZZZZ."),
        (order("NOBODY", "GADGET"), "No customer NOBODY."),
    ],
)
def test_a_near_miss_is_suggested(world: World, cmd: c.Command, message: str) -> None:
    before = world.snapshot()
    with pytest.raises(NotFound) as caught:
        world.bus.handle(cmd)
    assert caught.value.message == message
    assert world.snapshot() == before


def test_a_near_miss_reads_in_the_readers_language(world: World) -> None:
    with pytest.raises(NotFound) as caught:
        world.bus.handle(order("ACME", "WIDGT-A"))
    assert render(caught.value.text, "fr") == "Aucun article WIDGT-A. Vouliez-vous dire WIDGET-A ?"
    assert render(caught.value.text, "da") == "Ingen vare WIDGT-A. Mente du WIDGET-A?"
