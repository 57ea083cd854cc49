"""Fixtures of the Slack tests: the Web API stand-in and orderbot serving /slack/events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiohttp import web

import bootstrap
from bootstrap.slack import slack_edge
from bootstrap.web import web_application
from bot.slack.app import SlackDeps
from tests.integration.bot.slack.signing import SECRET, SlackClient
from tests.integration.conftest import AppFactory
from tests.servers.ports import LOOPBACK
from tests.servers.slack_api import SlackApiStub

MANAGER = "UBOSS"


@pytest.fixture
async def slack_api() -> AsyncIterator[SlackApiStub]:
    """The Web API stand-in on 127.0.0.1."""
    stub = await SlackApiStub().start()
    yield stub
    await stub.stop()


@dataclass
class SlackRig:
    """orderbot's app, its Slack deps, the stand-in and a signed client."""

    app: bootstrap.App
    deps: SlackDeps
    api: SlackApiStub
    client: SlackClient

    async def drain(self) -> None:
        """Wait for all work handed off after acknowledgements."""
        await self.deps.handoff.drain(within=30)

    async def run(self, command: str, text: str, user: str = "UREP") -> dict[str, Any]:
        """Send a slash command, check its 200 ack, and return the answer it got."""
        before = len(self.api.responses())
        status, _ = await self.client.command(command, text, user)
        assert status == 200
        await self.drain()
        answers = self.api.responses()[before:]
        assert len(answers) == 1, answers
        return answers[0]


async def start_rig(app: bootstrap.App, api: SlackApiStub) -> AsyncIterator[SlackRig]:
    """Serve the app's web server (with /slack/events) on a loopback port."""
    edge = slack_edge(app)
    assert edge is not None
    deps = edge.deps
    runner = web.AppRunner(web_application(app, edge), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, LOOPBACK, 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    async with aiohttp.ClientSession() as session:
        client = SlackClient(
            session, f"http://{LOOPBACK}:{port}/slack/events", f"{api.url}/response"
        )
        try:
            yield SlackRig(app, deps, api, client)
        finally:
            await deps.handoff.drain(within=30)
            await deps.close()
            await runner.cleanup()


def slack_settings(api: SlackApiStub) -> dict[str, Any]:
    """Settings of an orderbot talking to the stand-in in HTTP mode."""
    return {
        "slack_bot_token": "xoxb-test",
        "slack_signing_secret": SECRET,
        "slack_api_url": api.base_url,
        "slack_managers": MANAGER,
    }


@pytest.fixture
async def rig(
    make_app: AppFactory, sqlite_url: str, slack_api: SlackApiStub
) -> AsyncIterator[SlackRig]:
    """orderbot on SQLite answering Slack over HTTP, against the stand-in."""
    app = make_app(sqlite_url, **slack_settings(slack_api))
    async for ready in start_rig(app, slack_api):
        yield ready
