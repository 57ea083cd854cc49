"""Which files of a customer's mail are uploaded into its conversation's thread (pure).

Every mail that belongs to a conversation shows its files in the thread: the order file
the order was read from (a spreadsheet, an Order-X PDF, an order XML) first, then the
other files it carried (a PDF, a photo). The same bounds hold for all of them: at most
`MAX_FILES` a mail, none over `MAX_FILE_BYTES` (a bigger one is left in the mailbox).
One outbox row a file, keyed on the mail's key and the file's place, so a mail read
twice, or handled again after a failed batch, uploads each file once.
"""

from __future__ import annotations

from datetime import datetime

from domain.inbox.mail import MAX_FILE_BYTES, MAX_FILES, MailAttachment, MailIn
from domain.outbox.messages import OutboxMessage
from domain.threads.posts import thread_file
from domain.threads.thread import Thread


def files_of(mail: MailIn) -> list[MailAttachment]:
    """The mail's files for the thread: order files first, within the bounds."""
    kept: dict[tuple[str, bytes], MailAttachment] = {}
    for attached in (*mail.attachments, *mail.files):  # a PDF may be in both
        if 0 < len(attached.data) <= MAX_FILE_BYTES:
            kept.setdefault((attached.filename, attached.data), attached)
    return list(kept.values())[:MAX_FILES]


def file_rows(thread: Thread, mail: MailIn, now: datetime) -> list[OutboxMessage]:
    """The rows uploading the mail's files into the thread, one a file."""
    return [
        thread_file(thread, attached.filename, attached.data, now, f"thread:file:{n}:{mail.key}")
        for n, attached in enumerate(files_of(mail))
    ]
