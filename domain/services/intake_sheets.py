"""Spreadsheet orders attached to a mail: each file judged by the import engine's order rules.

Owns turning a customer's .xlsx/.csv attachment into orders inside the intake's unit of
work, so the orders commit with the mail's Message-ID record. A file goes through the
import engine's steps for a single-order file of the sender's customer, checked and
confirmed at once: read through the `SheetFiles` port (`read_sheets`, before any
decision), each row cleaned (`clean_order_line`) and judged (`resolve_orders`), the
session kept as an import session, confirmed, and its drafts made into orders, with the
mail's header fields (PO, delivery address, dates) wherever the file gives none. What
`CheckImport` + `ConfirmImport` would look up per file (customer, products, references
taken) the intake reads once per batch and hands in as `OrderLookups`. Red and yellow
rows become the answer's problem lines. An Order-X PDF or an order XML is read by the
same port as the rows of an order sheet (`store.sheets.order_xml`); its problem lines
name the document's line numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from domain import commands as c
from domain.actors import ActorDoor
from domain.catalog.products import Product
from domain.customers.customer import Customer
from domain.errors import DomainError, ValidationFailed
from domain.imports.columns import SheetKind
from domain.imports.orders import OrderLookups, clean_order_line, order_keys, resolve_orders
from domain.imports.sessions import (
    ImportResult,
    ImportSession,
    RowVerdict,
    SessionStatus,
    SheetData,
    StoredRow,
    Verdict,
    count_verdicts,
    labels_for,
)
from domain.inbox.mail import MailAttachment
from domain.inbox.reply import Problem, Severity
from domain.orders.order import SalesOrder
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.intake_headers import MailHeaders
from domain.texts import Text, _

ORDER_DOCUMENTS = frozenset({"pdf", "xml"})
"""Attachment kinds read from their order XML (Order-X, UBL), not as spreadsheets."""

NOTHING_TO_IMPORT = _(
    "no row can be imported: every row is red or skipped; fix the file and check it again"
)
UNREADABLE = _("the file could not be read")


@dataclass
class ReadSheet:
    """An attached file as read and cleaned (rows judged alone), or why it could not be."""

    attachment: MailAttachment
    data: SheetData | None = None
    labels: dict[str, str] = field(default_factory=dict)
    rows: list[StoredRow] = field(default_factory=list)
    error: Text | None = None


def read_sheets(attachments: tuple[MailAttachment, ...], ctx: ServiceContext) -> list[ReadSheet]:
    """Read and clean every attached file; a refused or missing file keeps its reason."""
    files = ctx.adapters.sheet_files
    read: list[ReadSheet] = []
    for sheet in attachments:
        if not sheet.path:
            read.append(ReadSheet(sheet, error=UNREADABLE))
            continue
        if files is None:
            read.append(ReadSheet(sheet, error=_("Spreadsheet files are not configured here.")))
            continue
        try:
            data = files.read(sheet.path, SheetKind.ORDERS)
        except DomainError as error:
            read.append(ReadSheet(sheet, error=error.text))
            continue
        labels = labels_for(SheetKind.ORDERS, data.header, data.columns)
        rows = [
            StoredRow(number, cells, out.values, tuple(out.notes), tuple(out.problems))
            for number, cells, record in data.records(0, len(data))
            for out in (clean_order_line(record, labels),)
        ]
        read.append(ReadSheet(sheet, data, labels, rows))
    return read


def sheet_references(sheets: list[ReadSheet]) -> set[str]:
    """The order references the files' rows name (looked up once for the whole batch)."""
    refs: set[str] = set()
    for sheet in sheets:
        refs |= order_keys([r for r in sheet.rows if not r.problems])[2]
    return refs


@dataclass(frozen=True)
class SheetLookups:
    """What the batch read once: products by text, references taken, the order maker."""

    products: Mapping[str, Product]
    references: Mapping[tuple[str, str], str]
    create_all: Callable[[Sequence[c.CreateOrder], Customer], list[SalesOrder]]
    headers: MailHeaders = field(default_factory=MailHeaders)  # the mail's, for empty fields


def sheet_orders(
    sheets: list[ReadSheet],
    customer: Customer,
    lookups: SheetLookups,
    uow: UnitOfWork,
    ctx: ServiceContext,
    sender: str = "",
) -> tuple[list[str], list[Problem]]:
    """The order codes made from the attached files, and the rows that need telling;
    `sender` (the mail's address) is their actor."""
    codes: list[str] = []
    problems: list[Problem] = []
    for sheet in sheets:
        name = sheet.attachment.filename
        if sheet.data is None:
            problems.append(Problem("red", name, sheet.error or UNREADABLE))
            continue
        try:
            orders, verdicts = _import(sheet, sheet.data, customer, lookups, uow, ctx, sender)
        except DomainError as error:
            problems.append(Problem("red", name, error.text))
            continue
        # an order XML's rows are the document's lines, numbered as it numbers them
        where = _WHERE_LINE if sheet.attachment.kind in ORDER_DOCUMENTS else _WHERE_ROW
        for row in verdicts:
            if row.status in (Verdict.RED, Verdict.YELLOW):
                severity: Severity = "red" if row.status is Verdict.RED else "yellow"
                at = Text(where.msgid, {"file": name, "row": row.row})
                problems.append(Problem(severity, at, _row_reason(row)))
        if not orders and not verdicts:
            problems.append(Problem("red", name, _("no order line found in the file")))
        codes += orders
    return codes, problems


_WHERE_ROW = _("{file}, row {row}")
_WHERE_LINE = _("{file}, line {row}")


def _row_reason(row: RowVerdict) -> Text:
    """A row's verdicts as one sentence: its messages joined as the import joins them."""
    if len(row.messages) == 1:
        return row.messages[0]
    joined = row.messages[0] if row.messages else Text("")
    for more in row.messages[1:]:
        joined = _("{first}; {then}", first=joined, then=more)
    return joined


def _import(
    sheet: ReadSheet,
    data: SheetData,
    customer: Customer,
    lookups: SheetLookups,
    uow: UnitOfWork,
    ctx: ServiceContext,
    sender: str,
) -> tuple[list[str], list[RowVerdict]]:
    """Check and confirm one file as the import engine does; returns (orders, rows to tell)."""
    texts = order_keys([r for r in sheet.rows if not r.problems])[1]
    products = {t.lower(): p for t in texts if (p := lookups.products.get(t.lower()))}
    unknown = len(products) < len({t.lower() for t in texts})
    catalogue = sorted({p.code for p in lookups.products.values() if p.active}) if unknown else ()
    order_lookups = OrderLookups(
        {customer.code.lower(): customer},
        products,
        lookups.references,
        tuple(catalogue),
        ctx.policy.money.currency,
    )
    session = ImportSession(
        id=uuid.uuid4().hex, kind=SheetKind.ORDERS, filename=sheet.attachment.filename,
        customer=customer.code, actor=sender, created_at=ctx.now, header_row=data.header_row,
        header=data.header, labels=sheet.labels, warnings=data.warnings, rows=sheet.rows,
        verdicts=[], columns=dict(data.columns), source=data.source,
    )  # fmt: skip
    verdicts, drafts = resolve_orders(
        session.rows, session.skipped, session.labels, order_lookups, session.customer
    )
    session.verdicts = verdicts
    counts = count_verdicts(verdicts)
    taken = counts[Verdict.GREEN] + counts[Verdict.YELLOW]
    if taken == 0:
        uow.imports.add_session(session)  # kept as checked, as CheckImport would
        raise ValidationFailed.field("session", NOTHING_TO_IMPORT, "import.nothing_to_import")
    by_mail = {"actor_door": str(ActorDoor.EMAIL)}  # the sheet came by mail from its actor
    commands = [
        lookups.headers.fill(d.command(session.actor)).model_copy(update=by_mail) for d in drafts
    ]
    made = tuple(order.code for order in lookups.create_all(commands, customer))
    lines = sum(len(d.lines) for d in drafts)
    result = ImportResult(
        session.id, session.kind, taken, counts[Verdict.SKIPPED], counts[Verdict.RED],
        {"orders": len(made), "lines": lines}, {}, made,
    )  # fmt: skip
    session.status, session.confirmed_at = SessionStatus.CONFIRMED, ctx.now
    session.result = result.as_dict()
    uow.imports.add_session(session)
    return list(made), [v for v in verdicts if v.status is not Verdict.GREEN]
