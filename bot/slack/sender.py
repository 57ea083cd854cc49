"""The outbox sender of channel "slack": chat.postMessage of each message's blocks and text.

Rows of the order threads (`bot.slack.threads`) are posted into their thread, or update
its parent card. A row holds either a ready message (`text`, optional `blocks`: alerts, and digests
queued by earlier versions, which are posted as they are) or data the sender draws at
send time (a digest: `bot.slack.digest`; an alert's `sentence`, said in the process's
language, LANGUAGE); a row whose data cannot be drawn is DEAD.

Outcomes: 429 → RETRY after the Retry-After Slack gave; 5xx, timeouts and connection
errors → RETRY; a revoked or wrong token → PAUSE (no message can go out until an
operator fixes it); a channel that does not exist or refuses the app → DEAD.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.digest import digest_message
from bot.slack.threads import THREAD_KINDS, send_thread_row
from domain.outbox.messages import OutboxMessage, Outcome, SendResult, Settle
from domain.text_data import sentence_of
from domain.threads.thread import ThreadStamps
from l10n.formats import Formats
from l10n.translation import render

PAUSE_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


class SlackSender:
    """Posts outbox messages; the client must not retry 429 itself (the relay schedules)."""

    def __init__(
        self,
        client: AsyncWebClient,
        formats: Formats | None = None,
        stamps: ThreadStamps | None = None,
    ) -> None:
        self.client = client
        self.formats = formats or Formats()
        self.stamps = stamps  # the order threads' parents (None: thread rows are dead)

    async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
        """Post each message, settling it once Slack answered; after a PAUSE the rest too."""
        for index, message in enumerate(messages):
            result = await self._send_one(message.id or 0, message)
            if result.outcome == Outcome.PAUSE:
                rest = messages[index + 1 :]
                paused = [SendResult(m.id or 0, Outcome.PAUSE, result.error) for m in rest]
                await settle([result, *paused])
                return
            await settle([result])

    async def _send_one(self, message_id: int, message: OutboxMessage) -> SendResult:
        if message.kind in THREAD_KINDS and self.stamps is not None:
            try:
                return await send_thread_row(self.client, self.stamps, message, self.formats)
            except SlackApiError as error:
                return classify(message_id, error)
            except (TimeoutError, aiohttp.ClientError, OSError) as error:
                return SendResult(message_id, Outcome.RETRY, f"connection: {error}")
            except (KeyError, ValueError, TypeError) as error:
                return SendResult(message_id, Outcome.DEAD, f"the row cannot be drawn: {error!r}")
        try:
            posted = slack_message(message, self.formats)
        except (KeyError, ValueError, TypeError) as error:
            return SendResult(message_id, Outcome.DEAD, f"the row cannot be drawn: {error!r}")
        try:
            await self.client.chat_postMessage(channel=message.recipient, **posted)
        except SlackApiError as error:
            return classify(message_id, error)
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            return SendResult(message_id, Outcome.RETRY, f"connection: {error}")
        return SendResult(message_id, Outcome.SENT)


def slack_message(message: OutboxMessage, formats: Formats) -> dict[str, Any]:
    """The text and blocks to post for an outbox row."""
    payload: dict[str, Any] = message.payload or {}
    if message.kind == "digest" and "blocks" not in payload and "until" in payload:
        return digest_message(payload, formats)
    text = str(payload.get("text") or message.kind)
    if payload.get("sentence"):  # an alert kept as its sentence: said in this language
        text = render(sentence_of(payload["sentence"]))
    return {"text": text, "blocks": payload.get("blocks")}


def classify(message_id: int, error: SlackApiError) -> SendResult:
    """The outcome of a refused chat.postMessage."""
    response = error.response
    status = response.status_code
    code = str(response.get("error", "")) if isinstance(response.data, dict) else ""
    if status == 429:
        after = response.headers.get("Retry-After") or response.headers.get("retry-after")
        retry_after = float(after) if after and str(after).isdigit() else 60.0
        return SendResult(message_id, Outcome.RETRY, "rate limited (429)", retry_after)
    if status >= 500:
        return SendResult(message_id, Outcome.RETRY, f"Slack answered {status}")
    if code in PAUSE_ERRORS:
        return SendResult(message_id, Outcome.PAUSE, f"Slack refused the token: {code}")
    return SendResult(message_id, Outcome.DEAD, f"Slack refused the message: {code or status}")
