"""The inbox listener: reads the order folder and hands each mail to the intake, once.

Owns the reading loop. Per pass: SELECT the folder; compare UIDVALIDITY with the saved
one (a new value means the UIDs were renumbered: start again from UID 1, the Message-ID
key makes already handled mails no-ops); list messages above the highest UID handled
with their size and flags; fetch bodies with BODY.PEEK in batches (only the header of a
mail over MAX_ATTACHMENT_MB, whose body is never fetched); parse them (the next batch
is fetched and parsed while one is committed); run one `IntakeMails` command per batch;
and only after it committed mark the batch handled and move the saved UID forward. A
failing batch is retried one mail at a time; a mail that keeps failing is counted in
the database and, after `max_attempts`, moved to the quarantine folder with its bytes
kept and reps told. `run()` keeps listening with IDLE (re-IDLE every few minutes) or
polling, and reconnects with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from domain import commands as c
from domain.inbox.mail import FolderState, InboxState, IntakeRules, MailAttachment, MailIn, Outcome
from mail.inbound.imap import ImapAccount, ImapError, ImapSession, MessageInfo
from mail.inbound.parse import InboundMail, parse_message
from mail.inbound.scratch import scratch_folder, sweep_orphans

log = logging.getLogger("orderbot.mail")


class CommandBus(Protocol):
    """The async bus the listener hands its commands to."""

    async def handle(self, cmd: c.Command) -> Any: ...


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
    failed: int = 0
    quarantined: int = 0

    def add(self, outcome: str) -> None:
        """Count one outcome."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def __str__(self) -> str:
        parts = [f"{n} {name}" for name, n in sorted(self.outcomes.items())]
        if self.failed:
            parts.append(f"{self.failed} failed (will retry)")
        if self.quarantined:
            parts.append(f"{self.quarantined} quarantined")
        return f"{self.seen} new mail(s)" + (": " + ", ".join(parts) if parts else "")


def to_mail_in(mail: InboundMail, uid: int, folder: str, too_large: bool = False) -> MailIn:
    """The domain's view of a parsed mail."""
    return MailIn(
        message_id=mail.message_id,
        from_address=mail.from_address,
        from_name=mail.from_name,
        subject=mail.subject,
        in_reply_to=mail.in_reply_to,
        references=mail.references,
        body=mail.body,
        attachments=tuple(
            MailAttachment(filename=a.filename, kind=a.spreadsheet_kind or "", data=a.data)
            for a in mail.spreadsheets
        ),
        flags=mail.classification.reasons,
        dmarc=str(mail.dmarc),
        problems=tuple(f"{p.code}: {p.detail}" for p in mail.problems),
        size=mail.size,
        too_large=too_large,
        folder=folder,
        uid=uid,
    )


Sleep = Callable[[float], Awaitable[None]]


class InboxListener:
    """Reads the order folder: `poll_once()` for one pass, `run(stop)` to keep listening."""

    def __init__(
        self,
        config: ListenerConfig,
        bus: CommandBus,
        state: InboxState,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.config = config
        self.bus = bus
        self.state = state
        self.sleep = sleep

    # --- one pass -------------------------------------------------------------------------

    async def poll_once(self) -> PassReport:
        """Connect, read every new mail once, disconnect."""
        await asyncio.to_thread(sweep_orphans)
        session = ImapSession(self.config.account)
        try:
            await session.open(self.config.folder)
            return await self.read_folder(session)
        finally:
            await session.close()

    async def read_folder(self, session: ImapSession) -> PassReport:
        """Handle every new message of the selected folder."""
        folder, uidvalidity = self.config.folder, session.uidvalidity
        saved = await asyncio.to_thread(self.state.load, folder)
        if saved is None or saved.uidvalidity != uidvalidity:
            if saved is not None:
                log.warning("%s: UIDVALIDITY changed, reading it again from the start", folder)
            saved = FolderState(uidvalidity, 0)
            await asyncio.to_thread(self.state.save, folder, saved)
        infos = await session.list_after(saved.last_uid)
        report = PassReport(seen=sum(1 for i in infos if not i.handled))
        mark = saved.last_uid
        pending_failure = False
        batches = _batches([i for i in infos if not i.handled], self.config.batch_size)
        preparing = asyncio.ensure_future(self._prepare(session, batches[0])) if batches else None
        try:
            for index, batch in enumerate(batches):
                assert preparing is not None
                ready = await preparing
                # Fetch and parse the next batch while this one is decided and committed.
                preparing = None
                if index + 1 < len(batches):
                    preparing = asyncio.ensure_future(self._prepare(session, batches[index + 1]))
                with ready.scratch:
                    done, failed = await self._run_batch(session, ready.mails, ready.raws, report)
                await session.mark_handled(done)
                pending_failure = pending_failure or bool(failed)
                if not pending_failure:
                    mark = max(batch[-1].uid, mark)
                    await asyncio.to_thread(self.state.save, folder, FolderState(uidvalidity, mark))
        finally:
            await _drop(preparing)
        if not pending_failure and infos and infos[-1].uid > mark:
            # only already-handled messages above the mark: move past them too
            await asyncio.to_thread(
                self.state.save, folder, FolderState(uidvalidity, infos[-1].uid)
            )
        return report

    async def _fetch(self, session: ImapSession, batch: Sequence[MessageInfo]) -> dict[int, bytes]:
        small = [i.uid for i in batch if i.size <= self.config.max_bytes]
        large = [i.uid for i in batch if i.size > self.config.max_bytes]
        raws = await session.fetch(small)
        raws.update(await session.fetch(large, headers_only=True))
        return raws

    def _parse(
        self, batch: Sequence[MessageInfo], raws: dict[int, bytes], folder: str
    ) -> list[MailIn]:
        cfg = self.config
        mails = []
        for info in batch:
            raw = raws.get(info.uid)
            if raw is None:  # expunged by someone else meanwhile
                continue
            parsed = parse_message(
                raw,
                cfg.own_addresses,
                cfg.authserv_id,
                own_message_id_domain=cfg.own_message_id_domain,
            )
            too_large = info.size > cfg.max_bytes
            mails.append(_saved(to_mail_in(parsed, info.uid, cfg.folder, too_large), folder))
        return mails

    async def _prepare(self, session: ImapSession, batch: Sequence[MessageInfo]) -> _Ready:
        """Fetch a batch and parse it; its spreadsheets are saved in a scratch folder."""
        raws = await self._fetch(session, batch)
        # attached spreadsheets are handed to the import engine as files
        scratch = scratch_folder()
        try:
            mails = await asyncio.to_thread(self._parse, batch, raws, scratch.name)
        except BaseException:
            scratch.cleanup()
            raise
        return _Ready(raws, mails, scratch)

    async def _run_batch(
        self,
        session: ImapSession,
        mails: list[MailIn],
        raws: dict[int, bytes],
        report: PassReport,
    ) -> tuple[list[int], list[int]]:
        try:
            result = await self.bus.handle(
                c.IntakeMails(mails=tuple(mails), rules=self.config.rules)
            )
        except Exception as error:  # any failure: isolate the mail that causes it
            if len(mails) == 1:
                return await self._settle(session, mails, raws, {mails[0].uid: error}, [], report)
            log.warning("batch of %d failed (%s); retrying one by one", len(mails), error)
            return await self._one_by_one(session, mails, raws, report)
        for outcome in result.outcomes:
            report.add(str(outcome.outcome))
        return [m.uid for m in mails], []

    async def _one_by_one(
        self,
        session: ImapSession,
        mails: Sequence[MailIn],
        raws: dict[int, bytes],
        report: PassReport,
    ) -> tuple[list[int], list[int]]:
        done: list[int] = []
        errors: dict[int, Exception] = {}
        for mail in mails:
            try:
                result = await self.bus.handle(
                    c.IntakeMails(mails=(mail,), rules=self.config.rules)
                )
            except Exception as error:  # this mail is the poison (or the database is down)
                errors[mail.uid] = error
                continue
            report.add(str(result.outcomes[0].outcome))
            done.append(mail.uid)
        if len(mails) > 1 and len(errors) == len(mails):
            # every mail failing alone says the fault is ours (database, bug), not theirs
            raise next(iter(errors.values()))
        return await self._settle(session, mails, raws, errors, done, report)

    async def _settle(
        self,
        session: ImapSession,
        mails: Sequence[MailIn],
        raws: dict[int, bytes],
        errors: dict[int, Exception],
        done: list[int],
        report: PassReport,
    ) -> tuple[list[int], list[int]]:
        """Count the failures (quarantining the hopeless); returns (done, still failing)."""
        failed: list[int] = []
        for mail in mails:
            if mail.uid in errors:
                moved = await self._failed(session, mail, raws[mail.uid], errors[mail.uid], report)
                if not moved:
                    failed.append(mail.uid)
        return done, failed

    async def _failed(
        self, session: ImapSession, mail: MailIn, raw: bytes, error: Exception, report: PassReport
    ) -> bool:
        """Count a failure; quarantine after `max_attempts`. True when moved aside."""
        cfg, text = self.config, f"{type(error).__name__}: {error}"[:1000]
        uidvalidity = session.uidvalidity
        attempts = await asyncio.to_thread(
            self.state.record_failure, cfg.folder, uidvalidity, mail.uid, text
        )
        log.warning("mail uid %d failed (attempt %d): %s", mail.uid, attempts, text)
        if attempts < cfg.max_attempts:
            report.failed += 1
            return False
        await asyncio.to_thread(
            self.state.keep_quarantined, cfg.folder, uidvalidity, mail.uid, raw, text
        )
        await self.bus.handle(
            c.QuarantineMail(mail=mail, attempts=attempts, error=text, rules=cfg.rules)
        )
        await session.move([mail.uid], cfg.quarantine_folder)
        report.quarantined += 1
        report.add(str(Outcome.QUARANTINED))
        return True

    # --- listening ------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Keep the folder read until `stop` is set; reconnect with backoff on failures."""
        cfg = self.config
        delay = cfg.backoff_seconds
        await asyncio.to_thread(sweep_orphans)
        while not stop.is_set():
            session = ImapSession(cfg.account)
            try:
                await session.open(cfg.folder)
                delay = cfg.backoff_seconds
                while not stop.is_set():
                    report = await self.read_folder(session)
                    if report.seen:
                        log.info("%s: %s", cfg.folder, report)
                    await self._wait(session, stop)
            except ImapError as error:
                log.warning("IMAP: %s; reconnecting in %.1f s", error, delay)
            except Exception:  # never let one bad pass end the listener
                log.exception("inbox pass failed; reconnecting in %.1f s", delay)
            finally:
                await session.close()
            if stop.is_set():
                return
            await _until(self.sleep(delay), stop)
            delay = min(delay * 2, cfg.backoff_max_seconds)

    async def _wait(self, session: ImapSession, stop: asyncio.Event) -> None:
        cfg = self.config
        waiting = session.wait_for_change(cfg.idle_minutes * 60, cfg.poll_seconds)
        await _until(waiting, stop)


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


@dataclass
class _Ready:
    """A fetched and parsed batch; `scratch` holds its spreadsheets until it is handled."""

    raws: dict[int, bytes]
    mails: list[MailIn]
    scratch: tempfile.TemporaryDirectory[str]


async def _drop(preparing: asyncio.Future[_Ready] | None) -> None:
    """Give up a batch being prepared (the pass ended early): its scratch folder too."""
    if preparing is None:
        return
    if not preparing.done():
        preparing.cancel()
    with contextlib.suppress(asyncio.CancelledError, ImapError):
        await preparing
    if not preparing.cancelled() and preparing.exception() is None:
        preparing.result().scratch.cleanup()


def _saved(mail: MailIn, folder: str) -> MailIn:
    """The mail with its spreadsheets written to `folder`, for the import engine to read."""
    if not mail.attachments:
        return mail
    sheets = []
    for n, sheet in enumerate(mail.attachments):
        path = Path(folder) / f"{mail.uid}-{n}.{sheet.kind or 'bin'}"
        path.write_bytes(sheet.data)
        sheets.append(sheet.model_copy(update={"path": str(path)}))
    return mail.model_copy(update={"attachments": tuple(sheets)})


def _batches(infos: list[MessageInfo], size: int) -> list[list[MessageInfo]]:
    return [infos[i : i + size] for i in range(0, len(infos), max(1, size))]
