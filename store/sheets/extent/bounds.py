"""The rectangle a sheet's values take once read, and the refusals naming the bound passed;
with the few XML helpers the .xlsx and .ods walks share.

Every refusal names the cell (A1, or R1C20000 beyond the last column a spreadsheet
names) and what to do about it, in a sentence said in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat
from xml.sax import saxutils

from domain.text_values import Count
from domain.texts import Text, _
from store.sheets.guard import DAMAGED, SheetLimits, SheetRefused

CHUNK = 1024 * 1024
"""How much of a part is read at a time."""
_ENTITIES = {"&quot;": '"', "&apos;": "'"}
"""XML's own entities besides `&amp;`, `&lt;` and `&gt;` (which saxutils knows)."""


def unescape(text: str) -> str:
    """Text with XML's own entities replaced."""
    return saxutils.unescape(text, _ENTITIES)


def column_name(column: int) -> str:
    """A 1-based column number as spreadsheets name it: 1 -> A, 27 -> AA, 702 -> ZZ."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column(column: int) -> str | Count:
    return column_name(column) if column <= 16_384 else Count(column)


def _cell_name(row: int, column: int, sheet: str | None = None) -> str | Text:
    name = f"{column_name(column)}{row}" if column <= 16_384 else f"R{row}C{column}"
    # Translators: a cell of a named sheet, e.g. "A1 of sheet 'Orders'".
    return name if sheet is None else _("{cell} of sheet '{sheet}'", cell=name, sheet=sheet)


def corrupt(detail: Text | None = None) -> SheetRefused:
    """The refusal of a damaged file (`detail`, a whole sentence, says how, when known)."""
    return SheetRefused("sheet.corrupt", detail or DAMAGED)


@dataclass
class Extent:
    """The rectangle from A1 to the last row and column holding a value, within `limits`."""

    limits: SheetLimits
    sheet: str | None = None
    """The sheet's name, for a workbook whose every sheet is read."""
    rows: int = 0
    columns: int = 0

    def add(self, row: int, column: int, count: int = 1) -> None:
        """Cells holding a value at a 1-based `row` and `column` (and `count` - 1 to its
        right); refused as soon as a bound is passed."""
        last = column + count - 1
        if last > self.columns:
            if last > self.limits.max_columns:
                raise too_wide(row, last, self.limits, self.sheet)
            self.columns = last
        if row > self.rows:
            if row > self.limits.max_rows + 1:
                raise too_far_down(row, column, self.limits, self.sheet)
            self.rows = row
        if self.rows * self.columns > self.limits.max_cells:
            raise too_many_cells(self.rows, self.columns, self.limits, self.sheet)


def too_wide(row: int, column: int, limits: SheetLimits, sheet: str | None = None) -> SheetRefused:
    """A value beyond the last column allowed."""
    last = column_name(limits.max_columns)
    return SheetRefused(
        "sheet.too_wide",
        _(
            "Cell {cell} holds a value in column {column}, beyond the {allowed} columns "
            "allowed (A to {last}); delete what lies to the right of your data and send the "
            "file again.",
            cell=_cell_name(row, column, sheet),
            column=_column(column),
            allowed=Count(limits.max_columns),
            last=last,
        ),
    )


def too_far_down(
    row: int, column: int, limits: SheetLimits, sheet: str | None = None
) -> SheetRefused:
    """A value below the last row allowed."""
    return SheetRefused(
        "sheet.too_many_rows",
        _(
            "Cell {cell} holds a value in row {row}, below the {allowed} rows allowed "
            "({data} and a header); delete the rows below your data, or split the sheet.",
            cell=_cell_name(row, column, sheet),
            row=Count(row),
            allowed=Count(limits.max_rows + 1),
            data=Count(limits.max_rows),
        ),
    )


def too_many_rows(max_rows: int, claimed: int | None = None) -> SheetRefused:
    """More rows, or a sheet claiming more rows, than allowed."""
    if claimed:
        said = _(
            "The sheet claims {claimed} rows, more than the {allowed} allowed; split it, or "
            "delete the empty rows below your data.",
            claimed=Count(claimed),
            allowed=Count(max_rows),
        )
    else:
        said = _(
            "The sheet has more rows than the {allowed} allowed; split it, or delete the "
            "empty rows below your data.",
            allowed=Count(max_rows),
        )
    return SheetRefused("sheet.too_many_rows", said)


def too_many_cells(
    rows: int, columns: int, limits: SheetLimits, sheet: str | None = None
) -> SheetRefused:
    """A rectangle of more cells than allowed."""
    values = {
        "rows": Count(rows),
        "columns": Count(columns),
        "cells": Count(rows * columns),
        "allowed": Count(limits.max_cells),
    }
    if sheet is None:
        said = _(
            "The sheet's values span {rows} rows by {columns} columns ({cells} cells), more "
            "than the {allowed} cells allowed; delete stray values far below or to the right "
            "of your data, or split the sheet.",
            **values,
        )
    else:
        said = _(
            "The values of sheet '{sheet}' span {rows} rows by {columns} columns ({cells} "
            "cells), more than the {allowed} cells allowed; delete stray values far below or "
            "to the right of your data, or split the sheet.",
            sheet=sheet,
            **values,
        )
    return SheetRefused("sheet.too_many_cells", said)


def workbook_too_big(cells: int, limits: SheetLimits) -> SheetRefused:
    """Sheets that the reader holds all at once, together too big."""
    return SheetRefused(
        "sheet.too_many_cells",
        _(
            "The workbook's sheets together span {cells} cells, more than the {allowed} "
            "allowed; delete the sheets you do not import, or stray values far from your "
            "data.",
            cells=Count(cells),
            allowed=Count(limits.max_cells),
        ),
    )


def local_name(name: str) -> str:
    """An element's name without its namespace prefix."""
    return name.rpartition(":")[2]


def xml_parser(
    start: Callable[[str, dict[str, str]], None], end: Callable[[str], None]
) -> expat.XMLParserType:
    """An expat parser calling `start` and `end`, refusing any DTD or entity declaration."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end

    def refuse_dtd(*_args: object) -> None:
        raise corrupt(_("The file is damaged and cannot be read (it declares a DTD)."))

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    return parser


_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def position(ref: str) -> tuple[int, int] | None:
    """(row, column), both 1-based, of an A1 reference."""
    match = _REF.fullmatch(ref.strip())
    if match is None or int(match.group(2)) == 0:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column
