"""Mails that fail on their own: tried alone, counted, tried again later, set aside.

Owns what happens after a batch failed. Its mails are run again one at a time, each in
a unit of work of its own, so that one poison mail cannot hold up the others. A mail
that still fails is counted in the database (which also proves the database works: when
even that fails, the fault is ours, the pass ends and the listener reconnects later) and
waits for its next attempt (see `pacing.next_attempt`); after `max_attempts` it is
quarantined: its bytes kept, recorded as handled, its sender answered or a rep told,
and the message moved to the quarantine folder or flagged where it lies.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from domain import commands as c
from domain.inbox.mail import Failure, InboxState, MailIn, Outcome
from mail.inbound.imap import ImapSession
from mail.inbound.pacing import next_attempt
from mail.inbound.quarantine import QuarantinePlace, set_aside

if TYPE_CHECKING:
    from mail.inbound.listener import ListenerConfig, PassReport

log = logging.getLogger("orderbot.mail")


class FailingMails:
    """Runs a failed batch mail by mail and settles each mail that fails alone."""

    def __init__(
        self,
        config: ListenerConfig,
        handle: Callable[[c.Command], Awaitable[Any]],
        state: InboxState,
        clock: Callable[[], datetime],
    ) -> None:
        self.config = config
        self.handle = handle
        self.state = state
        self.clock = clock
        self.place = QuarantinePlace(None, "not looked for yet")

    async def one_by_one(
        self,
        session: ImapSession,
        mails: Sequence[MailIn],
        raws: dict[int, bytes],
        report: PassReport,
    ) -> list[int]:
        """Each mail in a unit of work of its own; returns the UIDs handled (or set aside)."""
        done: list[int] = []
        for mail in mails:
            try:
                result = await self.handle(c.IntakeMails(mails=(mail,), rules=self.config.rules))
            except Exception as error:  # this mail is the poison (or the database is down)
                if await self.settle(session, mail, raws[mail.uid], error, report):
                    done.append(mail.uid)
                continue
            (outcome,) = result.outcomes
            report.add(str(outcome.outcome), mail.uid, outcome.reason)
            done.append(mail.uid)
        return done

    async def settle(
        self, session: ImapSession, mail: MailIn, raw: bytes, error: Exception, report: PassReport
    ) -> bool:
        """Count a failure: the mail waits for its next attempt, or is quarantined after
        `max_attempts` (True: set aside, nothing left to do)."""
        cfg, text = self.config, f"{type(error).__name__}: {error}"[:1000]
        now = self.clock()
        attempts = await asyncio.to_thread(
            self.state.record_failure, cfg.folder, session.uidvalidity, mail.uid, text, now
        )
        if attempts < cfg.max_attempts:
            due = next_attempt(Failure(attempts, now), cfg.retry_seconds, cfg.retry_max_seconds)
            at = due.isoformat(timespec="seconds")
            log.warning(
                "mail uid %d failed (attempt %d of %d, next at %s): %s",
                mail.uid,
                attempts,
                cfg.max_attempts,
                at,
                text,
            )
            report.failed += 1
            report.waiting[mail.uid] = due
            return False
        await self.quarantine(session, mail, raw, attempts, text)
        report.quarantined += 1
        report.add(str(Outcome.QUARANTINED), mail.uid, text)
        return True

    async def quarantine(
        self, session: ImapSession, mail: MailIn, raw: bytes, attempts: int, text: str
    ) -> None:
        """Keep the bytes, record the mail (answered, reps told), move or flag it."""
        cfg = self.config
        keep = self.state.keep_quarantined
        uidvalidity, now = session.uidvalidity, self.clock()
        await asyncio.to_thread(keep, cfg.folder, uidvalidity, mail.uid, raw, text, now)
        cmd = c.QuarantineMail(mail=mail, attempts=attempts, error=text, rules=cfg.rules)
        try:
            await self.handle(cmd)
        except Exception as error:  # the answer fails like the mail did: tell reps only
            log.warning("mail uid %d: no answer to its sender (%s)", mail.uid, error)
            await self.handle(cmd.model_copy(update={"answer": False}))
        where = await set_aside(session, [mail.uid], self.place)
        log.warning(
            "mail uid %d quarantined after %d attempts (%s): %s", mail.uid, attempts, where, text
        )
