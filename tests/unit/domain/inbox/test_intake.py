"""The intake service on the fakes: who may order, what is answered, what is never answered."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain import commands as c
from domain.inbox.mail import (
    InboundRecord,
    IntakeReport,
    IntakeRules,
    MailIn,
    MailKey,
    Outcome,
    message_key,
)
from domain.inbox.reply import reply_subject
from domain.orders.order import OrderStatus
from domain.outbox.messages import Channel
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
BUYER = "buyer@acme.test"
RULES = IntakeRules(rep_channel="#orders", answers_per_hour=3)


@pytest.fixture
def world() -> tuple[FakeStore, FakeClock, MessageBus]:
    store, clock = FakeStore(), FakeClock()
    factory: Any = store.uow_factory  # the fakes follow the ports as they grow
    bus = MessageBus(factory, clock, Policy(), sleep=lambda _: None)
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=D("12.50"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("3.99"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email=BUYER))
    bus.handle(c.CreateCustomer(code="OTHER", name="Other", email="o@other.test"))
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


def intake(bus: MessageBus, *mails: MailIn, rules: IntakeRules = RULES) -> IntakeReport:
    report: IntakeReport = bus.handle(c.IntakeMails(mails=mails, rules=rules))
    return report


def replies(store: FakeStore) -> list[dict[str, Any]]:
    return [m.payload for m in store.state.outbox if m.kind == "mail_reply"]


def alerts(store: FakeStore) -> list[dict[str, Any]]:
    return [m.payload for m in store.state.outbox if m.kind == "rep_alert"]


def test_an_order_is_created_and_answered_in_the_thread(world: Any) -> None:
    store, _, bus = world
    m = mail("10 x WIDGET-A\nGADGET: 3\nPO: 77", references=("<a@x>",), in_reply_to="<a@x>")
    (outcome,) = intake(bus, m).outcomes
    assert (outcome.outcome, outcome.order_code, outcome.answered) == (
        Outcome.ORDERED,
        "SO-00001",
        True,
    )
    order = store.state.orders["so-00001"]
    assert (order.customer_code, order.reference, str(order.source)) == ("ACME", "77", "email")
    assert [(li.product_code, li.quantity) for li in order.lines] == [
        ("WIDGET-A", D(10)),
        ("GADGET", D(3)),
    ]
    (reply,) = replies(store)
    assert reply["to"] == BUYER
    assert reply["subject"] == "Re: Order [SO-00001]"
    assert reply["in_reply_to"] == "<m1@acme.test>"
    assert reply["references"] == ["<a@x>", "<m1@acme.test>"]
    assert reply["headers"] == {"Auto-Submitted": "auto-replied"}
    assert reply["totals"] == {
        "net": "136.97",
        "tax": "27.39",
        "gross": "164.36",
        "currency": "EUR",
    }
    # The row holds what is said; the words and the markup are the mail edge's.
    assert (reply["reply_kind"], reply["order_code"], reply["facts"]["po"]) == (
        "order",
        "SO-00001",
        "77",
    )
    assert [(ln["product"], ln["quantity"]) for ln in reply["lines"]] == [
        ("WIDGET-A", "10"),
        ("GADGET", "3"),
    ]
    assert "text" not in reply
    assert "html" not in reply


def test_the_same_message_twice_makes_one_order(world: Any) -> None:
    store, _, bus = world
    first = intake(bus, mail(), mail(uid=2)).outcomes
    again = intake(bus, mail(uid=3)).outcomes
    assert [o.outcome for o in first] == [Outcome.ORDERED, Outcome.DUPLICATE]
    assert [o.outcome for o in again] == [Outcome.DUPLICATE]
    assert list(store.state.orders) == ["so-00001"]
    assert len(replies(store)) == 1


def test_an_unknown_sender_gets_a_polite_answer_and_reps_are_told(world: Any) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail(from_address="stranger@else.test")).outcomes
    assert (outcome.outcome, outcome.reason) == (Outcome.ANSWERED, "unknown sender")
    assert store.state.orders == {}
    (reply,) = replies(store)
    assert reply["reply_kind"] == "not_registered"
    assert reply["to"] == "stranger@else.test"
    (alert,) = [m for m in store.state.outbox if m.kind == "rep_alert"]
    assert (alert.channel, alert.recipient) == (Channel.SLACK, "#orders")
    assert alert.payload["reason"] == "unknown_sender"


def test_dmarc_failure_holds_a_draft_and_tells_only_reps(world: Any) -> None:
    store, _, bus = world
    rules = IntakeRules(rep_channel="#orders", confirm_orders=True)
    (outcome,) = intake(bus, mail(dmarc="fail"), rules=rules).outcomes
    assert (outcome.outcome, outcome.order_code) == (Outcome.HELD, "SO-00001")
    assert store.state.orders["so-00001"].status == OrderStatus.DRAFT
    assert replies(store) == []
    assert [a["reason"] for a in alerts(store)] == ["dmarc_fail"]


def test_orders_arrive_confirmed_when_the_setting_says_so(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail(), rules=IntakeRules(confirm_orders=True))
    assert store.state.orders["so-00001"].status == OrderStatus.CONFIRMED


@pytest.mark.parametrize("flag", ["bounce", "out_of_office", "mailing_list", "from_ourselves"])
def test_automatic_mail_is_neither_taken_nor_answered(world: Any, flag: str) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail(flags=(flag,))).outcomes
    assert (outcome.outcome, outcome.reason) == (Outcome.IGNORED, flag)
    assert store.state.orders == {}
    assert store.state.outbox == []


@pytest.mark.parametrize("flag", ["auto_reply", "no_reply_sender"])
def test_another_systems_automatic_order_is_taken_without_an_answer(world: Any, flag: str) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail(flags=(flag,))).outcomes
    assert (outcome.outcome, outcome.answered) == (Outcome.ORDERED, False)
    assert list(store.state.orders) == ["so-00001"]
    assert store.state.outbox == []


def test_a_duplicate_po_is_answered_not_ordered_twice(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail("10 x WIDGET-A\nPO: 77"), mail("GADGET x 2\nPO: 77", n=2))
    assert list(store.state.orders) == ["so-00001"]
    second = replies(store)[1]
    assert (second["reply_kind"], second["order_code"]) == ("duplicate_po", "SO-00001")
    assert second["subject"] == "Re: Order [SO-00001]"


def test_problems_are_listed_red_and_yellow(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail("10 x WIDGT-A\nFOO 3\nGADGET x -2\nShip to: NOWHERE"))
    order = store.state.orders["so-00001"]
    assert [(li.product_code, li.quantity) for li in order.lines] == [("WIDGET-A", D(10))]
    problems = replies(store)[0]["problems"]
    assert [(p["severity"], p["line_no"]) for p in problems] == [
        ("yellow", None),
        ("yellow", 1),
        ("red", 2),
        ("red", 3),
    ]
    assert problems[1]["reason"] == (
        "unknown product 'WIDGT-A'; did you mean WIDGET-A? Taken as WIDGET-A (Widget A)"
    )


def test_no_line_taken_creates_nothing(world: Any) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail("FOO 3\nBAR x 2")).outcomes
    assert (outcome.outcome, outcome.reason) == (Outcome.ANSWERED, "no line taken")
    assert store.state.orders == {}
    assert store.state.counters.get("SO") is None


def test_a_mail_without_an_order_gets_the_help(world: Any) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail("Hello, how are you?")).outcomes
    assert outcome.reason == "no order found"
    assert replies(store)[0]["help"] == ["order_lines", "status_request"]


def test_status_is_answered_only_to_the_orders_customer(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail())
    intake(bus, mail("status SO-00001", n=2))
    intake(bus, mail("status SO-00001", n=3, from_address="o@other.test"))
    mine, theirs = replies(store)[1:]
    assert (mine["reply_kind"], mine["status"], mine["order_code"]) == (
        "status",
        "draft",
        "SO-00001",
    )
    assert theirs["lines"] == []
    assert (theirs["reply_kind"], theirs["status"], theirs["order_code"], theirs["help"]) == (
        "status",
        None,
        "SO-00001",
        ["status_request"],
    )


def test_a_reply_on_an_orders_thread_gets_its_status(world: Any) -> None:
    store, _, bus = world
    intake(bus, mail())
    intake(bus, mail("Any news?", n=2, in_reply_to="<m1@acme.test>", subject="Re: Order"))
    assert replies(store)[1]["reply_kind"] == "status"
    assert replies(store)[1]["order_code"] == "SO-00001"


def test_answers_per_sender_are_limited_per_hour(world: Any) -> None:
    store, clock, bus = world
    intake(bus, *[mail("hello", n=n) for n in range(1, 6)])
    assert len(replies(store)) == 3
    clock.advance(minutes=61)
    intake(bus, mail("hello", n=9))
    assert len(replies(store)) == 4


def test_an_oversize_mail_is_answered(world: Any) -> None:
    store, _, bus = world
    (outcome,) = intake(bus, mail("", too_large=True)).outcomes
    assert outcome.reason == "too large"
    assert store.state.orders == {}
    assert replies(store)[0]["reply_kind"] == "too_large"


def test_quarantine_records_the_mail_and_tells_reps(world: Any) -> None:
    store, _, bus = world
    cmd = c.QuarantineMail(mail=mail(), attempts=3, error="boom", rules=RULES)
    first = bus.handle(cmd)
    assert (first.outcome, first.answered) == (Outcome.QUARANTINED, True)
    assert bus.handle(cmd).outcome == Outcome.DUPLICATE
    (alert,) = alerts(store)
    assert alert["reason"] == "quarantined"
    assert "failed 3 times" in alert["text"]
    assert "boom" in alert["text"]
    (reply,) = replies(store)
    assert (reply["to"], reply["reply_kind"]) == (BUYER, "quarantined")
    assert intake(bus, mail()).outcomes[0].outcome == Outcome.DUPLICATE


def test_a_quarantined_strangers_mail_is_left_to_the_rep(world: Any) -> None:
    store, _, bus = world
    stranger = mail(from_address="x" * 300 + "@else.test")  # no address is this long
    cmd = c.QuarantineMail(mail=stranger, attempts=3, error="Overflow", rules=RULES)
    assert (bus.handle(cmd).outcome, replies(store)) == (Outcome.QUARANTINED, [])
    assert [a["reason"] for a in alerts(store)] == ["quarantined"]
    (record,) = store.state.inbound
    assert (record.sender, record.outcome) == (None, Outcome.QUARANTINED)


def test_two_mails_with_one_message_id_are_two_records(world: Any) -> None:
    """Mailers that reuse Message-IDs exist: the second mail is held, never dropped."""
    store, _, bus = world
    first = mail("10 x WIDGET-A", content_hash="a" * 64)
    second = mail("2 x GADGET", from_address="o@other.test", content_hash="b" * 64, uid=2)
    outcomes = intake(bus, first, second).outcomes
    assert [(o.outcome, o.reason, o.order_code) for o in outcomes] == [
        (Outcome.ORDERED, "order", "SO-00001"),
        (Outcome.HELD, "Message-ID reused", "SO-00002"),
    ]
    held = store.state.orders["so-00002"]
    assert (held.customer_code, held.status) == ("OTHER", OrderStatus.DRAFT)
    assert held.remarks.startswith("HELD FOR REVIEW: a different mail with the same Message-ID")
    (alert,) = alerts(store)
    assert alert["reason"] == "message_id_reused"
    assert "<m1@acme.test>" in alert["text"]
    assert [r["to"] for r in replies(store)] == [BUYER]  # the held one is not answered
    assert len(store.state.inbound) == 2
    # each is still itself: read again, both are duplicates
    again = intake(bus, second, first).outcomes
    assert [o.outcome for o in again] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    # and the same sender reusing the Message-ID for another mail is held too
    third = mail("3 x GADGET", content_hash="c" * 64, uid=3)
    assert intake(bus, third).outcomes[0].outcome == Outcome.HELD


def test_a_mail_recorded_before_contents_were_hashed_stays_a_duplicate(world: Any) -> None:
    store, clock, bus = world
    old = MailKey("<m1@acme.test>", BUYER, "")  # a row as the migration leaves it
    store.state.inbound.append(InboundRecord(old, clock.now, BUYER, "Order", Outcome.ORDERED))
    reread = mail(content_hash="a" * 64)
    assert intake(bus, reread).outcomes[0].outcome == Outcome.DUPLICATE
    other = mail(from_address="o@other.test", content_hash="b" * 64)
    assert intake(bus, other).outcomes[0].outcome == Outcome.HELD


def test_long_message_ids_are_hashed_into_the_key() -> None:
    long_id = "<" + "x" * 300 + "@y>"
    assert message_key("<a@b>") == "<a@b>"
    assert message_key(long_id).startswith("sha256:")
    assert len(message_key(long_id)) == 71


def test_reply_subjects_do_not_stack() -> None:
    assert reply_subject("RE: Fwd: Order", "SO-00002") == "Re: Order [SO-00002]"
    assert reply_subject("Re: Order [SO-00002]", "SO-00002") == "Re: Order [SO-00002]"
    assert reply_subject("", None) == "Re: your mail"
