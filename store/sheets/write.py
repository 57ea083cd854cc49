"""Writing workbooks with openpyxl: annotated copies of a checked file (templates are
written by `store.sheets.templates`).

An annotated copy is the uploaded rows, at their own row numbers, with a Status and a
Message column; red and yellow rows are filled in their colour and the status is also
written as a word, so colour is never the only signal. It re-imports as is: the header
matcher knows the Status and Message columns.

Exported text is never evaluated: in a workbook a text such as "=1+1" is written as a
string cell with Excel's quote prefix (the round trip gives back "=1+1" exactly); in
text exports (CSV) `neutralise` prefixes it with a single quote.

openpyxl parses XML with defusedxml only when that package is installed; the assertion
below makes its absence a start-up failure instead of a silent weakening.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import openpyxl.xml
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.imports.columns import MESSAGE_HEADERS, STATUS_HEADERS, CellValue, normalise_header

assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed so openpyxl parses XML safely"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program would read as the start of a formula in a text cell."""
FILLS: Mapping[str, PatternFill] = {
    "red": PatternFill("solid", fgColor="FFC7CE"),
    "yellow": PatternFill("solid", fgColor="FFEB9C"),
}
_BOLD = Font(bold=True)
_MAX_WIDTH = 48
_STATUS_NAMES = frozenset(map(normalise_header, STATUS_HEADERS))
_MESSAGE_NAMES = frozenset(map(normalise_header, MESSAGE_HEADERS))


def neutralise(value: CellValue) -> CellValue:
    """A value safe for a text export: formula-like text gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class AnnotationWords:
    """The words of an annotated copy, in the language of the file it annotates."""

    sheet: str = "Checked"
    status: str = "Status"
    message: str = "Message"
    statuses: Mapping[str, str] = field(default_factory=dict)
    """Verdict (green, yellow, red, skipped) -> the word written in the Status column."""

    def status_word(self, status: str) -> str:
        return self.statuses.get(status, status.capitalize())


def write_annotated_copy(
    source_rows: Iterable[tuple[int, Sequence[CellValue]]],
    header: Sequence[CellValue],
    verdicts: Mapping[int, tuple[str, str]],
    path: str | Path,
    header_row: int = 1,
    words: AnnotationWords = AnnotationWords(),
) -> None:
    """The checked rows at their own row numbers, with Status and Message columns and fills.

    `verdicts` maps a row number to (status, message); status is green, yellow, red or
    skipped, written as `words` says it.
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(words.sheet)
    status_at, message_at = _annotation_columns(header)
    width = max(len(header), status_at + 1, message_at + 1)
    full_header = [*header, *[None] * (width - len(header))]
    full_header[status_at], full_header[message_at] = words.status, words.message
    _set_widths(sheet, full_header, message_at)
    sheet.freeze_panes = f"A{header_row + 1}"
    for _ in range(header_row - 1):
        sheet.append([])
    sheet.append([_write_cell(sheet, value, None, bold=True) for value in full_header])
    current = header_row
    for number, cells in source_rows:
        while current + 1 < number:  # blank rows keep their place so numbers stay right
            sheet.append([])
            current += 1
        status, message = verdicts.get(number, ("", ""))
        row = [*cells, *[None] * (width - len(cells))]
        row[status_at] = words.status_word(status) if status else None
        row[message_at] = message or None
        fill = FILLS.get(status.lower())
        sheet.append([_write_cell(sheet, value, fill) for value in row])
        current = number
    workbook.save(path)


def _annotation_columns(header: Sequence[CellValue]) -> tuple[int, int]:
    """Reuse the Status and Message columns of an annotated copy; else append them."""
    names = [normalise_header(cell) for cell in header]
    used = len(header)
    while used and not names[used - 1]:
        used -= 1
    status = next((i for i, n in enumerate(names) if n in _STATUS_NAMES), None)
    message = next((i for i, n in enumerate(names) if n in _MESSAGE_NAMES), None)
    if status is None:
        status = used
        used += 1
    if message is None:
        message = max(used, status + 1)
    return status, message


def _set_widths(sheet: Worksheet, header: Sequence[CellValue], message_at: int) -> None:
    for index, value in enumerate(header):
        width = 60 if index == message_at else min(len(str(value or "")) + 6, _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _write_cell(
    sheet: Worksheet, value: CellValue, fill: PatternFill | None, bold: bool = False
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    if fill is not None:
        cell.fill = fill
    if bold:
        cell.font = _BOLD
    return cell
