"""Email senders for the outbox relay: SMTP (aiosmtplib), or .eml files when no SMTP_HOST.

`SmtpSender.send(batch, settle)` renders the batch (in a worker thread: building mail
costs more than sending it), then sends it over one connection, reconnecting only after
the server dropped it. Each message's outcome is settled as soon as the server answered,
before the next message goes. The outcomes:

- SENT: the server took it (250).
- RETRY: a passing failure: any 4xx (421, 450, 451, 452...), a timeout, a dropped or
  refused connection. The relay tries again later with backoff.
- DEAD: refused for good: a 5xx for the recipient (550 at RCPT) or for the message
  (552, 554 at DATA), or a row that cannot be rendered.
- PAUSE: the channel itself is unusable: authentication failed (535) or the server
  refuses our sender (530/5xx at MAIL FROM). This message and the rest of the batch are
  handed back untouched; the relay stops sending for a while and alerts once.

`EmlSender` is the embedded default: each mail written atomically (temporary file,
fsync, rename) as `outbox-ID.eml` in OUTBOX_DIR; writing it again replaces it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Literal

import aiosmtplib

from domain.outbox.messages import OutboxMessage, Outcome, SendResult, Settle
from mail.outbound.render import RenderError

Render = Callable[[OutboxMessage], Message]
Built = Message | RenderError


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to reach the SMTP server."""

    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    tls: Literal["starttls", "tls", "none"] = "starttls"
    timeout: float = 30.0
    local_hostname: str = "localhost"  # skips a slow getfqdn() per connection


def _render_all(render: Render, messages: Sequence[OutboxMessage]) -> list[Built]:
    built: list[Built] = []
    for message in messages:
        try:
            built.append(render(message))
        except RenderError as error:
            built.append(error)
        except (KeyError, TypeError, ValueError) as error:
            built.append(RenderError(f"cannot render outbox row {message.id}: {error!r}"))
    return built


def _code_outcome(code: int, at_sender: bool = False) -> Outcome:
    if code == 535 or (at_sender and code >= 500):
        return Outcome.PAUSE
    return Outcome.DEAD if code >= 500 else Outcome.RETRY


class _Broken(Exception):
    """The connection is gone; the next message needs a new one."""


class SmtpSender:
    """Sends email outbox rows over SMTP, one connection per batch."""

    def __init__(self, config: SmtpConfig, render: Render, envelope_from: str) -> None:
        self.config = config
        self.render = render
        self.envelope_from = envelope_from

    def _client(self) -> aiosmtplib.SMTP:
        c = self.config
        return aiosmtplib.SMTP(
            hostname=c.host,
            port=c.port,
            username=c.user,
            password=c.password,
            use_tls=c.tls == "tls",
            start_tls=c.tls == "starttls",
            timeout=c.timeout,
            local_hostname=c.local_hostname,
        )

    async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
        """Send a batch over one connection, settling each message once the server answered."""
        built = await asyncio.to_thread(_render_all, self.render, messages)
        smtp: aiosmtplib.SMTP | None = None
        try:
            for index, (message, mail) in enumerate(zip(messages, built, strict=True)):
                mid = message.id or 0
                if isinstance(mail, RenderError):
                    await settle([SendResult(mid, Outcome.DEAD, str(mail))])
                    continue
                if smtp is None:
                    smtp, failure = await self._connect(mid)
                    if failure is not None:
                        await settle(self._same_for_rest(failure, messages[index:]))
                        break
                assert smtp is not None
                result, broken = await self._send_one(smtp, message, mail)
                if result.outcome == Outcome.PAUSE:
                    await settle(self._same_for_rest(result, messages[index:]))
                    break
                # Recorded before the next message goes: a crash repeats this one at most.
                await settle([result])
                if broken:
                    await _close(smtp)
                    smtp = None
        finally:
            if smtp is not None:
                await _close(smtp, polite=True)

    @staticmethod
    def _same_for_rest(failure: SendResult, rest: Sequence[OutboxMessage]) -> list[SendResult]:
        return [
            SendResult(m.id or 0, failure.outcome, failure.error, failure.retry_after) for m in rest
        ]

    async def _connect(self, mid: int) -> tuple[aiosmtplib.SMTP | None, SendResult | None]:
        smtp = self._client()
        try:
            await smtp.connect()
        except aiosmtplib.SMTPAuthenticationError as error:
            await _close(smtp)
            return None, SendResult(mid, Outcome.PAUSE, f"SMTP login refused: {error}")
        except aiosmtplib.SMTPResponseException as error:
            await _close(smtp)
            outcome = Outcome.PAUSE if error.code == 535 else Outcome.RETRY
            return None, SendResult(mid, outcome, f"SMTP server refused us: {error}")
        except (aiosmtplib.SMTPException, OSError) as error:
            await _close(smtp)
            return None, SendResult(mid, Outcome.RETRY, f"SMTP server unreachable: {error!r}")
        return smtp, None

    async def _send_one(
        self, smtp: aiosmtplib.SMTP, message: OutboxMessage, mail: Message
    ) -> tuple[SendResult, bool]:
        """The outcome of one message, and whether the connection is unusable now."""
        mid = message.id or 0
        try:
            await smtp.send_message(mail, sender=self.envelope_from, recipients=[message.recipient])
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [r.code for r in error.recipients]
            outcome = Outcome.DEAD if codes and min(codes) >= 500 else Outcome.RETRY
            text = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
            return SendResult(mid, outcome, f"recipient refused: {text}"), await _reset(smtp)
        except aiosmtplib.SMTPSenderRefused as error:
            result = SendResult(mid, _code_outcome(error.code, True), f"sender refused: {error}")
            return result, await _reset(smtp)
        except aiosmtplib.SMTPResponseException as error:
            outcome = _code_outcome(error.code)
            result = SendResult(mid, outcome, f"{error.code} {error.message}")
            return result, error.code == 421 or await _reset(smtp)
        except (aiosmtplib.SMTPException, OSError) as error:
            # Timeouts and dropped connections: the server may or may not have the mail.
            return SendResult(mid, Outcome.RETRY, f"connection lost: {error!r}"), True
        return SendResult(mid, Outcome.SENT), False


async def _reset(smtp: aiosmtplib.SMTP) -> bool:
    """RSET after a refused transaction; True when the connection is no longer usable."""
    try:
        await smtp.rset()
    except (aiosmtplib.SMTPException, OSError):
        return True
    return False


async def _close(smtp: aiosmtplib.SMTP, polite: bool = False) -> None:
    if polite and smtp.is_connected:
        try:
            await smtp.quit()
            return
        except (aiosmtplib.SMTPException, OSError):
            pass
    smtp.close()


class EmlSender:
    """The embedded default: every mail becomes an .eml file in `directory`."""

    def __init__(self, directory: Path, render: Render) -> None:
        self.directory = directory
        self.render = render

    async def send(self, messages: Sequence[OutboxMessage], settle: Settle) -> None:
        """Write a batch of mails (in a worker thread), then settle them together.

        Settling once per batch is safe here: a batch written again after a crash
        replaces its files, it does not duplicate them.
        """
        await settle(await asyncio.to_thread(self._write_all, messages))

    def path_of(self, message_id: int) -> Path:
        """Where the mail of an outbox row is written."""
        return self.directory / f"outbox-{message_id:08d}.eml"

    def _write_all(self, messages: Sequence[OutboxMessage]) -> list[SendResult]:
        self.directory.mkdir(parents=True, exist_ok=True)
        results = []
        for message, mail in zip(messages, _render_all(self.render, messages), strict=True):
            mid = message.id or 0
            if isinstance(mail, RenderError):
                results.append(SendResult(mid, Outcome.DEAD, str(mail)))
                continue
            try:
                self._write(self.path_of(mid), mail.as_bytes())
            except OSError as error:
                results.append(SendResult(mid, Outcome.RETRY, f"cannot write mail: {error}"))
                continue
            results.append(SendResult(mid, Outcome.SENT))
        return results

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
