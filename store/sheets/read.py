"""Reading the rows of an uploaded sheet: .xlsx, .xls, .ods with python-calamine, .csv
with the standard library (`store.sheets.csv_rows`).

This module owns turning a file into `(row_number, cells)` pairs (`store.sheets.cells`):
empty rows are skipped with the numbering kept. It enforces the row limit as soon as it
is exceeded. Every file first passes `guard.check_file`; an .xlsx sheet then the pre-scan
of `store.sheets.xlsx_scan` (which also refuses formulas that carry no cached value), an
.ods or .xls workbook the extent checks of `store.sheets.extent`, before calamine opens
it. `read_table` then finds the header row of a kind and hands the verdict code clean
records keyed by column.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import python_calamine

from domain.imports.columns import (
    HEADER_SCAN_ROWS,
    CellValue,
    HeaderMatch,
    SheetKind,
    coerce_record,
    columns_for,
    find_header_row,
)
from domain.texts import Text, _
from store.sheets.cells import Row, clean_cells
from store.sheets.csv_rows import csv_rows
from store.sheets.extent.bounds import too_many_rows
from store.sheets.extent.ods import check_ods
from store.sheets.extent.xls import check_xls
from store.sheets.guard import DAMAGED, PASSWORD, FileKind, SheetLimits, SheetRefused, check_file
from store.sheets.ods_indent import readable_ods, temporary_folder
from store.sheets.xlsx_scan import Window, scan_xlsx


def read_rows(path: str | Path, limits: SheetLimits, sheet: str | None = None) -> Iterator[Row]:
    """The non-empty rows of a file's first (or named) sheet, checked and cleaned."""
    kind, file = check_file(path, limits), Path(path)
    if kind is FileKind.CSV:
        return _limited(csv_rows(file), limits.max_rows)
    window = None
    if kind is FileKind.XLSX:
        window = scan_xlsx(file, sheet, limits)
    elif kind is FileKind.ODS:
        check_ods(file, limits)
        return _limited(_ods_rows(file, sheet), limits.max_rows)
    elif kind is FileKind.XLS:
        check_xls(file, limits)
    return _limited(_calamine_rows(file, sheet, window), limits.max_rows)


def _limited(rows: Iterator[Row], max_rows: int) -> Iterator[Row]:
    # The header row comes on top of the data rows the limit is about. islice counts at
    # C speed: this runs once per row of every file.
    yield from islice(rows, max_rows + 1)
    if next(rows, None) is not None:
        raise too_many_rows(max_rows)


# --- calamine ---------------------------------------------------------------------------


def _ods_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    """An .ods file's rows; an indented one (Gnumeric's) read from a copy calamine can
    read (`store.sheets.ods_indent`), removed once read."""
    with temporary_folder() as folder:
        yield from _calamine_rows(readable_ods(path, folder) or path, sheet, None)


def _calamine_rows(path: Path, sheet: str | None, window: Window | None) -> Iterator[Row]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        with workbook:
            data = _load(workbook, sheet, path, window)
            # python-calamine 0.9 iter_rows() starts at row 1 but at the first used column:
            # pad the columns back so that cell positions match the sheet's own.
            padding: list[CellValue] = [None] * (data.start or (0, 0))[1]
            for number, cells in enumerate(data.iter_rows(), start=1):
                cleaned = clean_cells(cells)
                if cleaned.count(None) != len(cleaned):
                    yield number, (padding + cleaned) if padding else cleaned
    except python_calamine.PasswordError as exc:
        raise SheetRefused("sheet.password_protected", PASSWORD) from exc
    except python_calamine.CalamineError as exc:
        raise SheetRefused("sheet.corrupt", DAMAGED) from exc


def _load(
    workbook: python_calamine.CalamineWorkbook, sheet: str | None, path: Path,
    window: Window | None,
) -> python_calamine.CalamineSheet:  # fmt: skip
    """The parsed sheet. Calamine parses without the GIL: the `window`'s reading runs
    alongside in this thread."""

    def parse() -> python_calamine.CalamineSheet:
        return workbook.get_sheet_by_index(0) if sheet is None else _named(workbook, sheet)

    if window is None:
        return parse()
    with ThreadPoolExecutor(1, thread_name_prefix="sheet-parse") as pool:
        parsing = pool.submit(parse)
        try:
            window.run(path)
        except SheetRefused:
            parsing.exception()  # the parse (its memory bounded) ends before the refusal
            raise
        return parsing.result()


def _named(workbook: python_calamine.CalamineWorkbook, name: str) -> python_calamine.CalamineSheet:
    if name not in workbook.sheet_names:
        names = ", ".join(workbook.sheet_names)
        raise SheetRefused(
            "sheet.not_found",
            _("There is no sheet '{name}'; the sheets are {names}.", name=name, names=names),
        )
    return workbook.get_sheet_by_name(name)


# --- a table of one kind ----------------------------------------------------------------


@dataclass
class SheetTable:
    """A sheet whose header row was found: the match, and the data rows below it."""

    kind: SheetKind
    header_row: int
    header: list[CellValue]
    match: HeaderMatch
    rows: Iterator[Row]

    def records(self) -> Iterator[tuple[int, dict[str, CellValue]]]:
        """(row number, values by column key, coerced by column kind) for each data row."""
        for number, cells in self.rows:
            yield number, coerce_record(self.kind, self.match.record(cells))


def read_table(
    path: str | Path, kind: SheetKind, limits: SheetLimits, sheet: str | None = None
) -> SheetTable:
    """Open a file, find the kind's header row within the first rows, and return the rest."""
    rows = read_rows(path, limits, sheet)
    leading: list[Row] = []
    for row in rows:
        leading.append(row)
        if len(leading) >= HEADER_SCAN_ROWS:
            break
    found = find_header_row(kind, [cells for _, cells in leading])
    if found is None:
        required = [f"{c.en} ({c.fr})" for c in columns_for(kind) if c.required]
        raise SheetRefused("sheet.no_header", no_header(kind, ", ".join(required)))
    position, match = found
    header_row, header = leading[position]
    return SheetTable(kind, header_row, header, match, chain(leading[position + 1 :], rows))


def no_header(kind: SheetKind, required: str) -> Text:
    """No header row of the kind's columns among the first rows: the columns it needs."""
    if kind == SheetKind.CUSTOMERS:
        return _(
            "No header row found in the first {n} rows; a customers sheet needs the "
            "columns {columns}.",
            n=HEADER_SCAN_ROWS,
            columns=required,
        )
    if kind == SheetKind.PRODUCTS:
        return _(
            "No header row found in the first {n} rows; a products sheet needs the "
            "columns {columns}.",
            n=HEADER_SCAN_ROWS,
            columns=required,
        )
    return _(
        "No header row found in the first {n} rows; an orders sheet needs the columns {columns}.",
        n=HEADER_SCAN_ROWS,
        columns=required,
    )
