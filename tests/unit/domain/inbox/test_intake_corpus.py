"""Every mail of the shared corpus, parsed and taken in by the intake, ends decided.

Each ends as an order, a polite answer, an ignored automatic mail or bounce, a held
record, or a recorded reason — never an exception, and never taken for another mail
because it reuses its Message-ID (many of the corpus's mails do): only a copy of a mail
already read (the same bytes, line endings and transit headers aside) is a duplicate.
The corpus senders are made customers half of the time, so both the "known customer"
and the "not registered" paths run.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import commands as c
from domain.inbox.mail import IntakeReport, IntakeRules, MailOutcome, Outcome
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from mail.inbound.parse import parse_message
from mail.inbound.reading import to_mail_in
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
    assert len(outcomes) == len(FILES)  # one outcome per file: none left out
    assert [o for o in outcomes if o.outcome not in DECIDED | {Outcome.DUPLICATE}] == []
    records = {r.uid: r for r in store.state.inbound}
    for outcome in outcomes:  # every mail but a copy has its record, with the same reason
        if outcome.outcome is not Outcome.DUPLICATE:
            record = records[outcome.uid]
            assert (record.outcome, record.reason) == (outcome.outcome, outcome.reason)
    assert {Outcome.ANSWERED, Outcome.IGNORED, Outcome.HELD} <= kinds
    assert all(o.reason for o in outcomes)
    # a duplicate is only ever a copy of a mail read before, never a mail of its own
    contents = [_content(path.read_bytes()) for path in FILES]
    for n, outcome in enumerate(outcomes):
        if outcome.outcome is Outcome.DUPLICATE:
            assert contents[n] in contents[:n], FILES[n].name
    assert len(store.state.inbound) == len(set(contents))
    assert len({m.message_id for m in mails}) < len(set(contents))  # Message-IDs reused
    held = [o.reason for o in outcomes if o.outcome is Outcome.HELD]
    assert held
    assert set(held) == {"Message-ID reused"}


def _content(raw: bytes) -> bytes:
    """The mail as its sender wrote it: line endings of one kind, transit headers aside."""
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    kept, dropping = [], False
    for line in head.split(b"\n"):
        if not line[:1].isspace():  # a new field; else a folded line of the one above
            dropping = line.lower().startswith((b"received:", b"x-"))
        if not dropping:
            kept.append(line)
    return b"\n".join(kept) + b"\n\n" + body
