"""Reading a batch of the order folder: fetched, parsed, handed over as the domain sees it.

Owns turning listed messages into `MailIn` values: bodies fetched with BODY.PEEK (only
the header of a mail over MAX_ATTACHMENT_MB, whose body is never fetched), parsed in a
worker thread, attached order files (spreadsheets, Order-X PDFs, order XMLs) written to
a scratch folder for the import engine (removed once the batch is handled, or given up
with the pass); only as many as the intake reads (`IntakeRules.max_attachments`), the
others named but never written.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from domain.inbox.mail import MAX_FILE_BYTES, MAX_FILES, ForwardedMail, MailAttachment, MailIn
from mail.inbound.imap import ImapError, ImapSession, MessageInfo
from mail.inbound.parse import InboundMail, parse_message
from mail.inbound.scratch import scratch_folder

if TYPE_CHECKING:
    from mail.inbound.listener import ListenerConfig


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
        forwarded=tuple(
            ForwardedMail(body=f.text, sender=f.sender, subject=f.subject, message_id=f.message_id)
            for f in mail.forwarded
        ),
        attachments=tuple(
            MailAttachment(filename=a.filename, kind=a.order_file_kind or "", data=a.data)
            for a in mail.order_files
        ),
        files=_files(mail),
        flags=mail.classification.reasons,
        dmarc=str(mail.dmarc),
        problems=tuple(f"{p.code}: {p.detail}" for p in mail.problems),
        size=mail.size,
        too_large=too_large,
        folder=folder,
        uid=uid,
        content_hash=mail.content_hash,
    )


def _files(mail: InboundMail) -> tuple[MailAttachment, ...]:
    """The mail's own files that are neither spreadsheets nor attached mails, the first
    MAX_FILES within MAX_FILE_BYTES each (for the order thread, when a person reads it)."""
    kept = [
        MailAttachment(filename=a.filename or "file", kind=a.content_type, data=a.data)
        for a in mail.attachments
        if a.spreadsheet_kind is None
        and a.content_type != "message/rfc822"
        and len(a.data) <= MAX_FILE_BYTES
    ]
    return tuple(kept[:MAX_FILES])


class BatchReader:
    """Fetches and parses batches of the folder the listener reads."""

    def __init__(self, config: ListenerConfig) -> None:
        self.config = config

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
            mail = to_mail_in(parsed, info.uid, cfg.folder, too_large)
            # spreadsheets beyond the cap are never written out for reading, only named
            mails.append(_saved(mail.within(cfg.rules.max_attachments), folder))
        return mails

    async def prepare(self, session: ImapSession, batch: Sequence[MessageInfo]) -> Ready:
        """Fetch a batch and parse it; its spreadsheets are saved in a scratch folder."""
        raws = await self._fetch(session, batch)
        # attached spreadsheets are handed to the import engine as files
        scratch = scratch_folder()
        try:
            mails = await asyncio.to_thread(self._parse, batch, raws, scratch.name)
        except BaseException:
            scratch.cleanup()
            raise
        return Ready(raws, mails, scratch)


@dataclass
class Ready:
    """A fetched and parsed batch; `scratch` holds its spreadsheets until it is handled."""

    raws: dict[int, bytes]
    mails: list[MailIn]
    scratch: tempfile.TemporaryDirectory[str]


async def drop(preparing: asyncio.Future[Ready] | None) -> None:
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
