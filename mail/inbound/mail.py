"""The values a received mail is read into: `InboundMail`, its attachments and problems.

Owns the shape the listener and the services see of an inbound mail, independent of how
it was parsed: identity, sender, thread, text, the mail it forwards, attachments
(spreadsheets and machine-readable orders recognised by name and content type),
classification, DMARC verdict and what could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from domain.inbox.mail import thread_ids
from mail.inbound.classify import Classification, Dmarc

SYNTHETIC_ID_PREFIX = "sha256:"  # real ids are kept in <angle brackets>, so never collide

_SPREADSHEET_EXTENSIONS = {".xlsx": "xlsx", ".xls": "xls", ".ods": "ods", ".csv": "csv"}
_SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-excel": "xls",
    "application/msexcel": "xls",
    "application/x-msexcel": "xls",
    "application/x-excel": "xls",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "text/csv": "csv",
    "application/csv": "csv",
    "text/comma-separated-values": "csv",
    "text/x-csv": "csv",
    "application/x-csv": "csv",
}


# Machine-readable orders: an Order-X PDF (a PDF with its order XML) or an order XML
# (Order-X or UBL); the import engine reads their XML only, never a PDF's text.
_DOCUMENT_EXTENSIONS = {".pdf": "pdf", ".xml": "xml"}
_DOCUMENT_TYPES = {"application/pdf": "pdf", "application/xml": "xml", "text/xml": "xml"}


def spreadsheet_kind(filename: str, content_type: str) -> str | None:
    """ "xlsx", "xls", "ods" or "csv" by file extension, else by content type; else None."""
    by_name = _SPREADSHEET_EXTENSIONS.get(PurePosixPath(filename.lower()).suffix)
    return by_name or _SPREADSHEET_TYPES.get(content_type.lower())


def order_file_kind(filename: str, content_type: str) -> str | None:
    """A spreadsheet's kind, or "pdf" / "xml" for a file that may hold an order's XML;
    else None. By file extension first, then by content type."""
    if kind := spreadsheet_kind(filename, content_type):
        return kind
    by_name = _DOCUMENT_EXTENSIONS.get(PurePosixPath(filename.lower()).suffix)
    return by_name or _DOCUMENT_TYPES.get(content_type.lower())


@dataclass(frozen=True, slots=True)
class MailProblem:
    """Something in a mail that could not be read, with a stable code and a detail."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a mail: name (no directories), content type and bytes."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)

    @property
    def spreadsheet_kind(self) -> str | None:
        """ "xlsx", "xls", "ods" or "csv" when this is a spreadsheet, else None."""
        return spreadsheet_kind(self.filename, self.content_type)

    @property
    def order_file_kind(self) -> str | None:
        """A spreadsheet's kind, "pdf" or "xml" when the file may be an order; else None."""
        return order_file_kind(self.filename, self.content_type)


@dataclass(frozen=True, slots=True)
class Forwarded:
    """A mail forwarded inside a received one: what its author wrote (quotes and signature
    removed), its From and Subject as written, whether it came as an attached mail, and
    then the spreadsheets attached to it."""

    text: str
    sender: str = ""
    subject: str = ""
    attached: bool = False
    sheets: tuple[Attachment, ...] = ()  # an attached mail's own order files
    message_id: str = ""  # an attached mail's own Message-ID, in <brackets>


@dataclass(frozen=True, slots=True)
class InboundMail:
    """One received mail, read: who, what, which thread, what kind, and what went wrong."""

    message_id: str  # `<id@host>`, or SYNTHETIC_ID_PREFIX + sha256 of the raw bytes
    message_id_synthetic: bool
    from_address: str | None  # lower-case addr-spec; None when missing or ambiguous
    from_name: str = ""
    reply_to: tuple[str, ...] = ()  # kept for the record; never decides the customer
    recipients: tuple[str, ...] = ()  # To and Cc
    subject: str = ""
    date: datetime | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    body: str = ""  # what the sender wrote: quotes and signature removed
    full_text: str = ""  # the whole text body as read, quotes included
    body_was_html: bool = False
    # the mails the sender forwarded, outermost first (a forward of a forward...)
    forwarded: tuple[Forwarded, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    classification: Classification = field(default_factory=Classification)
    dmarc: Dmarc = Dmarc.NONE
    size: int = 0
    problems: tuple[MailProblem, ...] = ()
    content_hash: str = ""  # of the bytes without transit headers (mail/inbound/fingerprint)

    @property
    def spreadsheets(self) -> tuple[Attachment, ...]:
        """The attachments that are .xlsx/.xls/.ods/.csv files, then those of the attached
        mail the sender forwarded (a colleague's order may be such a file)."""
        own = tuple(a for a in self.attachments if a.spreadsheet_kind is not None)
        forwarded = (s for f in self.forwarded for s in f.sheets if s.spreadsheet_kind)
        return own + tuple(forwarded)

    @property
    def order_files(self) -> tuple[Attachment, ...]:
        """The attachments the intake reads as orders: spreadsheets, Order-X PDFs and
        order XMLs (`order_file_kind`), then those of the attached mail forwarded."""
        own = tuple(a for a in self.attachments if a.order_file_kind is not None)
        return own + tuple(sheet for f in self.forwarded for sheet in f.sheets)

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Every Message-ID this mail answers (References, then In-Reply-To), for threading."""
        return thread_ids(self.references, self.in_reply_to)
