"""A Slack user's locale is asked of Slack once, kept for the time limit, then asked again;
a failure is kept as briefly, and reads as no locale (the LANGUAGE setting)."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError

from bot.slack.locales import UserLocales


class FakeClient:
    """users.info answering from `locales`, or failing with `error`."""

    def __init__(self, locales: dict[str, str], error: str = "") -> None:
        self.locales = locales
        self.error = error
        self.asked: list[dict[str, Any]] = []

    async def users_info(self, **params: Any) -> dict[str, Any]:
        self.asked.append(params)
        if self.error:
            raise SlackApiError(self.error, {"ok": False, "error": self.error})
        return {"ok": True, "user": {"id": params["user"], "locale": self.locales[params["user"]]}}


async def test_a_locale_is_kept_for_the_time_limit_then_asked_again() -> None:
    now = [0.0]
    locales = UserLocales(ttl=60, clock=lambda: now[0])
    client = FakeClient({"U1": "fr-FR"})
    assert await locales.of(client, "U1") == "fr-FR"  # type: ignore[arg-type]
    now[0] = 59
    assert await locales.of(client, "U1") == "fr-FR"  # type: ignore[arg-type]
    assert locales.known("U1") == "fr-FR"
    assert client.asked == [{"user": "U1", "include_locale": True}]
    client.locales["U1"] = "da-DK"
    now[0] = 60
    assert locales.known("U1") is None
    assert await locales.of(client, "U1") == "da-DK"  # type: ignore[arg-type]
    assert len(client.asked) == 2


async def test_a_failure_reads_as_no_locale_and_is_kept_too() -> None:
    locales = UserLocales(ttl=60, clock=lambda: 0.0)
    client = FakeClient({}, error="missing_scope")
    assert await locales.of(client, "U1") is None  # type: ignore[arg-type]
    assert await locales.of(client, "U1") is None  # type: ignore[arg-type]
    assert len(client.asked) == 1


async def test_at_most_limit_users_are_kept() -> None:
    locales = UserLocales(ttl=60, clock=lambda: 0.0, limit=2)
    client = FakeClient({"U1": "fr", "U2": "da", "U3": "en"})
    for user in ("U1", "U2", "U3"):
        await locales.of(client, user)  # type: ignore[arg-type]
    assert locales.known("U1") is None
    assert (locales.known("U2"), locales.known("U3")) == ("da", "en")
