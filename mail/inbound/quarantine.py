"""Where a mail that keeps failing is set aside: the quarantine folder, or a keyword.

Owns finding the folder and putting mails there. The folder's name is read in the
server's personal namespace (NAMESPACE, RFC 2342): `Quarantine` is `INBOX.Quarantine`
on a server whose folders live under `INBOX.` (Cyrus, Courier), where a bare
`CREATE Quarantine` is refused. The folder is created (or found) when the listener
connects; when that is impossible the mails are flagged `$OrderbotQuarantined` where
they lie instead of moved, and the reason is kept for the health report and the log.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from mail.inbound.imap import QUARANTINED_KEYWORD, ImapError, ImapSession

log = logging.getLogger("orderbot.mail")


def in_namespace(name: str, prefix: str) -> str:
    """`name` inside the personal namespace `prefix` (a name already inside it is kept)."""
    inbox_based = prefix.upper().startswith("INBOX")  # INBOX is case-insensitive
    already = name.upper().startswith(prefix.upper()) if inbox_based else name.startswith(prefix)
    return name if not prefix or already else prefix + name


@dataclass(frozen=True)
class QuarantinePlace:
    """The folder mails are moved to, or None when they are flagged where they lie."""

    folder: str | None
    problem: str | None = None

    def describe(self) -> dict[str, str]:
        """For the health report."""
        if self.folder is not None:
            return {"folder": self.folder}
        return {"flag": QUARANTINED_KEYWORD, "problem": self.problem or ""}


async def find_quarantine(session: ImapSession, name: str) -> QuarantinePlace:
    """The quarantine folder in the personal namespace, created when missing; when the
    server refuses it, flagging instead (the refusal kept). A lost connection raises."""
    try:
        prefix, _ = await session.personal_namespace()
        folder = in_namespace(name, prefix)
        await session.ensure_folder(folder)
    except ImapError as error:
        if session.lost.is_set():
            raise
        return QuarantinePlace(None, f"cannot use {name!r} as the quarantine folder: {error}")
    return QuarantinePlace(folder)


async def set_aside(session: ImapSession, uids: Sequence[int], place: QuarantinePlace) -> str:
    """Move the messages to the quarantine folder, or flag them; says which was done."""
    if place.folder is not None:
        try:
            await session.move(uids, place.folder)
            return f"moved to {place.folder}"
        except ImapError as error:
            if session.lost.is_set():
                raise
            log.warning("cannot move to %s (%s): flagging instead", place.folder, error)
    await session.flag(uids, QUARANTINED_KEYWORD)
    return f"flagged {QUARANTINED_KEYWORD}"
