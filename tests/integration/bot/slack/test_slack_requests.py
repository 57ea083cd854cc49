"""Signatures, the modal, events and retries: what Slack sends besides plain commands."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.slack.app import make_client
from bot.slack.sender import SlackSender
from domain import commands as c
from domain.jobs.digest import make_digest
from domain.outbox.messages import Channel, OutboxMessage, Outcome, SendResult
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import SECRET, sign
from tests.integration.bot.slack.test_slack_commands import seed
from tests.servers.slack_api import SlackApiStub

FORM = "application/x-www-form-urlencoded"


def _now() -> int:
    return int(time.time())


@pytest.mark.parametrize(
    ("case", "timestamp", "signature"),
    [
        ("tampered", lambda b: str(_now()), lambda b, ts: sign(b + b"x", ts)),
        ("other secret", lambda b: str(_now()), lambda b, ts: sign(b, ts, "not-" + SECRET)),
        ("301 s old", lambda b: str(_now() - 301), lambda b, ts: sign(b, ts)),
        ("future", lambda b: str(_now() + 301), lambda b, ts: sign(b, ts)),
        ("malformed timestamp", lambda b: "12ab", lambda b, ts: sign(b, ts)),
        ("empty timestamp", lambda b: "", lambda b, ts: sign(b, ts)),
        ("no signature", lambda b: str(_now()), lambda b, ts: ""),
    ],
)
async def test_bad_signatures_get_401_and_do_nothing(
    rig: SlackRig, case: str, timestamp: Any, signature: Any
) -> None:
    body = rig.client.command_body("/customer", 'new EVIL "Evil Co"')
    ts = timestamp(body)
    status, text = await rig.client.post(body, FORM, timestamp=ts, signature=signature(body, ts))
    await rig.drain()
    assert (status, text) == (401, "invalid request signature"), case
    assert rig.api.calls == []
    assert rig.app.bus.handle(c.FindCustomers(text="EVIL")).items == ()


async def test_valid_signature_is_served(rig: SlackRig) -> None:
    body = rig.client.command_body("/customer", 'new GOOD "Good Co"')
    status, _ = await rig.client.post(body, FORM)
    await rig.drain()
    assert status == 200
    assert rig.app.bus.handle(c.ShowCustomer(code="GOOD")).customer.name == "Good Co"


async def test_a_command_that_says_payload_is_served(rig: SlackRig) -> None:
    # Bolt took any form containing the word for an interactive payload: 404, no answer.
    body = rig.client.command_body("/customer", 'new PAY "payload Co"')
    status, _ = await rig.client.post(body, FORM)
    await rig.drain()
    assert status == 200
    assert rig.app.bus.handle(c.ShowCustomer(code="PAY")).customer.name == "payload Co"


def _payload(data: object) -> bytes:
    return urlencode({"payload": json.dumps(data)}).encode()


@pytest.mark.parametrize(
    ("body", "content_type", "why"),
    [
        (b"this is not a form", FORM, "body: not form-encoded (name=value pairs joined by &)"),
        (b"\xff\xfe=1", FORM, "body: not UTF-8 text"),
        (
            urlencode({"user_id": "U1"}).encode(),
            FORM,
            "body: a form with neither a payload nor a command",
        ),
        (urlencode({"payload": "{not json"}).encode(), FORM, "payload: not JSON"),
        (_payload([1, 2]), FORM, "payload: JSON, but an array instead of an object"),
        (_payload({"type": "block_actions", "actions": "x"}), FORM, "payload.actions: not a list"),
        (
            _payload({"type": "block_actions", "user": "U1", "actions": []}),
            FORM,
            "payload.user: not an object",
        ),
        (
            _payload({"type": "block_actions", "actions": [{"action_id": 3}]}),
            FORM,
            "payload.actions[0]: not an object with an action_id",
        ),
        (_payload({"type": "view_submission", "view": "x"}), FORM, "payload.view: not an object"),
        (
            _payload({"type": "view_submission", "view": {"state": {"values": [1]}}}),
            FORM,
            "payload.view.state.values: not an object of objects",
        ),
        (_payload({"actions": []}), FORM, "payload.type: missing or not a string"),
        (b"{not json", "application/json", "body: not JSON"),
        (b'"x"', "application/json", "body: JSON, but a string instead of an object"),
        (
            json.dumps({"type": "event_callback", "event": "x"}).encode(),
            "application/json",
            "body.event: not an object with a type",
        ),
    ],
)
async def test_signed_malformed_bodies_get_400_naming_what_is_wrong(
    rig: SlackRig, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str, why: str
) -> None:
    status, text = await rig.client.post(body, content_type)
    await rig.drain()
    assert (status, text) == (400, f"malformed request: {why}")
    assert rig.api.calls == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def _submission(view_id: str, customer: str, lines: str, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "customer": {
            "customer_pick": {"selected_option": {"value": customer} if customer else None}
        },
        "lines": {"value": {"type": "plain_text_input", "value": lines}},
        "ref": {"value": {"value": extra.get("ref")}},
        "dup_ref": {"value": {"selected_options": extra.get("dup_ref", [])}},
        "req": {"value": {"selected_date": extra.get("req")}},
        "due": {"value": {"selected_date": None}},
        "ship_to": {"value": {"value": None}},
        "bill_to": {"value": {"value": None}},
        "confirm": {"value": {"selected_options": extra.get("confirm", [])}},
    }
    return {
        "type": "view_submission",
        "user": {"id": "UREP"},
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": "order_new",
            "private_metadata": json.dumps({"channel": "C1"}),
            "state": {"values": values},
        },
    }


async def test_order_new_without_arguments_opens_the_modal(rig: SlackRig) -> None:
    status, _ = await rig.client.command("/order", "new", trigger="trig.modal")
    await rig.drain()
    assert status == 200
    [opened] = rig.api.of("views.open")
    assert opened["trigger_id"] == "trig.modal"
    assert opened["view"]["callback_id"] == "order_new"
    blocks = [b["block_id"] for b in opened["view"]["blocks"]]
    assert blocks == [
        "customer",
        "lines",
        "ref",
        "dup_ref",
        "req",
        "due",
        "ship_to",
        "bill_to",
        "confirm",
    ]


async def test_customer_picker_searches(rig: SlackRig) -> None:
    seed(rig)
    payload = {
        "type": "block_suggestion",
        "user": {"id": "UREP"},
        "action_id": "customer_pick",
        "block_id": "customer",
        "value": "acme",
        "view": {"id": "V1", "callback_id": "order_new"},
    }
    status, text = await rig.client.interaction(payload)
    assert status == 200
    assert json.loads(text)["options"] == [
        {"text": {"type": "plain_text", "text": "ACME · Acme SA"}, "value": "ACME"}
    ]


async def test_modal_submission_creates_the_order_once(rig: SlackRig) -> None:
    seed(rig)
    payload = _submission("V7", "ACME", "WIDGET 2 @11\nBOX 1", ref="PO-5", req="2026-12-03")
    payload["view"]["state"]["values"]["confirm"]["value"]["selected_options"] = [{"value": "yes"}]
    for _ in range(2):  # a double submission
        status, text = await rig.client.interaction(payload)
        assert (status, text) == (200, "")
    await rig.drain()
    orders = rig.app.bus.handle(c.ListOrders()).items
    assert [o.code for o in orders] == ["SO-00001"]
    order = orders[0]
    assert (order.status, order.reference, str(order.requested_date)) == (
        "confirmed",
        "PO-5",
        "2026-12-03",
    )
    assert [(ln.product_code, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("WIDGET", Decimal(2), Decimal(11)),
        ("BOX", Decimal(1), Decimal(3)),
    ]
    posted = rig.api.of("chat.postEphemeral")
    assert [(p["channel"], p["user"]) for p in posted] == [("C1", "UREP"), ("C1", "UREP")]
    assert posted[0]["text"].startswith("Created SO-00001.")


async def test_modal_errors_point_at_the_fields(rig: SlackRig) -> None:
    seed(rig)
    status, text = await rig.client.interaction(_submission("V8", "", "WIDGET lots"))
    await rig.drain()
    assert status == 200
    assert json.loads(text) == {
        "response_action": "errors",
        "errors": {
            "customer": "Pick a customer.",
            "lines": "quantity of WIDGET 'lots' is not a number (one PRODUCT QTY [@PRICE] per row)",
        },
    }
    assert rig.app.bus.handle(c.ListOrders()).items == ()


async def test_retried_event_changes_nothing_twice(rig: SlackRig) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D1",
        "user": "UREP",
        "text": 'customer new EVT "Event Co"',
        "ts": "1.1",
    }
    assert (await rig.client.event(event, "Ev1"))[0] == 200
    await rig.drain()
    assert (await rig.client.event(event, "Ev1", retry=1))[0] == 200
    await rig.drain()
    assert rig.app.bus.handle(c.ShowCustomer(code="EVT")).customer.name == "Event Co"
    [posted] = rig.api.of("chat.postMessage")
    assert posted["channel"] == "D1"
    assert posted["text"].startswith("Created customer EVT.")


async def test_429_from_slack_is_retried_after_retry_after(rig: SlackRig) -> None:
    rig.api.fail_next("views.open", 429, retry_after=1)
    started = time.monotonic()
    await rig.client.command("/order", "new")
    await rig.drain()
    assert len(rig.api.of("views.open")) == 2
    assert time.monotonic() - started >= 1.0


async def _send(sender: SlackSender, messages: list[OutboxMessage]) -> list[SendResult]:
    """The outcomes the sender settles, in the order it settles them."""
    settled: list[SendResult] = []

    async def settle(results: Sequence[SendResult]) -> None:
        settled.extend(results)

    await sender.send(messages, settle)
    return settled


def _message(n: int) -> OutboxMessage:
    return OutboxMessage(
        channel=Channel.SLACK,
        kind="digest",
        recipient="C-DIGEST",
        created_at=datetime(2026, 11, 23, tzinfo=UTC),
        payload={
            "text": f"digest {n}",
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}],
        },
        id=n,
    )


@pytest.mark.parametrize(
    ("status", "error", "retry_after", "outcome"),
    [
        (200, "", None, Outcome.SENT),
        (429, "ratelimited", 7, Outcome.RETRY),
        (503, "service_unavailable", None, Outcome.RETRY),
        (200, "invalid_auth", None, Outcome.PAUSE),
        (200, "channel_not_found", None, Outcome.DEAD),
    ],
)
async def test_outbox_sender_outcomes(
    slack_api: SlackApiStub, status: int, error: str, retry_after: int | None, outcome: Outcome
) -> None:
    if error:
        slack_api.fail_next("chat.postMessage", status, retry_after, error)
    sender = SlackSender(make_client("xoxb-test", slack_api.base_url, retry_429=False))
    [result] = await _send(sender, [_message(1)])
    assert (result.message_id, result.outcome) == (1, outcome)
    assert result.retry_after == (7.0 if retry_after else None)
    [posted] = slack_api.of("chat.postMessage")
    assert (posted["channel"], posted["text"]) == ("C-DIGEST", "digest 1")
    assert posted["blocks"][0]["type"] == "section"


async def test_outbox_sender_pauses_the_rest_after_a_bad_token(slack_api: SlackApiStub) -> None:
    slack_api.fail_next("chat.postMessage", 200, error="token_revoked")
    sender = SlackSender(make_client("xoxb-test", slack_api.base_url, retry_429=False))
    results = await _send(sender, [_message(1), _message(2)])
    assert [(r.message_id, r.outcome) for r in results] == [(1, Outcome.PAUSE), (2, Outcome.PAUSE)]
    assert len(slack_api.of("chat.postMessage")) == 1


def _digest_row(n: int, payload: dict[str, Any]) -> OutboxMessage:
    return OutboxMessage(
        Channel.SLACK, "digest", "C-DIGEST", datetime(2026, 11, 23, tzinfo=UTC), payload, id=n
    )


async def test_the_sender_draws_digest_data_and_refuses_rows_it_cannot_draw(
    slack_api: SlackApiStub,
) -> None:
    digest = make_digest([], [], [], datetime(2026, 11, 23, 7, tzinfo=UTC), UTC)
    sender = SlackSender(make_client("xoxb-test", slack_api.base_url, retry_429=False))
    drawn, broken = await _send(
        sender, [_digest_row(1, digest.payload()), _digest_row(2, {"until": "someday"})]
    )
    assert (drawn.outcome, broken.outcome) == (Outcome.SENT, Outcome.DEAD)
    assert broken.error.startswith("the row cannot be drawn")
    [posted] = slack_api.of("chat.postMessage")  # the broken row never reached Slack
    assert posted["text"].startswith("orderbot job digest: 0 runs since the last digest")
    assert posted["blocks"][0]["type"] == "header"
