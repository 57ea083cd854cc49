"""How bootstrap wires Slack: HTTP mode on /slack/events, or Socket Mode as a part."""

from __future__ import annotations

import bootstrap
from bootstrap.slack import slack_edge, slack_sender
from bootstrap.web import web_application
from tests.integration.conftest import AppFactory
from tests.servers.slack_api import SlackApiStub


def _routes(app: bootstrap.App) -> set[str]:
    server = web_application(app, slack_edge(app))
    return {r.resource.canonical for r in server.router.routes() if r.resource is not None}


async def test_http_mode_serves_slack_events(
    make_app: AppFactory, sqlite_url: str, slack_api: SlackApiStub
) -> None:
    app = make_app(sqlite_url, slack_bot_token="xoxb-1", slack_signing_secret="s")
    assert "/slack/events" in _routes(app)
    [part] = [p for p in bootstrap.parts(app) if p.name == "slack"]
    assert part.where == "HTTP POST /slack/events on port 8000"


async def test_socket_mode_is_a_part_and_no_route(
    make_app: AppFactory, sqlite_url: str, slack_api: SlackApiStub
) -> None:
    app = make_app(sqlite_url, slack_bot_token="xoxb-1", slack_app_token="xapp-1")
    assert "/slack/events" not in _routes(app)
    [part] = [p for p in bootstrap.parts(app) if p.name == "slack"]
    assert part.where == "Socket Mode"


def test_without_a_token_there_is_no_slack(make_app: AppFactory, sqlite_url: str) -> None:
    app = make_app(sqlite_url)
    assert "/slack/events" not in _routes(app)
    assert [p.name for p in bootstrap.parts(app) if p.name == "slack"] == []
    assert slack_sender(app) is None
