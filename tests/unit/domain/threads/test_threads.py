"""The order threads' pure rules: what puts an order at risk, a thread's mail chain,
and a thread post as outbox data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.texts import _
from domain.threads.jeopardy import at_risk
from domain.threads.posts import thread_post
from domain.threads.thread import Thread, order_of_thread, order_thread
from tests.unit.builders import T0, confirmed, order, spec

DAY = date(2026, 3, 10)


def test_a_shipment_planned_before_today_and_not_shipped_is_at_risk() -> None:
    late = confirmed(spec("TEA", 2))
    late.shipments[0].planned_date = DAY - timedelta(days=1)
    [reason] = at_risk(late, DAY)
    assert reason.msgid.startswith("At risk: shipment {shipment}")
    assert reason.params["day"] == DAY - timedelta(days=1)
    late.shipments[0].planned_date = DAY  # due today: not late yet
    assert at_risk(late, DAY) == []


def test_a_requested_date_before_the_earliest_planned_shipment_is_at_risk() -> None:
    made = confirmed(spec("TEA", 2), requested_date=DAY)
    made.shipments[0].planned_date = DAY + timedelta(days=3)
    [reason] = at_risk(made, DAY - timedelta(days=5))
    assert (reason.params["requested"], reason.params["planned"]) == (
        DAY,
        DAY + timedelta(days=3),
    )


def test_a_draft_is_never_at_risk() -> None:
    draft = order(spec("TEA", 2), requested_date=DAY)
    draft.shipments[0].planned_date = DAY - timedelta(days=30)
    assert at_risk(draft, DAY) == []


def test_a_thread_chains_the_customers_latest_mail() -> None:
    thread = Thread(order_thread("SO-00001"), "C1", "ACME")
    thread.heard("<m2@a>", ("<m1@a>",), "Re: Order")
    thread.heard("<m3@a>", ("<m1@a>", "<m2@a>", "<outbox-4.orderbot@shop>"), "")
    assert thread.last_message_id == "<m3@a>"
    assert thread.references == ["<m1@a>", "<m2@a>", "<outbox-4.orderbot@shop>", "<m3@a>"]
    assert thread.subject == "Re: Order"  # an empty subject keeps the last one
    assert (thread.order_code, order_of_thread("customer:ACME")) == ("SO-00001", None)


def test_a_thread_post_keeps_dates_and_numbers_for_the_edge_to_format() -> None:
    thread = Thread(order_thread("SO-00001"), "C1", "ACME", owner="UREP")
    text = _("{n} on {day}", n=Decimal("2.500"), day=DAY)
    row = thread_post(thread, text, T0, quote="hello", mention=thread.owner, key="k")
    assert row.payload["text"]["params"] == {"n": "2.5", "day": "2026-03-10"}
    assert (row.payload["dates"], row.payload["numbers"]) == (["day"], ["n"])
    assert (row.order_code, row.key, row.payload["mention"]) == ("SO-00001", "k", "UREP")
