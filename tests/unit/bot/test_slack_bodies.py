"""What Slack sends passes the body check; the malformed cases are in the integration tests."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.slack.bodies import for_bolt, problem

FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (urlencode({"command": "/order", "text": "", "user_id": "U1"}), FORM),
        (urlencode({"ssl_check": "1", "token": "x"}), FORM),
        (json.dumps({"type": "url_verification", "challenge": "abc", "token": "t"}), FORM),
        (
            json.dumps(
                {
                    "type": "event_callback",
                    "team_id": "T1",
                    "event_id": "Ev1",
                    "event": {"type": "user_change", "user": {"id": "U1"}},
                    "authorizations": [{"team_id": "T1"}],
                }
            ),
            "application/json; charset=utf-8",
        ),
        (
            urlencode(
                {
                    "payload": json.dumps(
                        {
                            "type": "block_actions",
                            "user": {"id": "U1"},
                            "team": None,
                            "enterprise": None,
                            "channel": {"id": "C1"},
                            "container": {"type": "message", "message_ts": "1.2"},
                            "actions": [{"type": "button", "action_id": "run:1", "value": "x"}],
                        }
                    )
                }
            ),
            FORM,
        ),
        (
            urlencode(
                {
                    "payload": json.dumps(
                        {
                            "type": "view_submission",
                            "user": {"id": "U1"},
                            "view": {
                                "id": "V1",
                                "callback_id": "order_new",
                                "private_metadata": "{}",
                                "state": {"values": {"lines": {"value": {"value": "x"}}}},
                            },
                        }
                    )
                }
            ),
            FORM,
        ),
    ],
)
def test_what_slack_sends_passes(body: str, content_type: str) -> None:
    assert problem(body.encode(), content_type) is None


def test_a_command_text_with_an_ampersand_is_still_a_form() -> None:
    body = urlencode({"command": "/customer", "text": 'new AB "A & B"'}).encode()
    assert problem(body, FORM) is None


def test_bolt_gets_a_command_saying_payload_as_a_command() -> None:
    command = urlencode({"command": "/customer", "text": "note ACME payload late"})
    given = for_bolt(command, FORM)
    assert "payload" not in given
    assert parse_qsl(given) == parse_qsl(command)
    interactive = urlencode({"payload": json.dumps({"type": "block_actions"})})
    assert for_bolt(interactive, FORM) == interactive
    event = json.dumps({"type": "event_callback", "event": {"type": "message", "text": "payload"}})
    assert for_bolt(event, "application/json") == event
