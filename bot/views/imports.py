"""Import reports and results as text and JSON, a progress bar, and row-number lists.

Used by the `orderbot import` command line; the Slack and email doors can reuse the
text and the row parser (`3,5,10-12`). Everything is said in the current language: the
doors speak the language of the file's headers (`ImportReport.language`). Counts are
written by `l10n.formats` (English: `1,234`); the JSON keeps plain numbers. The progress
bar draws on a terminal only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from domain.errors import ValidationFailed
from domain.imports.annotations import STATUS_WORDS
from domain.imports.columns import SheetKind
from domain.imports.sessions import ImportReport, ImportResult, Verdict
from domain.texts import Text, _
from l10n.formats import number
from l10n.translation import gettext, ngettext, render

_ORDER = (Verdict.GREEN, Verdict.YELLOW, Verdict.RED, Verdict.SKIPPED)


def parse_rows(text: str) -> tuple[int, ...]:
    """Row numbers written as `3,5,10-12` (spaces allowed) -> (3, 5, 10, 11, 12)."""
    rows: list[int] = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last) if dash else int(first)
        except ValueError:
            raise ValidationFailed.field("rows", _(
                "{part} is not a row number or a range such as 10-12", part=repr(part)
            ), "rows.invalid") from None  # fmt: skip
        if low < 1 or high < low or high - low > 1_000_000:
            raise ValidationFailed.field(
                "rows", _("{part} is not a valid range", part=repr(part)), "rows.invalid"
            )
        rows.extend(range(low, high + 1))
    return tuple(dict.fromkeys(rows))


def annotated_name(filename: str) -> str:
    """The annotated copy's file name: the source's full name and `.checked.xlsx`, so the
    copies of customers.xlsx, customers.ods and customers.xls do not overwrite one
    another."""
    return f"{filename}.checked.xlsx"


def said(messages: Iterable[Text]) -> str:
    """A row's messages as one list, in the current language."""
    return "; ".join(render(message) for message in messages)


def counts_line(report: ImportReport) -> str:
    """`98 green, 1 yellow, 1 red, 0 skipped`; `3 green (3 unchanged), ...` when green rows
    would change nothing."""
    n = {v: report.counts.get(v, 0) for v in _ORDER}
    green = ngettext("{shown} green", "{shown} green", n[Verdict.GREEN],
                     shown=number(n[Verdict.GREEN]))  # fmt: skip
    if unchanged := report.unchanged:
        green = ngettext("{green} ({shown} unchanged)", "{green} ({shown} unchanged)", unchanged,
                         green=green, shown=number(unchanged))  # fmt: skip
    parts = [
        green,
        ngettext("{shown} yellow", "{shown} yellow", n[Verdict.YELLOW],
                 shown=number(n[Verdict.YELLOW])),
        ngettext("{shown} red", "{shown} red", n[Verdict.RED], shown=number(n[Verdict.RED])),
        ngettext("{shown} skipped", "{shown} skipped", n[Verdict.SKIPPED],
                 shown=number(n[Verdict.SKIPPED])),
    ]  # fmt: skip
    return ", ".join(parts)


def stopped_line(report: ImportReport) -> str:
    """Why a confirmation wrote nothing: verdicts changed since they were shown."""
    return ngettext(
        "Nothing was imported: the verdict of row {rows} changed since the check (a customer "
        "of the file was changed meanwhile). Read the new verdicts, then confirm again.",
        "Nothing was imported: the verdicts of rows {rows} changed since the check (a "
        "customer of the file was changed meanwhile). Read the new verdicts, then confirm "
        "again.",
        len(report.changed), rows=", ".join(map(str, report.changed)),
    )  # fmt: skip


def _counted(n: int, what: str) -> str:
    """`1 customer`, `2 addresses`: one whole phrase per kind of thing written."""
    shown = number(n)
    if what == "customers":
        return ngettext("{shown} customer", "{shown} customers", n, shown=shown)
    if what == "addresses":
        return ngettext("{shown} address", "{shown} addresses", n, shown=shown)
    if what == "contacts":
        return ngettext("{shown} contact", "{shown} contacts", n, shown=shown)
    if what == "products":
        return ngettext("{shown} product", "{shown} products", n, shown=shown)
    if what == "orders":
        return ngettext("{shown} order", "{shown} orders", n, shown=shown)
    if what == "lines":
        return ngettext("{shown} line", "{shown} lines", n, shown=shown)
    return f"{shown} {what}"


def result_line(result: ImportResult) -> str:
    """What a confirmation wrote, in one sentence."""
    created = ", ".join(_counted(n, what) for what, n in result.created.items() if n)
    updated = ", ".join(_counted(n, what) for what, n in result.updated.items() if n)
    if created and updated:
        done = gettext("created {created}; updated {updated}", created=created, updated=updated)
    elif created or updated:
        done = (gettext("created {created}", created=created) if created
                else gettext("updated {updated}", updated=updated))  # fmt: skip
    else:
        done = gettext("nothing new")
    rows = ngettext("{shown} row", "{shown} rows", result.rows_imported,
                    shown=number(result.rows_imported))  # fmt: skip
    line = gettext("Imported {rows}: {done}.", rows=rows, done=done)
    if result.already_confirmed:
        line += " " + gettext("(It had been confirmed before; nothing was written again.)")
    if result.orders:
        line += " " + gettext("Orders: {orders}.", orders=", ".join(result.orders))
    return line


def render_report(report: ImportReport, result: ImportResult | None, dry_run: bool) -> str:
    """The summary people read: counts, warnings, each red/yellow/skipped row, outcome."""
    lines = [_checked_line(report)]
    lines += [gettext("Warning: {warning}", warning=render(warning)) for warning in report.warnings]
    for verdict in report.rows:
        if verdict.status is not Verdict.GREEN:  # green rows are counted as unchanged
            word = render(STATUS_WORDS[verdict.status]).lower()
            # Translators: a row of the report; the spaces line the columns up.
            line = gettext("row {row}  {status}  {messages}", row=f"{verdict.row:>6}",
                           status=f"{word:<7}", messages=said(verdict.messages))  # fmt: skip
            lines.append("  " + line)
    if report.changed:
        lines.append(stopped_line(report))
    elif result is not None:
        lines.append(result_line(result))
    elif dry_run:
        lines.append(gettext("Dry run: nothing was written."))
    elif report.importable == 0:
        lines.append(gettext("Nothing can be imported: every row is red or skipped."))
    return "\n".join(lines)


def _checked_line(report: ImportReport) -> str:
    counts = counts_line(report)
    if report.kind is SheetKind.CUSTOMERS:
        return gettext("Checked {file} (customers): {counts}.", file=report.filename, counts=counts)
    if report.kind is SheetKind.ORDERS:
        return gettext("Checked {file} (orders): {counts}.", file=report.filename, counts=counts)
    return gettext("Checked {file} (products): {counts}.", file=report.filename, counts=counts)


def report_json(
    report: ImportReport, result: ImportResult | None, annotated: str | None, dry_run: bool
) -> dict[str, Any]:
    """The same as plain data, for scripts."""
    return {
        "session_id": report.session_id,
        "kind": report.kind.value,
        "file": report.filename,
        "customer": report.customer,
        "status": report.status.value,
        "counts": {v.value: report.counts.get(v, 0) for v in _ORDER},
        "unchanged": report.unchanged,
        "changed_since_check": list(report.changed),
        "warnings": [render(warning) for warning in report.warnings],
        "rows": [
            {"row": v.row, "status": v.status.value, "messages": [render(m) for m in v.messages]}
            for v in report.rows
        ],
        "dry_run": dry_run,
        "result": None
        if result is None
        else {
            "rows_imported": result.rows_imported,
            "rows_skipped": result.rows_skipped,
            "rows_refused": result.rows_refused,
            "created": dict(result.created),
            "updated": dict(result.updated),
            "orders": list(result.orders),
            "already_confirmed": result.already_confirmed,
        },
        "annotated_copy": annotated,
    }


class ProgressBar:
    """A progress bar on a terminal stream: reading, checking and writing phases."""

    def __init__(self, stream: TextIO) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=None,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._progress.console.file = stream
        self._tasks: dict[str, Any] = {}
        self._progress.start()

    def update(self, phase: str, done: int, total: int | None) -> None:
        """Move the bar of `phase` (a new bar for a new phase)."""
        task = self._tasks.get(phase)
        if task is None:
            task = self._tasks[phase] = self._progress.add_task(phase, total=total)
        self._progress.update(task, completed=done, total=total)

    def close(self) -> None:
        """Remove the bars from the terminal."""
        self._progress.stop()
