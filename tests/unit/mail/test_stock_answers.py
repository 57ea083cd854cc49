"""The answer to a mailed order says what can ship now and when the rest is expected, in
the customer's language; the order reserves like any confirmed order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain import commands as c
from domain.inbox.mail import IntakeRules, MailIn
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from mail.outbound.render import Renderer
from tests.unit.fakes import FakeClock, FakeStore
from tests.unit.mail.test_answers import parts

D = Decimal
CONFIRMED = IntakeRules(rep_channel="#orders", answers_per_hour=50, max_mb=10, confirm_orders=True)


@pytest.fixture
def world() -> tuple[FakeStore, MessageBus]:
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(), sleep=lambda _: None)
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=D("12.50")))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("3.99")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    bus.handle(
        c.CreateCustomer(code="DUPONT", name="Dupont", email="achat@dupont.test", language="fr")
    )
    bus.handle(c.ReceiveStock(product="WIDGET-A", quantity=D(8)))
    bus.handle(c.ReceiveStock(product="GADGET", quantity=D(5)))
    bus.handle(c.AddIncoming(product="WIDGET-A", quantity=D(5), expected=date(2030, 12, 12)))
    return store, bus


def _answer(world: Any, sender: str) -> str:
    """The text of the answer to a mail ordering 10 WIDGET-A and 3 GADGET, confirmed."""
    store, bus = world
    mail = MailIn(
        message_id="<m1@x.test>",
        from_address=sender,
        subject="Order",
        body="10 x WIDGET-A\nGADGET: 3",
        uid=1,
    )
    bus.handle(c.IntakeMails(mails=(mail,), rules=CONFIRMED))
    (row,) = [m for m in store.state.outbox if m.kind == "mail_reply"]
    row.id = 1
    return parts(Renderer("orderbot <bot@shop.test>").render(row))[0]


def test_the_answer_says_what_is_available_and_when_the_rest_comes(world: Any) -> None:
    store, _bus = world
    text = _answer(world, "buyer@acme.test")
    assert "8 of 10 available now, the other 2 expected on 12 December 2030" in text
    assert "available now\n" in text
    held = sorted((r.product_code, r.reserved) for r in store.state.stock.reservations.values())
    assert held == [("GADGET", D(3)), ("WIDGET-A", D(8))]


def test_the_answer_is_in_the_customers_language(world: Any) -> None:
    text = _answer(world, "achat@dupont.test")
    assert "8 sur 10 disponibles maintenant, les 2 autres attendus le 12 décembre 2030" in text
