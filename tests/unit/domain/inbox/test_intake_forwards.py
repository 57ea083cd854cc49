"""A forwarded order through the intake: the forwarder's customer's order, made once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import commands as c
from domain.inbox.mail import ForwardedMail, IntakeRules, MailIn
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.fakes import FakeClock, FakeStore

JEANNE = ForwardedMail(body="2 x WIDGET-A\nPO: J-1", sender="Jeanne <j@acme.test>")


def world() -> tuple[FakeStore, MessageBus]:
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(), sleep=lambda _: None)
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal(1)))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="b@acme.test"))
    return store, bus


def take(bus: MessageBus, n: int, body: str = "See below.", **fields: Any) -> tuple[str, Any]:
    mail = MailIn(
        message_id=f"<m{n}@x>", from_address="b@acme.test", subject="Fwd: Order", body=body,
        uid=n, **fields,
    )  # fmt: skip
    (outcome,) = bus.handle(c.IntakeMails(mails=(mail,), rules=IntakeRules())).outcomes
    return outcome.reason, outcome.order_code


def test_a_forwarded_order_is_the_forwarder_s_customer_s() -> None:
    store, bus = world()
    assert take(bus, 1, forwarded=(JEANNE,)) == ("order", "SO-00001")
    order = store.state.orders["so-00001"]
    assert (order.customer_code, order.reference, len(order.lines)) == ("ACME", "J-1", 1)
    (reply,) = [m.payload for m in store.state.outbox if m.kind == "mail_reply"]
    assert reply["facts"]["forwarded"] is True
    assert reply["facts"]["forwarded_from"] == "Jeanne <j@acme.test>"


def test_a_forward_of_a_mail_that_made_an_order_is_answered_with_it() -> None:
    """Gmail threads a forward to the forwarded mail; mutt attaches it with its
    Message-ID: either way the order it made is not made a second time."""
    store, bus = world()
    assert take(bus, 1, body="2 x WIDGET-A") == ("order", "SO-00001")
    assert take(bus, 2, forwarded=(JEANNE,), in_reply_to="<m1@x>") == ("status", "SO-00001")
    attached = JEANNE.model_copy(update={"message_id": "<m1@x>"})
    assert take(bus, 3, forwarded=(attached,)) == ("status", "SO-00001")
    assert take(bus, 4, forwarded=(JEANNE,), in_reply_to="<other@x>") == ("order", "SO-00002")
    assert sorted(store.state.orders) == ["so-00001", "so-00002"]
