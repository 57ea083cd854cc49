"""Import reports and results as text and JSON, a progress bar, and row-number lists.

Used by the `orderbot import` command line; the Slack and email doors can reuse the
text and the row parser (`3,5,10-12`). Counts are written by `l10n.formats` (English:
`1,234`); the JSON keeps plain numbers. The progress bar draws on a terminal only.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from domain.errors import ValidationFailed
from domain.imports.sessions import ImportReport, ImportResult, Verdict
from l10n.formats import number

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
            raise ValidationFailed.field(
                "rows", f"{part!r} is not a row number or a range such as 10-12", "rows.invalid"
            ) from None
        if low < 1 or high < low or high - low > 1_000_000:
            raise ValidationFailed.field("rows", f"{part!r} is not a valid range", "rows.invalid")
        rows.extend(range(low, high + 1))
    return tuple(dict.fromkeys(rows))


def annotated_name(filename: str) -> str:
    """The annotated copy's file name: the source's full name and `.checked.xlsx`, so the
    copies of customers.xlsx, customers.ods and customers.xls do not overwrite one
    another."""
    return f"{filename}.checked.xlsx"


def counts_line(report: ImportReport) -> str:
    """`98 green, 1 yellow, 1 red, 0 skipped`; `3 green (3 unchanged), ...` when green rows
    would change nothing."""
    line = ", ".join(f"{number(report.counts.get(v, 0))} {v.value}" for v in _ORDER)
    if unchanged := report.unchanged:
        green = f"{number(report.counts.get(Verdict.GREEN, 0))} green"
        line = line.replace(green, f"{green} ({number(unchanged)} unchanged)", 1)
    return line


def stopped_line(report: ImportReport) -> str:
    """Why a confirmation wrote nothing: verdicts changed since they were shown."""
    rows = ", ".join(map(str, report.changed))
    return (
        f"Nothing was imported: the verdict of row {rows} changed since the check (a "
        "customer of the file was changed meanwhile). Read the new verdicts, then confirm "
        "again."
    )


def _counted(n: int, what: str) -> str:
    """`1 customer`, `2 addresses` (the kinds are plural nouns)."""
    if n != 1:
        return f"{number(n)} {what}"
    return f"1 {what[:-2] if what.endswith('sses') else what.removesuffix('s')}"


def result_line(result: ImportResult) -> str:
    """What a confirmation wrote, in one sentence."""
    created = ", ".join(_counted(n, what) for what, n in result.created.items() if n)
    updated = ", ".join(_counted(n, what) for what, n in result.updated.items() if n)
    parts = [f"created {created}" if created else "", f"updated {updated}" if updated else ""]
    done = "; ".join(p for p in parts if p) or "nothing new"
    again = " (it had been confirmed before; nothing was written again)"
    orders = f" Orders: {', '.join(result.orders)}." if result.orders else ""
    return (
        f"Imported {_counted(result.rows_imported, 'rows')}: {done}."
        f"{again if result.already_confirmed else ''}{orders}"
    )


def render_report(report: ImportReport, result: ImportResult | None, dry_run: bool) -> str:
    """The summary people read: counts, warnings, each red/yellow/skipped row, outcome."""
    lines = [f"Checked {report.filename} ({report.kind.value}): {counts_line(report)}."]
    lines += [f"Warning: {warning}" for warning in report.warnings]
    for verdict in report.rows:
        if verdict.status is not Verdict.GREEN:  # green rows are counted as unchanged
            lines.append(f"  row {verdict.row:>6}  {verdict.status.value:<7}  {verdict.message}")
    if report.changed:
        lines.append(stopped_line(report))
    elif result is not None:
        lines.append(result_line(result))
    elif dry_run:
        lines.append("Dry run: nothing was written.")
    elif report.importable == 0:
        lines.append("Nothing can be imported: every row is red or skipped.")
    return "\n".join(lines)


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
        "warnings": list(report.warnings),
        "rows": [
            {"row": v.row, "status": v.status.value, "messages": list(v.messages)}
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
