"""Exported lists of orders: an .xlsx workbook (openpyxl's streaming writer) or a UTF-8
.csv file, the header first, then one order a row as the domain gives it
(`domain.orders.listing.sheet_row`).

Amounts are numbers and dates dates in the workbook; in the CSV file amounts are written
as they are kept (`1234.50`) and dates as ISO dates. Text that a spreadsheet would take
for a formula is never one: a string cell with Excel's quote prefix in the workbook, a
leading single quote in the CSV file (`store.sheets.write.neutralise`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.orders.listing import Cell
from store.sheets.write import neutralise

_BOLD = Font(bold=True)
_WIDTH = 14


class OrderSheetWriter:
    """Writes lists of orders as xlsx or csv (the domain's `OrderSheets`)."""

    def write(self, path: str, kind: str, rows: Iterable[Sequence[Cell]]) -> int:
        """Write `rows` (the header first) to `path`; how many rows followed the header."""
        if kind == "csv":
            return _write_csv(Path(path), rows)
        return _write_xlsx(Path(path), rows)


def _write_xlsx(path: Path, rows: Iterable[Sequence[Cell]]) -> int:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Orders")
    sheet.freeze_panes = "A2"
    count = -1
    for row in rows:
        if count < 0:
            for index in range(1, len(row) + 1):
                sheet.column_dimensions[get_column_letter(index)].width = _WIDTH
            sheet.append([_cell(sheet, value, bold=True) for value in row])
        else:
            sheet.append([_cell(sheet, value) for value in row])
        count += 1
    workbook.save(path)
    return max(count, 0)


def _cell(sheet: Worksheet, value: Cell, bold: bool = False) -> object:
    """The value as openpyxl takes it: a plain value, or a cell where it needs more."""
    formula_like = isinstance(value, str) and neutralise(value) != value
    if not (bold or formula_like):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if formula_like:
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True
    if bold:
        cell.font = _BOLD
    return cell


def _write_csv(path: Path, rows: Iterable[Sequence[Cell]]) -> int:
    count = -1
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        for row in rows:
            out.writerow([_text(value) for value in row])
            count += 1
    return max(count, 0)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(neutralise(value))
