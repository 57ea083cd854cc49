"""The extent of an .xls workbook: the BIFF records of every sheet the workbook lists, and
the DIMENSIONS record, by which calamine reserves memory before reading a cell.
"""

from __future__ import annotations

import struct
from pathlib import Path

from domain.text_values import Count
from domain.texts import _
from store.sheets import cfb
from store.sheets.extent.bounds import Extent, corrupt, workbook_too_big
from store.sheets.guard import SheetLimits, SheetRefused

_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _MULRK = 0x0809, 0x000A, 0x0085, 0x0200, 0x00BD
# Records calamine turns into cells, each starting with its row and column (u16 each).
_CELL_RECORDS = frozenset([0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0006])
_XLS_ROWS, _XLS_COLUMNS = 65_536, 256  # the most an .xls sheet holds


def check_xls(path: Path, limits: SheetLimits) -> None:
    """Refuse an .xls workbook one of whose sheets passes a bound, or all together."""
    try:
        with path.open("rb") as handle:
            streams = cfb.read_streams(handle, path.stat().st_size, {"workbook", "book"})
    except cfb.NotCompoundFile as exc:
        raise corrupt() from exc
    for stream in streams:
        total = 0
        measured: dict[int, int] = {}
        for offset, name in _sheets(stream):
            if offset not in measured:
                extent = _xls_sheet(stream, offset, Extent(limits, name))
                measured[offset] = extent.rows * extent.columns
            total += measured[offset]
            if total > limits.max_cells:
                raise workbook_too_big(total, limits)


def _records(stream: bytes, offset: int) -> list[tuple[int, int, int]]:
    """(type, data offset, data length) of the records from `offset` to the first EOF."""
    found = []
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        found.append((kind, offset + 4, length))
        offset += 4 + length
        if kind == _EOF:
            break
    return found


def _sheets(stream: bytes) -> list[tuple[int, str]]:
    """(offset, name) of the sheets the globals list (BOUNDSHEET records)."""
    sheets = []
    for kind, at, length in _records(stream, 0):
        if kind == _BOUNDSHEET and length >= 4:
            offset = struct.unpack_from("<I", stream, at)[0]
            if offset >= len(stream):
                raise corrupt(
                    _("The file is damaged and cannot be read (a sheet lies beyond its end).")
                )
            sheets.append((offset, _sheet_name(stream[at + 6 : at + length])))
    return sheets


def _sheet_name(data: bytes) -> str:
    if len(data) < 2:
        return ""
    if data[1] & 1:  # BIFF8, two bytes a character
        return data[2 : 2 + 2 * data[0]].decode("utf-16-le", "replace")
    return data[2 : 2 + data[0]].decode("latin-1")


def _xls_sheet(stream: bytes, offset: int, extent: Extent) -> Extent:
    for kind, at, length in _records(stream, offset):
        if kind in _CELL_RECORDS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, at)
            extent.add(row + 1, column + 1)
        elif kind == _MULRK and length >= 6:
            row, first = struct.unpack_from("<HH", stream, at)
            extent.add(row + 1, first + 1, max((length - 6) // 6, 1))
        elif kind == _DIMENSIONS and length in (10, 14):
            # calamine reserves room for the cells it claims before reading any.
            layout = "<IIHH" if length == 14 else "<HHHH"
            first_row, end_row, first_column, end_column = struct.unpack_from(layout, stream, at)
            rows, columns = end_row - first_row, end_column - first_column
            if (
                end_row
                and end_column
                and not (0 <= rows <= _XLS_ROWS and 0 <= columns <= _XLS_COLUMNS)
            ):
                raise SheetRefused(
                    "sheet.corrupt",
                    _(
                        "A sheet claims {rows} rows and {columns} columns, more than an .xls "
                        "sheet can hold; the file is damaged or was not made by a "
                        "spreadsheet program.",
                        rows=Count(max(end_row, 0)),
                        columns=Count(max(end_column, 0)),
                    ),
                )
    return extent
