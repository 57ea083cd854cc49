"""Which language each Slack user reads: the locale Slack reports for them, kept a while.

`users.info` with `include_locale` tells a user's locale (`fr-FR`, `da-DK`); asking it on
every command would cost a Web API call per request, so the answer is kept per process
for `ttl` seconds (a user who changes their Slack language is heard within the hour).
When Slack cannot tell (an error, a missing scope, a user without a locale), the user gets
the `LANGUAGE` setting's language, and the failure is remembered as briefly, so a broken
scope does not double every request's calls.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("orderbot.slack")

LOCALE_TTL = 3600.0  # seconds a user's locale is trusted before asking Slack again
MAX_USERS = 10_000  # users whose locale is kept (the least recently asked go first)


class UserLocales:
    """The locale tag of each Slack user, as Slack last reported it (None: unknown)."""

    def __init__(
        self,
        ttl: float = LOCALE_TTL,
        clock: Callable[[], float] = time.monotonic,
        limit: int = MAX_USERS,
    ) -> None:
        self.ttl = ttl
        self.clock = clock
        self.limit = limit
        self._known: dict[str, tuple[float, str | None]] = {}

    def known(self, user: str) -> str | None:
        """The kept locale of `user`, without asking Slack (None when unknown or stale)."""
        kept = self._known.get(user)
        if kept is None or self.clock() - kept[0] >= self.ttl:
            return None
        return kept[1]

    async def of(self, client: AsyncWebClient, user: str) -> str | None:
        """The locale of `user`: kept, or asked of Slack (`users.info`)."""
        kept = self._known.get(user)
        if kept is not None and self.clock() - kept[0] < self.ttl:
            return kept[1]
        locale = await self._ask(client, user) if user else None
        self._keep(user, locale)
        return locale

    async def _ask(self, client: AsyncWebClient, user: str) -> str | None:
        try:
            answer = await client.users_info(user=user, include_locale=True)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as error:
            log.info("no locale for %s: %s", user, error)
            return None
        found = (answer.get("user") or {}).get("locale")
        return found if isinstance(found, str) and found else None

    def _keep(self, user: str, locale: str | None) -> None:
        self._known.pop(user, None)
        self._known[user] = (self.clock(), locale)
        while len(self._known) > self.limit:
            del self._known[next(iter(self._known))]
