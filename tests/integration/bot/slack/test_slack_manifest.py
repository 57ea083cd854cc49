"""The manifest a user pastes into Slack: valid YAML, and exactly the app's commands."""

from __future__ import annotations

import yaml

from bot.handlers.threads import SEND_SHORTCUT
from bot.language.grammar import build_grammar
from bot.slack.app import SlackDeps, build_app, registered_commands
from tests.paths import ROOT

MANIFEST = ROOT / "slack" / "manifest.yml"


def _manifest() -> dict[str, object]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


async def test_manifest_lists_exactly_the_registered_commands() -> None:
    deps = SlackDeps(bus=None, grammar=build_grammar(), today=lambda: None)  # type: ignore[arg-type]
    build_app(deps, "xoxb-test", "secret", "http://127.0.0.1:9/api/")
    features = _manifest()["features"]
    assert isinstance(features, dict)
    listed = sorted(cmd["command"] for cmd in features["slash_commands"])
    assert listed == registered_commands(deps)
    assert len(listed) == len(set(listed))


def test_manifest_has_what_the_app_uses() -> None:
    manifest = _manifest()
    settings = manifest["settings"]
    assert isinstance(settings, dict)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    # message.channels: the order threads' messages reach the app, which keeps them internal
    assert settings["event_subscriptions"]["bot_events"] == ["message.im", "message.channels"]
    oauth = manifest["oauth_config"]
    assert isinstance(oauth, dict)
    scopes = set(oauth["scopes"]["bot"])
    assert {"commands", "chat:write", "im:history", "files:read", "files:write"} <= scopes
    assert "channels:history" in scopes
    features = manifest["features"]
    assert isinstance(features, dict)
    shortcuts = {(s["type"], s["callback_id"]) for s in features["shortcuts"]}
    assert ("message", SEND_SHORTCUT) in shortcuts
    for command in features["slash_commands"]:
        assert len(command["description"]) <= 100, command
        assert command["command"].startswith("/")
