"""Requests signed like Slack's, sent to orderbot's POST /slack/events over loopback HTTP."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp

SECRET = "test-signing-secret"
TEAM = "T1"


def sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's v0 signature of a body at a timestamp."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class SlackClient:
    """Sends slash commands, button clicks, view submissions and events, signed."""

    session: aiohttp.ClientSession
    url: str  # http://127.0.0.1:PORT/slack/events
    response_base: str  # the stub's response_url prefix
    _n: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def post(
        self,
        body: bytes,
        content_type: str,
        timestamp: str | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST a body signed now (or with the given timestamp/signature)."""
        ts = timestamp if timestamp is not None else str(int(time.time()))
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature if signature is not None else sign(body, ts),
            **(headers or {}),
        }
        async with self.session.post(self.url, data=body, headers=sent) as response:
            return response.status, await response.text()

    def command_body(self, command: str, text: str, user: str = "UREP", trigger: str = "") -> bytes:
        """A slash command's form body; each gets its own trigger_id and response_url."""
        n = next(self._n)
        return urlencode(
            {
                "command": command,
                "text": text,
                "user_id": user,
                "user_name": user.lower(),
                "team_id": TEAM,
                "channel_id": "C1",
                "trigger_id": trigger or f"trigger.{n}",
                "response_url": f"{self.response_base}/{n}",
            }
        ).encode()

    async def command(
        self, command: str, text: str, user: str = "UREP", trigger: str = ""
    ) -> tuple[int, str]:
        """Send a slash command."""
        body = self.command_body(command, text, user, trigger)
        return await self.post(body, "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Send an interactive payload (block_actions, view_submission, block_suggestion)."""
        payload.setdefault("team", {"id": TEAM})
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return await self.post(body, "application/x-www-form-urlencoded")

    async def click(
        self, button: dict[str, Any], user: str = "UREP", message_ts: str = "1700000000.000001"
    ) -> tuple[int, str]:
        """Click a button element of a card."""
        n = next(self._n)
        return await self.interaction(
            {
                "type": "block_actions",
                "user": {"id": user},
                "trigger_id": f"trigger.{n}",
                "channel": {"id": "C1"},
                "container": {"type": "message", "message_ts": message_ts, "is_ephemeral": True},
                "response_url": f"{self.response_base}/{n}",
                "actions": [
                    {
                        "type": "button",
                        "action_id": button["action_id"],
                        "block_id": "next",
                        "value": button["value"],
                        "action_ts": f"{time.time():.6f}",
                    }
                ],
            }
        )

    async def event(
        self, event: dict[str, Any], event_id: str, retry: int | None = None
    ) -> tuple[int, str]:
        """Send an Events API callback (a retry carries X-Slack-Retry-Num)."""
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": TEAM,
                "api_app_id": "A1",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        ).encode()
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(body, "application/json", headers=headers if retry else None)


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a card by label (action blocks and section accessories)."""
    found: dict[str, dict[str, Any]] = {}
    for block in message.get("blocks") or []:
        elements = list(block.get("elements", [])) if block.get("type") == "actions" else []
        if block.get("accessory", {}).get("type") == "button":
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button":
                found.setdefault(element["text"]["text"], element)
    return found
