"""The inbox listener: reads the order folder and hands each mail to the intake, once.

Owns the reading loop. Per pass: SELECT the folder; compare UIDVALIDITY with the saved
one (a new value means the UIDs were renumbered: start again from UID 1, the mail keys
make already handled mails no-ops); list messages above the highest UID handled with
their size and flags, leaving aside those that failed and wait for their next attempt;
fetch bodies with BODY.PEEK in batches (only the header of a mail over
MAX_ATTACHMENT_MB, whose body is never fetched); parse them (the next batch is fetched
and parsed while one is committed); run one `IntakeMails` command per batch; and only
after it committed mark the batch handled and move the saved UID forward (never past a
mail still failing). A failing batch is settled by `failing.FailingMails`: one mail at
a time, failures counted and retried later, quarantined after `max_attempts`.

`run()` keeps listening with IDLE (re-IDLE every few minutes) or polling, sleeps until a
failing mail's next attempt when that comes first, and reconnects after a failure with
growing, capped waits that start again from the base only after a pass that advanced.
A pass advanced when nothing is left waiting: that is what `progress` (the health
report's heartbeat) is told; a pass that leaves mails failing, or fails, is not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from domain import commands as c
from domain.inbox.mail import FolderState, InboxState, IntakeRules, MailIn
from mail.inbound.failing import FailingMails
from mail.inbound.imap import ImapAccount, ImapError, ImapSession, MessageInfo
from mail.inbound.pacing import Backoff, next_attempt
from mail.inbound.quarantine import find_quarantine
from mail.inbound.reading import BatchReader, drop
from mail.inbound.scratch import sweep_orphans

log = logging.getLogger("orderbot.mail")


class CommandBus(Protocol):
    """The async bus the listener hands its commands to."""

    async def handle(self, cmd: c.Command) -> Any: ...


class Progress(Protocol):
    """Told after each pass (the health report's heartbeat, `runtime.health.Beat`)."""

    def beat(self) -> None:
        """A pass advanced: every new mail handled or set aside."""

    def failed(self, error: str) -> None:
        """A pass failed, or left mails failing."""


@dataclass(frozen=True)
class ListenerConfig:
    """Everything the listener is told by the settings."""

    account: ImapAccount
    folder: str = "INBOX"
    quarantine_folder: str = "Quarantine"
    idle_minutes: float = 9.0
    poll_seconds: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    batch_size: int = 50
    max_attempts: int = 3
    retry_seconds: float = 60.0  # before a failing mail's 2nd attempt; doubles after each
    retry_max_seconds: float = 3600.0
    own_addresses: frozenset[str] = frozenset()
    authserv_id: str | None = None
    own_message_id_domain: str | None = None
    rules: IntakeRules = field(default_factory=IntakeRules)
    backoff_seconds: float = 1.0
    backoff_max_seconds: float = 300.0


@dataclass
class PassReport:
    """What one pass over the folder did."""

    seen: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    failed: int = 0  # failed in this pass, to be tried again
    quarantined: int = 0
    waiting: dict[int, datetime] = field(default_factory=dict)  # UID -> its next attempt
    decided: dict[int, tuple[str, str]] = field(default_factory=dict)  # UID -> outcome, reason

    def add(self, outcome: str, uid: int, reason: str) -> None:
        """Count one mail's outcome, and keep it with its reason."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.decided[uid] = (outcome, reason)

    @property
    def advanced(self) -> bool:
        """Whether every new mail was handled or set aside (none left failing)."""
        return not self.waiting

    @property
    def next_attempt(self) -> datetime | None:
        """When the first mail left failing may be tried again."""
        return min(self.waiting.values(), default=None)

    def __str__(self) -> str:
        parts = [f"{n} {name}" for name, n in sorted(self.outcomes.items())]
        if self.failed:
            parts.append(f"{self.failed} failed (will retry)")
        if len(self.waiting) > self.failed:
            parts.append(f"{len(self.waiting) - self.failed} waiting to be tried again")
        return f"{self.seen} new mail(s)" + (": " + ", ".join(parts) if parts else "")


Sleep = Callable[[float], Awaitable[None]]


_ON_TIME = timedelta(milliseconds=50)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class InboxListener:
    """Reads the order folder: `poll_once()` for one pass, `run(stop)` to keep listening."""

    def __init__(
        self,
        config: ListenerConfig,
        bus: CommandBus,
        state: InboxState,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], datetime] = _utc_now,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self.bus = bus
        self.state = state
        self.sleep = sleep
        self.clock = clock
        self.jitter = jitter
        self.progress: Progress | None = None
        self.failing = FailingMails(config, self._handle, state, self._now)
        self.reader = BatchReader(config)

    def _now(self) -> datetime:
        return self.clock()  # looked up when called: tests swap the clock and the bus

    async def _handle(self, cmd: c.Command) -> Any:
        return await self.bus.handle(cmd)

    def quarantine(self) -> dict[str, str]:
        """Where mails are set aside, as found at the last connection (health report)."""
        return self.failing.place.describe()

    # --- one pass -------------------------------------------------------------------------

    async def poll_once(self) -> PassReport:
        """Connect, read every new mail once, disconnect."""
        await asyncio.to_thread(sweep_orphans)
        session = ImapSession(self.config.account)
        try:
            await self._open(session)
            return await self.read_folder(session)
        finally:
            await session.close()

    async def _open(self, session: ImapSession) -> None:
        """Log in, find the quarantine folder (said once when it cannot be used), select."""
        cfg = self.config
        await session.connect()
        failing = self.failing
        before, failing.place = failing.place, await find_quarantine(session, cfg.quarantine_folder)
        if failing.place.problem and failing.place.problem != before.problem:
            log.error("%s: quarantined mails are flagged where they lie", failing.place.problem)
        await session.select(cfg.folder)

    async def read_folder(self, session: ImapSession) -> PassReport:
        """Handle every new message of the selected folder (those not waiting for a retry)."""
        folder, uidvalidity = self.config.folder, session.uidvalidity
        saved = await asyncio.to_thread(self.state.load, folder)
        if saved is None or saved.uidvalidity != uidvalidity:
            if saved is not None:
                log.warning("%s: UIDVALIDITY changed, reading it again from the start", folder)
            saved = FolderState(uidvalidity, 0)
            await asyncio.to_thread(self.state.save, folder, saved)
        infos = await session.list_after(saved.last_uid)
        new = [i for i in infos if not i.handled]
        report = PassReport(seen=len(new))
        report.waiting = await self._not_due(uidvalidity, new)
        mark = _Mark(saved.last_uid, report)
        batches = _batches([i for i in new if i.uid not in report.waiting], self.config.batch_size)
        preparing = (
            asyncio.ensure_future(self.reader.prepare(session, batches[0])) if batches else None
        )
        try:
            for index, batch in enumerate(batches):
                assert preparing is not None
                ready = await preparing
                # Fetch and parse the next batch while this one is decided and committed.
                preparing = None
                if index + 1 < len(batches):
                    preparing = asyncio.ensure_future(
                        self.reader.prepare(session, batches[index + 1])
                    )
                with ready.scratch:
                    done = await self._run_batch(session, ready.mails, ready.raws, report)
                await session.mark_handled(done)
                await self._save(folder, uidvalidity, mark.after(batch[-1].uid))
        finally:
            await drop(preparing)
        if infos:  # already-handled messages above the last batch: move past them too
            await self._save(folder, uidvalidity, mark.after(infos[-1].uid))
        return report

    async def _not_due(self, uidvalidity: int, new: list[MessageInfo]) -> dict[int, datetime]:
        """The failing messages whose next attempt has not come: UID -> when it comes."""
        if not new:
            return {}
        cfg = self.config
        # a sleep until the next attempt may wake a hair early: that counts as on time
        now = self.clock() + _ON_TIME
        failures = await asyncio.to_thread(self.state.failures, cfg.folder, uidvalidity)
        found = {}
        for info in new:
            if (failure := failures.get(info.uid)) is not None:
                due = next_attempt(failure, cfg.retry_seconds, cfg.retry_max_seconds)
                if due > now:
                    found[info.uid] = due
        return found

    async def _save(self, folder: str, uidvalidity: int, mark: int | None) -> None:
        if mark is not None:
            await asyncio.to_thread(self.state.save, folder, FolderState(uidvalidity, mark))

    async def _run_batch(
        self,
        session: ImapSession,
        mails: list[MailIn],
        raws: dict[int, bytes],
        report: PassReport,
    ) -> list[int]:
        """The batch in one unit of work, else mail by mail; returns the UIDs handled."""
        try:
            result = await self.bus.handle(
                c.IntakeMails(mails=tuple(mails), rules=self.config.rules)
            )
        except Exception as error:  # any failure: isolate the mail that causes it
            if len(mails) > 1:
                log.warning("batch of %d failed (%s); retrying one by one", len(mails), error)
            return await self.failing.one_by_one(session, mails, raws, report)
        for outcome in result.outcomes:
            report.add(str(outcome.outcome), outcome.uid, outcome.reason)
        return [m.uid for m in mails]

    # --- listening ------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Keep the folder read until `stop` is set; reconnect with backoff on failures."""
        cfg = self.config
        backoff = Backoff(cfg.backoff_seconds, cfg.backoff_max_seconds, self.jitter)
        await asyncio.to_thread(sweep_orphans)
        while not stop.is_set():
            session = ImapSession(cfg.account)
            trouble = ""
            try:
                await self._open(session)
                while not stop.is_set():
                    report = await self.read_folder(session)
                    self._passed(report, backoff)
                    await self._wait(session, stop, report)
            except ImapError as error:
                trouble = f"IMAP: {error}"
            except Exception as error:  # never let one bad pass end the listener
                trouble = f"inbox pass failed: {type(error).__name__}: {error}"
                # the traceback once per series of failures, not at every reconnection
                log.log(
                    logging.ERROR if backoff.failures == 0 else logging.DEBUG,
                    "inbox pass failed",
                    exc_info=True,
                )
            finally:
                await session.close()
            if stop.is_set():
                return
            delay = backoff.next()
            self._tell(trouble)
            log.warning("%s; reconnecting in %.1f s", trouble, delay)
            await _until(self.sleep(delay), stop)

    def _passed(self, report: PassReport, backoff: Backoff) -> None:
        if report.seen:
            log.info("%s: %s", self.config.folder, report)
        if report.advanced:
            backoff.reset()
            if self.progress is not None:
                self.progress.beat()
            return
        when = report.next_attempt
        at = when.isoformat(timespec="seconds") if when else "?"
        self._tell(f"{len(report.waiting)} mail(s) failing; next attempt at {at}")

    def _tell(self, trouble: str) -> None:
        if self.progress is not None:
            self.progress.failed(trouble)

    async def _wait(self, session: ImapSession, stop: asyncio.Event, report: PassReport) -> None:
        """Until new mail (IDLE, or the poll interval), or a failing mail's next attempt."""
        cfg = self.config
        idle = cfg.idle_minutes * 60
        between = idle if session.supports_idle else cfg.poll_seconds
        due = report.next_attempt
        if due is not None:
            until_due = (due - self.clock()).total_seconds()
            if until_due < between:  # the retry comes first: no IDLE to cut short
                await _until(self.sleep(max(until_due, 0.001)), stop)
                return
        await _until(session.wait_for_change(idle, cfg.poll_seconds), stop)


class _Mark:
    """The highest UID the saved position may move to: never past a mail left failing."""

    def __init__(self, saved: int, report: PassReport) -> None:
        self.saved = saved
        self.report = report

    def after(self, uid: int) -> int | None:
        """The new position once everything up to `uid` was read (None: unchanged)."""
        waiting = [u for u in self.report.waiting if u <= uid]
        mark = min(waiting) - 1 if waiting else uid
        if mark <= self.saved:
            return None
        self.saved = mark
        return mark


async def _until(work: Awaitable[Any], stop: asyncio.Event) -> None:
    """Await `work`, or give it up as soon as `stop` is set."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, ImapError):
            await task
        return
    task.result()


def _batches(infos: list[MessageInfo], size: int) -> list[list[MessageInfo]]:
    return [infos[i : i + size] for i in range(0, len(infos), max(1, size))]
