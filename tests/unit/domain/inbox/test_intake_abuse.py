"""The intake against mail abuse, on the fakes: a cap on the attachments read, no answer
to a forged sender, a global hourly cap on answers to strangers, no echo of a stranger's
words, and our own address in `X-Loop` ignored."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain import commands as c
from domain.inbox.mail import IntakeRules, MailAttachment, MailIn, Outcome
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
BUYER = "buyer@acme.test"
RULES = IntakeRules(rep_channel="#orders", answers_per_hour=50)


@pytest.fixture
def world() -> tuple[FakeStore, FakeClock, MessageBus]:
    store, clock = FakeStore(), FakeClock()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, clock, Policy(), sleep=lambda _: None)
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=D("12.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email=BUYER))
    return store, clock, bus


def mail(body: str = "10 x WIDGET-A", n: int = 1, **fields: Any) -> MailIn:
    values: dict[str, Any] = {
        "message_id": f"<m{n}@acme.test>",
        "from_address": BUYER,
        "subject": "Order",
        "body": body,
        "uid": n,
    }
    values.update(fields)
    return MailIn(**values)


def intake(bus: MessageBus, *mails: MailIn, rules: IntakeRules = RULES) -> list[Any]:
    return list(bus.handle(c.IntakeMails(mails=mails, rules=rules)).outcomes)


def replies(store: FakeStore) -> list[dict[str, Any]]:
    return [m.payload for m in store.state.outbox if m.kind == "mail_reply"]


def alerts(store: FakeStore) -> list[dict[str, Any]]:
    return [m.payload for m in store.state.outbox if m.kind == "rep_alert"]


def sheets(count: int) -> tuple[MailAttachment, ...]:
    return tuple(
        MailAttachment(filename=f"order-{n:03d}.csv", kind="csv", data=b"WIDGET-A;1\n")
        for n in range(1, count + 1)
    )


# --- attachments ------------------------------------------------------------------------


def test_only_the_first_attachments_are_read_and_the_rest_are_named(world: Any) -> None:
    store, _, bus = world
    rules = IntakeRules(rep_channel="#orders", max_attachments=10)
    (outcome,) = intake(bus, mail("", attachments=sheets(300)), rules=rules)
    assert outcome.outcome is Outcome.ANSWERED  # no sheet readable here: no files port
    (reply,) = replies(store)
    # one problem per file read (the fakes have no files port), none for the others
    assert [p["text"] for p in reply["problems"]] == [f"order-{n:03d}.csv" for n in range(1, 11)]
    # the first names left unread, and how many there are in all
    assert reply["facts"]["unread"] == [f"order-{n:03d}.csv" for n in range(11, 61)]
    assert (reply["facts"]["unread_count"], reply["facts"]["max_attachments"]) == (290, 10)
    (alert,) = alerts(store)
    assert alert["reason"] == "attachments_unread"
    assert "300 spreadsheets" in alert["text"]
    assert "only the first 10 were read" in alert["text"]
    assert "order-011.csv" in alert["text"]
    assert "unread attachments" in outcome.reason
    (record,) = store.state.inbound
    assert record.reason == outcome.reason


def test_a_mail_within_the_cap_names_nothing_unread(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail("", attachments=sheets(2)), rules=IntakeRules(max_attachments=2))
    (reply,) = replies(store)
    assert reply["facts"]["unread"] == []
    assert alerts(store) == []


def test_a_strangers_attachments_are_not_named_back(world: Any) -> None:
    store, _, bus = world
    stranger = mail("", from_address="who@else.test", attachments=sheets(20))
    intake(bus, stranger, rules=IntakeRules(max_attachments=1))
    (reply,) = replies(store)
    assert (reply["reply_kind"], reply["facts"]["unread"]) == ("not_registered", [])


# --- DMARC ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"from_address": "who@else.test"}, "unknown sender"),
        ({"body": "status SO-00001"}, "status"),
        ({"body": "", "too_large": True}, "too large"),
    ],
)
def test_no_answer_of_any_kind_goes_to_a_sender_failing_dmarc(
    world: Any, fields: dict[str, Any], reason: str
) -> None:
    store, _, bus = world
    intake(bus, mail())  # SO-00001, answered: the sender is a customer
    (outcome,) = intake(bus, mail(n=2, dmarc="fail", **fields))
    assert outcome.reason == f"{reason} (not answered: the mail failed DMARC on our server)"
    assert not outcome.answered
    assert len(replies(store)) == 1
    assert store.state.inbound[-1].reason == outcome.reason


@pytest.mark.parametrize("body", ["FOO 3", "Hello, how are you?", "10 x WIDGET-A"])
def test_a_forged_customers_mail_is_held_and_never_answered(world: Any, body: str) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail(body, dmarc="fail"))
    assert outcome.outcome is Outcome.HELD
    assert replies(store) == []
    assert [a["reason"] for a in alerts(store)] == ["dmarc_fail"]


def test_a_quarantined_mail_failing_dmarc_is_not_answered(world: Any) -> None:
    store, _, bus = world
    cmd = c.QuarantineMail(mail=mail(dmarc="fail"), attempts=3, error="boom", rules=RULES)
    assert bus.handle(cmd).answered is False
    assert replies(store) == []
    assert [a["reason"] for a in alerts(store)] == ["quarantined"]


# --- strangers --------------------------------------------------------------------------


def test_answers_to_strangers_are_capped_per_hour_across_all_of_them(world: Any) -> None:
    store, clock, bus = world
    rules = IntakeRules(rep_channel="#orders", stranger_answers_per_hour=3)
    strangers = [mail(n=n, from_address=f"s{n}@else.test") for n in range(1, 6)]
    outcomes = intake(bus, *strangers[:2], rules=rules)  # two batches: the count is kept
    outcomes += intake(bus, *strangers[2:], mail(n=9), rules=rules)
    assert [r["to"] for r in replies(store)] == [
        "s1@else.test",
        "s2@else.test",
        "s3@else.test",
        BUYER,  # customers are not counted, nor refused
    ]
    assert [o.answered for o in outcomes] == [True, True, True, False, False, True]
    assert outcomes[3].reason == (
        "unknown sender (not answered: 3 answers to unknown senders were sent in the last hour)"
    )
    assert len([a for a in alerts(store) if a["reason"] == "unknown_sender"]) == 5
    clock.advance(minutes=61)
    intake(bus, mail(n=7, from_address="s7@else.test"), rules=rules)
    assert replies(store)[-1]["to"] == "s7@else.test"


def test_a_strangers_subject_and_name_are_not_echoed(world: Any) -> None:
    store, _, bus = world
    spam = "Cheap pills at evil.test, click now"
    stranger = mail(from_address="who@else.test", from_name="Visit evil.test", subject=spam)
    intake(bus, stranger, mail(n=2, subject="Re: Order 12"))
    theirs, ours = replies(store)
    assert (theirs["subject"], theirs["name"]) == ("Re: your mail", "")
    assert theirs["in_reply_to"] == "<m1@acme.test>"  # threading stays
    assert ours["subject"] == "Re: Order 12 [SO-00001]"
    assert ours["name"] == "Acme SA"


# --- loops ------------------------------------------------------------------------------


def test_a_mail_naming_us_in_x_loop_is_ignored(world: Any) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail(flags=("x_loop",)))
    assert (outcome.outcome, outcome.reason) == (Outcome.IGNORED, "x_loop")
    assert store.state.orders == {}
    assert store.state.outbox == []
    assert store.state.inbound[0].reason == "x_loop"
