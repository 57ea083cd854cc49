"""Services of the spreadsheet import: check, skip rows, confirm, show, annotated copy.

Every door uses the same four steps: `CheckImport` reads the file through the
`SheetFiles` port (refusals are `SheetRefused`, a DomainError, before anything is
written), judges every row and keeps an import session (the only thing it writes);
`SkipImportRows` leaves rows out by their spreadsheet numbers; `ConfirmImport` judges
the rows again against the database as it is now and writes the whole import in the
command's one transaction, once (a confirmed session answers again with its result).
A customer file's judgement is kept in the process that made it, with what it read
(skipped rows, the file's customers and emails in the database); confirm looks those
up again and, when they are unchanged, writes the kept plan instead of judging 100,000
rows a second time. A session keeps the file itself: a process that does not hold its
rows reads them again from it (`_rows_again`). A file's rows are read and judged inside
the port's `rows_in_bulk`, where the store may defer per-object housekeeping.
`WriteAnnotatedCopy` hands back the file with a Status and a Message column.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from domain import commands as c
from domain.errors import DomainError, ValidationFailed
from domain.imports.annotations import file_language
from domain.imports.columns import CellValue, SheetKind
from domain.imports.customers.clean import clean_customer
from domain.imports.examples import example_problem
from domain.imports.orders import clean_order_line
from domain.imports.ports import SheetFiles
from domain.imports.products import clean_product
from domain.imports.sessions import (
    Cleaned,
    ImportReport,
    ImportResult,
    ImportSession,
    Progress,
    RowsAgain,
    SessionStatus,
    SheetData,
    StoredRow,
    Verdict,
    count_verdicts,
    labels_for,
)
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.import_rows import resolve
from domain.texts import _

SESSION_DAYS = 7
"""Import sessions older than this are deleted when a new file is checked."""
_PROGRESS_EVERY = 5_000


def _kind(text: str) -> SheetKind:
    try:
        return SheetKind(text.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in SheetKind)
        raise ValidationFailed.field(
            "kind",
            _("{text} is not something to import; use {kinds}", text=repr(text), kinds=kinds),
            "import.kind_unknown",
        ) from None


def _files(ctx: ServiceContext) -> SheetFiles:
    files = ctx.adapters.sheet_files
    if files is None:
        raise DomainError("import.unavailable", _("Spreadsheet files are not configured here."))
    return files


def _tell(progress: Progress | None, phase: str, done: int, total: int | None) -> None:
    if progress is not None:
        progress(phase, done, total)


def check_import(cmd: c.CheckImport, uow: UnitOfWork, ctx: ServiceContext) -> ImportReport:
    """Read and judge a file; keep it as an import session. Nothing else is written."""
    kind, progress = _kind(cmd.kind), ctx.adapters.import_progress
    with uow.imports.rows_in_bulk():
        return _check(cmd, kind, progress, uow, ctx)


def _check(
    cmd: c.CheckImport, kind: SheetKind, progress: Progress | None, uow: UnitOfWork,
    ctx: ServiceContext,
) -> ImportReport:  # fmt: skip
    # The file is read before the database is touched: no lock is held meanwhile.
    data = _files(ctx).read(cmd.path, kind, progress)
    if (
        kind is SheetKind.ORDERS
        and cmd.customer is None
        and ("customer_code" not in data.columns.values())
    ):
        raise ValidationFailed.field(
            "customer",
            _("this orders file has no Customer code column; say which customer it is for"),
            "import.customer_needed",
        )
    customer = uow.customers.get(cmd.customer).code if cmd.customer else None
    labels = labels_for(kind, data.header, data.columns)
    rows = _clean_all(kind, labels, data, progress)
    session = ImportSession(
        id=uuid.uuid4().hex, kind=kind, filename=cmd.filename or cmd.path.rsplit("/", 1)[-1],
        customer=customer, actor=cmd.actor, created_at=ctx.now, header_row=data.header_row,
        header=data.header, labels=labels, warnings=data.warnings, rows=rows, verdicts=[],
        columns=dict(data.columns), source=data.source,
    )  # fmt: skip
    session.verdicts, _write = resolve(session, uow, ctx)
    uow.imports.purge_before(ctx.now - timedelta(days=SESSION_DAYS))
    uow.imports.add_session(session)
    session.source = None  # stored; not held any longer than the command
    return report(session)


def _rows_again(ctx: ServiceContext) -> RowsAgain:
    """Reads a session's rows again from its file, as `_check` read them."""

    def again(session: ImportSession, source: bytes) -> Sequence[StoredRow]:
        data = _files(ctx).read_source(source, session.kind, ctx.adapters.import_progress)
        if (data.header_row, dict(data.columns)) != (session.header_row, session.columns):
            # Only a reader changed by an upgrade could read the same file otherwise.
            raise DomainError(
                "import.stale",
                _("This file now reads differently from when it was checked; check it again."),
            )
        return _clean_all(session.kind, session.labels, data, None)

    return again


def _session(session_id: str, uow: UnitOfWork, ctx: ServiceContext) -> ImportSession:
    """A stored session with its rows (read again from its file when not in memory)."""
    return _with_rows(uow.imports.get_session(session_id), uow, ctx)


def _with_rows(session: ImportSession, uow: UnitOfWork, ctx: ServiceContext) -> ImportSession:
    session.rows = uow.imports.session_rows(session, _rows_again(ctx))
    return session


_CLEAN: dict[SheetKind, Callable[[Mapping[str, CellValue], Mapping[str, str]], Cleaned]] = {
    SheetKind.CUSTOMERS: clean_customer,
    SheetKind.ORDERS: clean_order_line,
    SheetKind.PRODUCTS: clean_product,
}
"""Each kind's row judged alone."""


def _clean_all(
    kind: SheetKind, labels: Mapping[str, str], data: SheetData, progress: Progress | None
) -> list[StoredRow]:
    """Every row judged alone, each kept with its cells, a batch at a time (telling
    progress between batches)."""
    clean, total = _CLEAN[kind], len(data)
    # The template's example row, left in, is refused at every door (`examples`).
    found: list[StoredRow] = []
    for start in range(0, total, _PROGRESS_EVERY):
        for number, cells, record in data.records(start, min(start + _PROGRESS_EVERY, total)):
            out = clean(record, labels)
            if example := example_problem(kind, number, out.values):
                out.problems.insert(0, example)
            found.append(StoredRow(number, cells, out.values, tuple(out.notes),
                                   tuple(out.problems)))  # fmt: skip
        _tell(progress, "checking", len(found), total)
    if not total:
        _tell(progress, "checking", 0, 0)
    return found


def report(session: ImportSession) -> ImportReport:
    """The report of a session: counts per verdict, and every row that is not plainly
    green (green rows that say "unchanged" included)."""
    return ImportReport(
        session_id=session.id, kind=session.kind, filename=session.filename,
        status=session.status, counts=count_verdicts(session.verdicts),
        rows=tuple(v for v in session.verdicts if v.messages or v.status is not Verdict.GREEN),
        warnings=session.warnings, customer=session.customer,
        language=file_language(session),
    )  # fmt: skip


def _checked(session: ImportSession) -> None:
    if session.status is SessionStatus.CONFIRMED:
        raise ValidationFailed.field(
            "session",
            _("this import was already confirmed; rows can no longer be skipped"),
            "import.confirmed",
        )


def skip_import_rows(cmd: c.SkipImportRows, uow: UnitOfWork, ctx: ServiceContext) -> ImportReport:
    """Leave rows out of the import (or take them back with `unskip`); judge again."""
    with uow.imports.rows_in_bulk():
        return _skip(cmd, uow, ctx)


def _skip(cmd: c.SkipImportRows, uow: UnitOfWork, ctx: ServiceContext) -> ImportReport:
    session = _session(cmd.session_id, uow, ctx)
    _checked(session)
    numbers = {row.number for row in session.rows}
    unknown = sorted(set(cmd.rows) - numbers)
    if unknown:
        first, last = min(numbers, default=0), max(numbers, default=0)
        raise ValidationFailed.field(
            "rows",
            _(
                "row {rows} is not a data row of this file (rows {first} to {last})",
                rows=", ".join(map(str, unknown)),
                first=first,
                last=last,
            ),
            "import.row_unknown",
        )
    chosen = frozenset(cmd.rows)
    session.skipped = session.skipped - chosen if cmd.unskip else session.skipped | chosen
    session.verdicts, _write = resolve(session, uow, ctx)
    uow.imports.save_skips(session)
    uow.imports.save_verdicts(session)
    return report(session)


def confirm_import(
    cmd: c.ConfirmImport, uow: UnitOfWork, ctx: ServiceContext
) -> ImportResult | ImportReport:
    """Write every green and yellow row, in this one transaction; once per session.

    The rows are judged again against the database as it is now. When a verdict is not
    the one last shown (a customer of the file changed since the check), nothing is
    written: the new verdicts are kept and handed back as a report naming the rows that
    changed, so the person sees them before confirming again."""
    # The session is read within the bulk work too: it makes an object per row's verdict
    # while this process may still hold the rows it checked (the pause measured: a
    # second and more of a 100,000-row confirmation on bench/import_customers.py).
    with uow.imports.rows_in_bulk():
        session = uow.imports.get_session(cmd.session_id)
        if session.status is SessionStatus.CONFIRMED:
            return _stored_result(session)
        session = _with_rows(session, uow, ctx)
        verdicts, write = resolve(session, uow, ctx)
    if verdicts != session.verdicts:
        changed = tuple(new.row for new, old in zip(verdicts, session.verdicts, strict=True)
                        if new != old)  # fmt: skip
        session.verdicts = verdicts
        uow.imports.save_verdicts(session)
        return replace(report(session), changed=changed)
    counts = count_verdicts(verdicts)
    taken = counts[Verdict.GREEN] + counts[Verdict.YELLOW]
    if taken == 0:
        raise ValidationFailed.field(
            "session",
            _(
                "no row can be imported: every row is red or skipped; fix the file and check "
                "it again"
            ),
            "import.nothing_to_import",
        )
    _tell(ctx.adapters.import_progress, "writing", 0, taken)
    created, updated, orders = write()
    _tell(ctx.adapters.import_progress, "writing", taken, taken)
    result = ImportResult(
        session.id, session.kind, taken, counts[Verdict.SKIPPED], counts[Verdict.RED],
        created, updated, orders, language=file_language(session),
    )  # fmt: skip
    session.status, session.confirmed_at = SessionStatus.CONFIRMED, ctx.now
    session.result = result.as_dict()
    uow.imports.mark_confirmed(session)
    return result


def _stored_result(session: ImportSession) -> ImportResult:
    data: dict[str, Any] = dict(session.result or {})
    return ImportResult(
        session.id, session.kind, int(data.get("rows_imported", 0)),
        int(data.get("rows_skipped", 0)), int(data.get("rows_refused", 0)),
        dict(data.get("created", {})), dict(data.get("updated", {})),
        tuple(data.get("orders", ())), already_confirmed=True, language=file_language(session),
    )  # fmt: skip


def show_import(cmd: c.ShowImport, uow: UnitOfWork, ctx: ServiceContext) -> ImportReport:
    """The report of an import session, as last judged."""
    return report(uow.imports.get_session(cmd.session_id))


def write_annotated_copy(cmd: c.WriteAnnotatedCopy, uow: UnitOfWork, ctx: ServiceContext) -> str:
    """Write the session's file with Status and Message columns to `path`; returns it."""
    session = _session(cmd.session_id, uow, ctx)
    _files(ctx).write_annotated(session, cmd.path)
    return cmd.path


def write_import_template(cmd: c.WriteImportTemplate, uow: UnitOfWork, ctx: ServiceContext) -> str:
    """Write an empty template of a kind to `path`; returns it."""
    _files(ctx).write_template(_kind(cmd.kind), cmd.path, cmd.language)
    return cmd.path
