"""Every mail of the shared corpus, parsed and taken in by the intake, ends decided.

Each ends as an order, a polite answer, an ignored automatic mail or bounce, or a
recorded reason — never an exception. The corpus senders are made customers half of
the time, so both the "known customer" and the "not registered" paths run.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import commands as c
from domain.inbox.mail import IntakeReport, IntakeRules, MailOutcome, Outcome
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from mail.inbound.listener import to_mail_in
from mail.inbound.parse import parse_message
from tests.unit.fakes import FakeClock, FakeStore
from tests.unit.mail.test_mail_corpus import FILES, OWN

DECIDED = {Outcome.ORDERED, Outcome.HELD, Outcome.ANSWERED, Outcome.IGNORED}


def test_every_corpus_mail_ends_decided() -> None:
    store, clock = FakeStore(), FakeClock()
    factory: Any = store.uow_factory  # the fakes follow the ports as they grow
    bus = MessageBus(factory, clock, Policy(), sleep=lambda _: None)
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal("1")))
    mails = [
        to_mail_in(parse_message(path.read_bytes(), OWN, "mx.acme.test"), n, "INBOX")
        for n, path in enumerate(FILES, start=1)
    ]
    senders = sorted({m.from_address for m in mails if m.from_address})
    for n, sender in enumerate(senders[::2]):
        bus.handle(c.CreateCustomer(code=f"C{n}", name=f"Customer {n}", email=sender))
    rules = IntakeRules(answers_per_hour=1000)
    outcomes: list[MailOutcome] = []
    for mail in mails:
        report: IntakeReport = bus.handle(c.IntakeMails(mails=(mail,), rules=rules))
        outcomes += report.outcomes
    kinds = {o.outcome for o in outcomes}
    assert [o for o in outcomes if o.outcome not in DECIDED | {Outcome.DUPLICATE}] == []
    assert {Outcome.ANSWERED, Outcome.IGNORED} <= kinds
    assert all(o.reason for o in outcomes)
    assert len(store.state.inbound) == len({m.key for m in mails})
