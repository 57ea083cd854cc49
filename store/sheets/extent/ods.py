"""The extent of an .ods workbook: content.xml streamed through expat, every table, with
rows and cells repeated as calamine expands them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from domain.text_values import Count
from domain.texts import _
from store.sheets.extent.bounds import (
    CHUNK,
    Extent,
    corrupt,
    too_wide,
    workbook_too_big,
    xml_parser,
)
from store.sheets.guard import SheetLimits, SheetRefused

_ODS_CELLS = ("table:table-cell", "table:covered-table-cell")
_ODS_VALUES = frozenset([
    "office:value", "office:string-value", "office:date-value", "office:time-value",
    "office:boolean-value", "office:value-type", "table:formula",
])  # fmt: skip


def check_ods(path: Path, limits: SheetLimits) -> None:
    """Refuse an .ods workbook whose tables, expanded as calamine expands them, pass a
    bound. All tables count: calamine parses every one when the file is opened."""
    walk = _OdsWalk(limits)
    parser = xml_parser(walk.start, walk.end)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except KeyError:
        return  # no content.xml: calamine says what is wrong
    except (expat.ExpatError, zipfile.BadZipFile) as exc:
        raise corrupt() from exc


def _repeats(attrs: dict[str, str], name: str) -> int:
    text = attrs.get(name)
    if text is None:
        return 1
    try:
        return max(int(text.strip().lstrip("+")), 1)
    except ValueError:
        return 1  # calamine refuses the file itself


@dataclass
class _OdsWalk:
    """calamine's reading of content.xml, in cells it allocates.

    calamine names elements by their literal qualified names, as this walk does. Per
    table it first pushes every cell of every row element once (a run of empty cells
    only when another cell follows it in the row), then expands the rows repeated into
    the rectangle. Positions are counted from A1 (leading empty rows are handed over
    too, one by one)."""

    limits: SheetLimits
    tables: int = 0  # cells of the rectangles of the tables done
    pushed: int = 0  # cells pushed before expanding, all tables
    extent: Extent | None = None
    table_row: int = 0  # rows of this table so far
    row_repeat: int = 0  # of the row being read; 0 outside a row
    column: int = 0  # cells of this row so far
    empty_run: int = 0  # empty cells pending
    row_last: int = 0  # last column holding a value in this row
    cell_depth: int = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cell_depth:
            if name in ("table:table", "table:table-row", *_ODS_CELLS):
                raise corrupt(_("The file is damaged and cannot be read (a table inside a cell)."))
            self.cell_depth += name in _ODS_CELLS
        elif name == "table:table":
            if self.extent is not None:
                raise corrupt(_("The file is damaged and cannot be read (a table inside a table)."))
            self.extent = Extent(self.limits, attrs.get("table:name", ""))
            self.table_row = 0
        elif self.extent is None:
            return
        elif name == "table:table-row":
            if self.row_repeat:
                raise corrupt(_("The file is damaged and cannot be read (a row inside a row)."))
            self.row_repeat = _repeats(attrs, "table:number-rows-repeated")
            self.column = self.empty_run = self.row_last = 0
        elif name in _ODS_CELLS and self.row_repeat:
            self._cell(attrs)

    def _cell(self, attrs: dict[str, str]) -> None:
        self.cell_depth = 1
        repeat = _repeats(attrs, "table:number-columns-repeated")
        self._push(self.empty_run)
        self.empty_run = 0
        if _ODS_VALUES.isdisjoint(attrs):
            self.empty_run = repeat
        else:
            self._push(repeat)
            self.row_last = self.column + repeat
            assert self.extent is not None
            if self.row_last > self.limits.max_columns:
                raise too_wide(self.table_row + 1, self.row_last, self.limits, self.extent.sheet)
        self.column += repeat

    def _push(self, count: int) -> None:
        self.pushed += count
        if self.pushed > self.limits.max_cells:
            raise SheetRefused(
                "sheet.too_many_cells",
                _(
                    "The workbook's rows hold more than the {allowed} cells allowed once "
                    "repeated cells are counted; delete the sheets you do not import, or the "
                    "formatting of empty cells.",
                    allowed=Count(self.limits.max_cells),
                ),
            )

    def end(self, name: str) -> None:
        if self.cell_depth:
            self.cell_depth -= name in _ODS_CELLS
        elif name == "table:table-row" and self.row_repeat:
            extent = self.extent
            assert extent is not None
            if self.row_last:
                extent.add(self.table_row + self.row_repeat, 1, self.row_last)
            self.table_row += self.row_repeat
            self.row_repeat = 0
        elif name == "table:table" and self.extent is not None:
            self.tables += self.extent.rows * self.extent.columns
            if self.tables > self.limits.max_cells:
                raise workbook_too_big(self.tables, self.limits)
            self.extent = None
