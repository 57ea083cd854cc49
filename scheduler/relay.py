"""The outbox relay: claims due outbox rows, hands them to their channel's sender, settles.

It is given an `OutboxQueue` (the store's, in bootstrap) and one `Sender` per channel;
a channel without a sender is left alone (its rows wait, e.g. Slack rows while Slack is
not configured). Claiming is a short transaction; sending happens outside any
transaction, `connections` batches at a time (each batch is one connection of its
sender), and each message is settled in a short transaction of its own as soon as the
peer answered it, before the next message of its batch goes. What each outcome does:

- SENT: the row is sent.
- RETRY: tried again after an exponential, jittered, capped delay (or the peer's
  retry-after); after `max_attempts` the row is dead.
- DEAD: dead at once; reps are alerted and the row stays for the digest.
- PAUSE: the channel is unusable (authentication failed): the row and the rest of its
  batch go back untouched (no attempt burnt), the channel is paused for `rule.pause`,
  and reps are alerted once (again only after the channel worked in between).

A crash between a message's send and its settling leaves that row claimed: it comes
back when its lease ends and is sent again with the same Message-ID. The messages
settled before it are not sent again, and those after it were never sent: a crash
repeats at most the message in flight on each connection. A database that cannot
record an outcome stops the pass (the rows wait for their lease) rather than sending
on unrecorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.jobs.notes import sentence_note
from domain.outbox.messages import Channel, OutboxMessage, OutboxStatus, Outcome, Sender, SendResult
from domain.outbox.queue import OutboxQueue, RetryRule, Settlement
from domain.texts import Text, _, ngettext
from l10n import formats
from l10n.formats import ISO_MINUTE

log = logging.getLogger("orderbot.relay")

# (reason, sentence, message): the sentence is said in the managers' language where the
# alert is read (`domain.texts`: it is kept as data until then).
Alert = Callable[[str, Text, OutboxMessage | None], None]
PassLog = Callable[["RelayReport", datetime, datetime], None]  # (report, started, finished)


@dataclass
class RelayReport:
    """What one pass of the relay did."""

    sent: int = 0
    retried: int = 0
    dead: int = 0
    paused: int = 0
    batches: int = 0

    @property
    def handled(self) -> int:
        """Rows that got an outcome other than a pause."""
        return self.sent + self.retried + self.dead

    def errors(self) -> list[str]:
        """What went wrong in the pass, as the job log keeps it: sentences
        (`domain.jobs.notes`), read in each reader's language."""
        errors = []
        if self.dead:
            errors.append(
                ngettext(
                    "{n} message refused for good (see `outbox dead`)",
                    "{n} messages refused for good (see `outbox dead`)",
                    self.dead,
                )
            )
        if self.paused:
            errors.append(
                ngettext(
                    "{n} message held back: sending is paused",
                    "{n} messages held back: sending is paused",
                    self.paused,
                )
            )
        return [sentence_note(error) for error in errors]


class Relay:
    """Sends the outbox; `run_once` is one pass, `run` keeps going until stopped."""

    def __init__(
        self,
        queue: OutboxQueue,
        senders: Mapping[Channel, Sender],
        clock: Callable[[], datetime],
        rule: RetryRule | None = None,
        batch_size: int = 50,
        connections: int = 1,
        jitter: Callable[[], float] = random.random,
        alert: Alert | None = None,
        poll_seconds: float = 2.0,
        log_pass: PassLog | None = None,
    ) -> None:
        self.queue = queue
        self.senders = dict(senders)
        self.clock = clock
        self.rule = rule or RetryRule()
        self.batch_size = batch_size
        self.connections = max(1, connections)
        self.jitter = jitter
        self.alert = alert or _log_alert
        self.poll_seconds = poll_seconds
        self.log_pass = log_pass
        self.paused_until: dict[Channel, datetime] = {}
        self._alerted: set[Channel] = set()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- one pass ----------------------------------------------------------------------

    def channels(self, now: datetime) -> list[Channel]:
        """Channels with a sender that are not paused at `now`."""
        return [ch for ch in self.senders if self.paused_until.get(ch, now) <= now]

    async def run_once(self) -> RelayReport:
        """Send everything due now, a round of batches at a time; the report says what."""
        report = RelayReport()
        while True:
            now = self.clock()
            channels = self.channels(now)
            limit = self.batch_size * self.connections
            claimed = await asyncio.to_thread(
                self.queue.claim, now, limit, channels, self.rule.lease
            )
            if not claimed:
                return report
            batches = self._batches(claimed)
            try:
                # A TaskGroup: when settling fails, the other connections stop too.
                async with asyncio.TaskGroup() as group:
                    for channel, batch in batches:
                        group.create_task(self._send(channel, batch, report))
            except* _SettleFailed as failed:
                raise failed.exceptions[0].__cause__ or failed.exceptions[0] from None
            report.batches += len(batches)
            if len(claimed) < limit:
                return report

    def _batches(
        self, claimed: Sequence[OutboxMessage]
    ) -> list[tuple[Channel, list[OutboxMessage]]]:
        by_channel: dict[Channel, list[OutboxMessage]] = {}
        for message in claimed:
            by_channel.setdefault(message.channel, []).append(message)
        batches = []
        for channel, rows in by_channel.items():
            size = max(1, -(-len(rows) // self.connections))  # spread over the connections
            size = min(size, self.batch_size)
            batches += [(channel, rows[i : i + size]) for i in range(0, len(rows), size)]
        return batches

    async def _send(
        self, channel: Channel, batch: list[OutboxMessage], report: RelayReport
    ) -> None:
        """Send one batch, settling each outcome as the sender hands it over."""
        pending = {m.id or 0: m for m in batch}

        async def settle(results: Sequence[SendResult]) -> None:
            now = self.clock()
            settlements = [
                self._settlement(channel, pending.pop(r.message_id), r, now, report)
                for r in results
                if r.message_id in pending  # one outcome per message, the first one
            ]
            if not settlements:
                return
            try:
                await asyncio.to_thread(self.queue.settle, settlements, self.clock())
            except Exception as error:
                raise _SettleFailed from error

        missing = "the sender gave no result"
        try:
            await self.senders[channel].send(batch, settle)
        except _SettleFailed:
            raise
        except Exception as error:  # a sender bug must not stop the relay: retry later
            log.exception("the %s sender failed on a batch of %d", channel, len(batch))
            missing = f"sender error: {error!r}"
        await settle([SendResult(mid, Outcome.RETRY, missing) for mid in list(pending)])

    def _settlement(
        self,
        channel: Channel,
        message: OutboxMessage,
        result: SendResult,
        now: datetime,
        report: RelayReport,
    ) -> Settlement:
        mid, tries = message.id or 0, message.attempts + 1
        if result.outcome == Outcome.SENT:
            report.sent += 1
            self._alerted.discard(channel)
            return Settlement(mid, OutboxStatus.SENT, tries)
        if result.outcome == Outcome.PAUSE:
            report.paused += 1
            return self._pause(channel, message, result, now)
        if result.outcome == Outcome.RETRY and tries < self.rule.max_attempts:
            report.retried += 1
            delay = self.rule.delay(tries, self.jitter, result.retry_after)
            return Settlement(mid, OutboxStatus.PENDING, tries, now + delay, result.error)
        report.dead += 1
        error = result.error
        said = {"id": mid, "kind": message.kind, "recipient": message.recipient, "error": error}
        if result.outcome == Outcome.RETRY:
            error = f"gave up after {tries} attempts: {error}"
            alert = ngettext(
                "Outbox message {id} ({kind}) to {recipient} could not be delivered after "
                "{n} attempt: {error}",
                "Outbox message {id} ({kind}) to {recipient} could not be delivered after "
                "{n} attempts: {error}",
                tries,
                **said,
            )
        else:
            alert = _(
                "Outbox message {id} ({kind}) to {recipient} could not be delivered: {error}",
                **said,
            )
        self.alert("dead", alert, message)
        return Settlement(mid, OutboxStatus.DEAD, tries, None, error)

    def _pause(
        self, channel: Channel, message: OutboxMessage, result: SendResult, now: datetime
    ) -> Settlement:
        until = self.paused_until.get(channel)
        if until is None or until <= now:
            until = now + self.rule.pause
            self.paused_until[channel] = until
            if channel not in self._alerted:
                self._alerted.add(channel)
                paused = _(
                    "Sending {channel} is paused until {until} UTC: {error}. Check the "
                    "{channel} settings; nothing is lost.",
                    channel=str(channel),
                    until=formats.datetime(until, format=ISO_MINUTE, zone=UTC),
                    error=result.error,
                )
                self.alert("paused", paused, None)
        # Not the row's fault: no attempt counted, back in the queue when the pause ends.
        return Settlement(
            message.id or 0, OutboxStatus.PENDING, message.attempts, until, result.error
        )

    # --- running continuously ----------------------------------------------------------

    def wake(self) -> None:
        """Ask for a pass now (callable from any thread, e.g. after a commit)."""
        loop, event = self._loop, self._wake
        if loop is not None and event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)

    async def run(self, stop: asyncio.Event) -> None:
        """Pass after pass until `stop` is set; sleeps until woken or the next row is due."""
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        while not stop.is_set():
            try:
                started = self.clock()
                report = await self.run_once()
                # Passes that did something go to the job log; idle polls would drown it.
                if self.log_pass is not None and (report.handled or report.paused):
                    await asyncio.to_thread(self.log_pass, report, started, self.clock())
            except Exception:  # the database may be away for a while: log and go on
                log.exception("outbox relay pass failed")
            await self._sleep(stop)

    async def _sleep(self, stop: asyncio.Event) -> None:
        assert self._wake is not None
        delay = self.poll_seconds
        now = self.clock()
        with contextlib.suppress(Exception):
            due = await asyncio.to_thread(self.queue.next_due, self.channels(now))
            if due is not None:
                delay = min(delay, max((due - now).total_seconds(), 0.0))
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        try:
            await asyncio.wait(waiters, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            self._wake.clear()


class _SettleFailed(Exception):
    """Recording an outcome failed (its cause says why): stop sending this pass."""


def _log_alert(reason: str, text: Text, message: OutboxMessage | None) -> None:
    log.warning("%s: %s", reason, text)
