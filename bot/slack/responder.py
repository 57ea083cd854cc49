"""Answers posted to a command's or button's response_url over one shared HTTP session.

Bolt's `respond()` opens a new HTTP session for every answer; under load that costs more
than the answer itself, so the door keeps one session, opened on first use inside the
event loop and closed by `close()` when the app stops.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp

log = logging.getLogger("orderbot.slack")


class Responder:
    """Posts JSON answers to response_urls; failures are logged, never raised."""

    def __init__(self, timeout: float = 10.0) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def post(self, url: str, payload: dict[str, Any]) -> bool:
        """Post `payload` to `url`; True when Slack took it."""
        if not url:
            return False
        try:
            async with self._http().post(url, json=payload) as response:
                await response.read()
                if response.status != 200:
                    log.warning("response_url answered %s", response.status)
                return response.status == 200
        except (TimeoutError, aiohttp.ClientError) as error:
            log.warning("response_url failed: %s", error)
            return False

    async def close(self) -> None:
        """Close the shared session (when the app stops)."""
        if self._session is not None:
            await self._session.close()
            self._session = None
