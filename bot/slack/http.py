"""HTTP mode: `POST /slack/events` on the shared aiohttp server, signature checked first.

Slack signs each request with HMAC-SHA256 over `v0:{timestamp}:{body}`. A missing,
malformed (non-numeric), stale (over 5 minutes old) or future timestamp, or a wrong
signature, gets 401 here and never reaches Bolt (whose verifier would answer a
malformed timestamp with a 500), so Bolt's own verification is off. A signed body
that is not what Slack sends gets 400 naming what is wrong (bot.slack.bodies), where
Bolt would answer 500 with a traceback. Each request is marked on the `HandOff` while
it is read and acknowledged, so work gives way to it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import nullcontext

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack.bodies import for_bolt, problem
from bot.slack.handoff import HandOff

log = logging.getLogger("orderbot.slack")

MAX_SKEW = 300  # seconds, as Slack recommends
EVENTS_PATH = "/slack/events"


def signature_ok(
    secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float
) -> bool:
    """True when the request was signed with `secret` within the last five minutes."""
    if not timestamp or not signature or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    if abs(now - int(timestamp)) > MAX_SKEW:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def events_handler(
    app: AsyncApp,
    signing_secret: str,
    clock: Callable[[], float] = time.time,
    handoff: HandOff | None = None,
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler of POST /slack/events."""

    async def handle(request: web.Request) -> web.Response:
        with handoff.request() if handoff is not None else nullcontext():
            return await acknowledge(request)

    async def acknowledge(request: web.Request) -> web.Response:
        body = await request.read()
        if not signature_ok(
            signing_secret,
            request.headers.get("X-Slack-Request-Timestamp"),
            request.headers.get("X-Slack-Signature"),
            body,
            clock(),
        ):
            return web.Response(status=401, text="invalid request signature")
        content_type = request.headers.get("Content-Type")
        wrong = problem(body, content_type)
        if wrong is not None:
            log.warning("refused a signed Slack request: %s", wrong)
            return web.Response(status=400, text=f"malformed request: {wrong}")
        bolt_request = AsyncBoltRequest(
            body=for_bolt(body.decode("utf-8"), content_type),
            query=request.query_string,
            headers={k.lower(): v for k, v in request.headers.items()},
        )
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    return handle


def add_events_route(
    server: web.Application,
    app: AsyncApp,
    signing_secret: str,
    clock: Callable[[], float] = time.time,
    handoff: HandOff | None = None,
) -> None:
    """Serve Slack's HTTP mode on `server`; `handoff` gives way while requests are in."""
    server.router.add_post(EVENTS_PATH, events_handler(app, signing_secret, clock, handoff))
