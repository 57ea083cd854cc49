"""The header fields a mail's subject names reach the order made of its text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import commands as c
from domain.inbox.mail import IntakeRules, MailIn
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.fakes import FakeClock, FakeStore


def test_a_po_in_the_subject_is_the_order_s_reference_and_counts_as_its_po() -> None:
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(), sleep=lambda _: None)
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal(1)))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="b@acme.test"))

    def send(n: int, subject: str) -> str:
        mail = MailIn(
            message_id=f"<m{n}@x>", from_address="b@acme.test", subject=subject,
            body="2 x WIDGET-A", uid=n,
        )  # fmt: skip
        report = bus.handle(c.IntakeMails(mails=(mail,), rules=IntakeRules()))
        return str(report.outcomes[0].reason)

    assert send(1, "Order - PO: S-1") == "order"
    assert store.state.orders["so-00001"].reference == "S-1"
    assert send(2, "Order again - PO: S-1") == "duplicate PO"
    assert send(3, "Order for December") == "order"
    assert store.state.orders["so-00002"].reference == ""
