"""The rectangle a sheet takes once read: refusing, before calamine opens a file, sheets
whose values lie so far apart that reading them would take far more than the file holds.

calamine keeps a sheet as a dense rectangle from its first to its last cell holding a
value (32 bytes a cell; .ods and .xls workbooks are parsed whole when opened, every
sheet, and the sheet asked for is then copied), and python-calamine hands its rows over
from row 1. So a 17 KB .xlsx with values in A1 and XFD2000 costs a gigabyte, an .ods of
800 bytes repeats one cell 16,000 times across 2,000 rows (2 GB), and an .xls of 6 KB
with values at A1 and at the last row and column makes the process abort. This module
owns the bounds on that rectangle, counted from A1 as the rows are handed over: the last
row holding a value (`max_rows` data rows and a header), the last column
(`max_columns`) and the cells in between (`max_cells`; for .ods and .xls, those of all
the sheets together). Cells are judged as calamine judges them: only cells holding a
value (a styled empty cell is not one), at the positions calamine gives them (a cell
without a reference follows the previous one, so `<c/>` elements can push a value to
the right as surely as a far reference).

- .xlsx: the row scan of `store.sheets.read` feeds every piece of the sheet XML to
  `XlsxExtent`. Quick mode costs one regular expression per piece at C speed: a cell
  whose reference is one letter and at most five digits (`<c r="O12345"`) lies in
  A1:Z99999, within every bound; only other cells are looked at, and a cell without a
  reference, or a rectangle that could be too big only because of the cells not looked
  at, sends the sheet to an exact pass: expat over the whole part, as calamine walks it.
- .ods: content.xml streamed through expat, every table: rows and cells repeated by
  `number-rows-repeated` / `number-columns-repeated`, as calamine expands them (a
  trailing repeated empty cell or row, which LibreOffice writes at the end of rows and
  sheets, is dropped by calamine and costs nothing; an empty run followed by a cell is
  materialised, even in an empty row).
- .xls: the BIFF records of every sheet the workbook lists, and the DIMENSIONS record,
  by which calamine reserves memory before reading a cell.

The parts were capped in size by `guard.check_file`, which also refused DTDs; expat
here sees no entity declarations.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO
from xml.parsers import expat

from store.sheets import cfb
from store.sheets.guard import FileKind, SheetLimits, SheetRefused

_CHUNK = 1024 * 1024
_BOX_COLUMNS = 26  # a one-letter reference: A to Z
_BOX_ROWS = 99_999  # at most five digits
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))
"""XML's own entities, `&amp;` last (as xml.sax.saxutils does; not imported, since it
brings urllib and http.client with it, a third of the helper process's start)."""


def _unescape(text: str) -> str:
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    return text


_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def column_name(column: int) -> str:
    """A 1-based column number as spreadsheets name it: 1 -> A, 27 -> AA, 702 -> ZZ."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column(column: int) -> str:
    return column_name(column) if column <= 16_384 else f"{column:,}"


def _cell_name(row: int, column: int, sheet: str | None = None) -> str:
    name = f"{column_name(column)}{row}" if column <= 16_384 else f"R{row}C{column}"
    return name if sheet is None else f"{name} of sheet {sheet!r}"


def _corrupt(detail: str = "") -> SheetRefused:
    return SheetRefused("sheet.corrupt", f"The file is damaged and cannot be read{detail}.")


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
        f"Cell {_cell_name(row, column, sheet)} holds a value in column {_column(column)}, "
        "beyond the "
        f"{limits.max_columns:,} columns allowed (A to {last}); delete what lies to the "
        "right of your data and send the file again.",
    )


def too_far_down(
    row: int, column: int, limits: SheetLimits, sheet: str | None = None
) -> SheetRefused:
    """A value below the last row allowed."""
    return SheetRefused(
        "sheet.too_many_rows",
        f"Cell {_cell_name(row, column, sheet)} holds a value in row {row:,}, below the "
        f"{limits.max_rows + 1:,} rows allowed ({limits.max_rows:,} and a header); delete "
        "the rows below your data, or split the sheet.",
    )


def too_many_cells(
    rows: int, columns: int, limits: SheetLimits, sheet: str | None = None
) -> SheetRefused:
    """A rectangle of more cells than allowed."""
    what = "The sheet's values" if sheet is None else f"The values of sheet {sheet!r}"
    return SheetRefused(
        "sheet.too_many_cells",
        f"{what} span {rows:,} rows by {columns:,} columns ({rows * columns:,} cells), more "
        f"than the {limits.max_cells:,} cells allowed; delete stray values far below or "
        "to the right of your data, or split the sheet.",
    )


def workbook_too_big(cells: int, limits: SheetLimits) -> SheetRefused:
    """Sheets that the reader holds all at once, together too big."""
    return SheetRefused(
        "sheet.too_many_cells",
        f"The workbook's sheets together span {cells:,} cells, more than the "
        f"{limits.max_cells:,} allowed; delete the sheets you do not import, or stray "
        "values far from your data.",
    )


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _expat(
    start: Callable[[str, dict[str, str]], None], end: Callable[[str], None]
) -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end

    def refuse_dtd(*_args: object) -> None:
        raise _corrupt(" (it declares a DTD)")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    return parser


def check_workbook(path: Path, kind: FileKind, limits: SheetLimits) -> None:
    """Refuse an .ods or .xls workbook whose sheets, as calamine reads them, pass a bound
    (.xlsx sheets are measured by the row scan of `store.sheets.read`)."""
    if kind is FileKind.ODS:
        check_ods(path, limits)
    elif kind is FileKind.XLS:
        with path.open("rb") as handle:
            check_xls(handle, path.stat().st_size, limits)


# --- .xlsx ------------------------------------------------------------------------------


class NeedsExactScan(Exception):
    """The quick pass cannot tell: the sheet must be walked again, exactly."""


ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")


class SheetPieces:
    """A sheet part's XML in pieces of about a MiB, each cut before a row starts, with
    the offset in the part each starts at; `prefix`, the root element's namespace prefix
    (`x:` in some writers), is known once the first chunk is read."""

    def __init__(self, stream: BinaryIO | IO[bytes]) -> None:
        self._stream = stream
        self.prefix: bytes | None = None

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        carry, offset = b"", 0
        while chunk := self._stream.read(_CHUNK):
            buffer = carry + chunk
            if self.prefix is None:
                root = ROOT_PREFIX.search(buffer)
                self.prefix = (root.group(1) or b"") if root else b""
            cut = buffer.rfind(b"<" + self.prefix + b"row")
            if cut <= 0:
                carry = buffer
                continue
            yield offset, buffer[:cut]
            offset, carry = offset + cut, buffer[cut:]
        yield offset, carry


def quick_extent(path: str, part: str, limits: SheetLimits, end: int) -> tuple[object, ...]:
    """The helper process's share of an .xlsx sheet's quick extent scan (see
    `store.sheets.read`): the pieces starting before `end`. ("ok", rows, columns, boxed)
    to merge with the rest (`XlsxExtent.merge`), ("refused", code, message), or
    ("exact",) when the sheet must be walked exactly."""
    cells: XlsxExtent | None = None
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
            pieces = SheetPieces(stream)
            for offset, piece in pieces:
                if offset >= end:
                    break
                if cells is None:
                    cells = XlsxExtent(limits, pieces.prefix or b"")
                cells.feed(piece)
    except SheetRefused as refused:
        return ("refused", refused.code, refused.message)
    except NeedsExactScan:
        return ("exact",)
    if cells is None:
        return ("ok", 0, 0, False)
    return ("ok", cells.extent.rows, cells.extent.columns, cells.boxed)


_TAG_ATTRS = rb"((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>"
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c" + _TAG_ATTRS)
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_R_ATTR = re.compile(rb"\sr\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class XlsxExtent:
    """The extent of an .xlsx sheet, fed its XML piece by piece, in order; each piece
    ends before a row starts (see `store.sheets.read._SheetScan`).

    `prefix` is the namespace prefix of the sheet's root element. calamine matches
    elements by their local name, so a cell under any prefix is looked at."""

    def __init__(self, limits: SheetLimits, prefix: bytes, exact: bool = False) -> None:
        self.extent = Extent(limits)
        self.exact = exact
        # The box A1:Z99999 is within every bound of the default limits.
        self._box = (
            limits.max_columns >= _BOX_COLUMNS
            and limits.max_rows + 1 >= _BOX_ROWS
            and _BOX_COLUMNS * _BOX_ROWS <= limits.max_cells
        )
        p = re.escape(prefix)
        in_box = rb'(?! r="[A-Z][0-9]{1,5}")' if self._box else b""
        looks = [
            # a cell not starting with a reference in the box (or without one)
            b"<" + p + b"c" + in_box + rb"[\s/>]",
            # an r attribute not first in its element: calamine takes a cell's last one
            rb"r\s*=(?<!<" + p + rb"c r=)(?<!<" + p + rb"row r=)",
        ]
        if prefix:  # cells under another prefix, or none
            looks += [rb"<c[\s/>]", rb"(?<!<" + re.escape(prefix[:-1]) + rb"):c[\s/>]"]
        else:
            looks.append(rb":c[\s/>]")
        self._looks = [re.compile(pattern) for pattern in looks]
        self._boxed = False
        self._walk = _XlsxWalk(self.extent) if exact else None

    def feed(self, data: bytes) -> None:
        """Measure a piece of the sheet XML."""
        if self._walk is not None:
            self._walk.feed(data)
            return
        self._boxed = self._boxed or self._box
        for pattern in self._looks:
            for match in pattern.finditer(data):
                self._look(data, match.start())

    @property
    def boxed(self) -> bool:
        """Whether cells were passed over as lying in the box A1:Z99999."""
        return self._boxed

    def merge(self, rows: int, columns: int, boxed: bool) -> None:
        """Take in what another scan of other pieces of the sheet found (`quick_extent`);
        refused as soon as the rectangle of both passes a bound."""
        if rows and columns:
            self.extent.add(rows, columns)
        self._boxed = self._boxed or boxed

    def finish(self) -> None:
        """After the last piece: the bound of the cells not looked at must hold too."""
        if self._walk is not None:
            self._walk.finish()
            return
        extent = self.extent
        if self._boxed:
            rows, columns = max(extent.rows, _BOX_ROWS), max(extent.columns, _BOX_COLUMNS)
            if rows * columns > extent.limits.max_cells:
                raise NeedsExactScan

    def _look(self, data: bytes, at: int) -> None:
        """Look at the cell whose start tag holds `at`, if one does."""
        start = at if data[at : at + 1] == b"<" else data.rfind(b"<", 0, at)
        tag = _CELL_TAG.match(data, start) if start >= 0 else None
        if tag is None:
            if start >= 0 and _CELL_START.match(data, start):
                raise NeedsExactScan  # a cell tag this pass cannot read: let expat judge
            return  # text, or another element
        if tag.end() <= at:
            return  # text after a cell tag
        refs = _R_ATTR.findall(tag.group(1))
        if not refs:
            raise NeedsExactScan  # placed after the previous cell: the walk knows where
        if tag.group(2):
            return  # <c .../>: styled at most, no value
        following = data.find(b"<", tag.end())
        if following != -1 and data[following + 1 : following + 2] == b"/":
            return  # <c ...></c>
        text = b"".join(refs[-1]).decode("utf-8", "replace")
        position = _position(_unescape(text))
        if position is not None:  # else calamine refuses the file itself
            self.extent.add(*position)


def _position(ref: str) -> tuple[int, int] | None:
    """(row, column), both 1-based, of an A1 reference."""
    match = _REF.fullmatch(ref.strip())
    if match is None or int(match.group(2)) == 0:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


@dataclass
class _XlsxWalk:
    """The cells of a sheet as calamine walks them: a row's `r` sets the row, its end
    moves to the next one; a cell's `r` sets its own place, else it follows the last
    cell; a cell holds a value when a `v`, `is` or `f` element opens in it. Walking
    stops at the end of the first `sheetData`, as calamine's does."""

    extent: Extent
    row: int = 1
    column: int = 1
    cell: tuple[int, int] | None = None
    value: bool = False
    done: bool = False
    parser: expat.XMLParserType = field(init=False)

    def __post_init__(self) -> None:
        self.parser = _expat(self._start, self._end)

    def feed(self, data: bytes) -> None:
        if not self.done:
            self._parse(data, False)

    def finish(self) -> None:
        if not self.done:
            self._parse(b"", True)

    def _parse(self, data: bytes, final: bool) -> None:
        try:
            self.parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise _corrupt() from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "c":
            where = _position(attrs["r"]) if "r" in attrs else (self.row, self.column)
            if where is not None:
                self.column = where[1] + 1
            self.cell, self.value = where, False
        elif local in ("v", "is", "f"):
            self.value = True
        elif local == "row" and "r" in attrs:
            number = attrs["r"].strip()
            if number.isdigit():
                self.row = int(number)

    def _end(self, name: str) -> None:
        local = _local(name)
        if local == "c":
            if self.value and self.cell is not None:
                self.extent.add(*self.cell)
            self.cell = None
        elif local == "row":
            self.row, self.column = self.row + 1, 1
        elif local == "sheetData":
            self.done = True
            self.parser.StartElementHandler = None
            self.parser.EndElementHandler = None


# --- .ods -------------------------------------------------------------------------------

_ODS_CELLS = ("table:table-cell", "table:covered-table-cell")
_ODS_VALUES = frozenset([
    "office:value", "office:string-value", "office:date-value", "office:time-value",
    "office:boolean-value", "office:value-type", "table:formula",
])  # fmt: skip


def check_ods(path: Path, limits: SheetLimits) -> None:
    """Refuse an .ods workbook whose tables, expanded as calamine expands them, pass a
    bound. All tables count: calamine parses every one when the file is opened."""
    walk = _OdsWalk(limits)
    parser = _expat(walk.start, walk.end)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except KeyError:
        return  # no content.xml: calamine says what is wrong
    except (expat.ExpatError, zipfile.BadZipFile) as exc:
        raise _corrupt() from exc


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
                raise _corrupt(" (a table inside a cell)")
            self.cell_depth += name in _ODS_CELLS
        elif name == "table:table":
            if self.extent is not None:
                raise _corrupt(" (a table inside a table)")
            self.extent = Extent(self.limits, attrs.get("table:name", ""))
            self.table_row = 0
        elif self.extent is None:
            return
        elif name == "table:table-row":
            if self.row_repeat:
                raise _corrupt(" (a row inside a row)")
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
                f"The workbook's rows hold more than the {self.limits.max_cells:,} cells "
                "allowed once repeated cells are counted; delete the sheets you do not "
                "import, or the formatting of empty cells.",
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


# --- .xls -------------------------------------------------------------------------------

_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _MULRK = 0x0809, 0x000A, 0x0085, 0x0200, 0x00BD
# Records calamine turns into cells, each starting with its row and column (u16 each).
_CELL_RECORDS = frozenset([0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0006])
_XLS_ROWS, _XLS_COLUMNS = 65_536, 256  # the most an .xls sheet holds


def check_xls(handle: BinaryIO, size: int, limits: SheetLimits) -> None:
    """Refuse an .xls workbook one of whose sheets passes a bound, or all together."""
    try:
        streams = cfb.read_streams(handle, size, {"workbook", "book"})
    except cfb.NotCompoundFile as exc:
        raise _corrupt() from exc
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
                raise _corrupt(" (a sheet lies beyond the end of the workbook)")
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
                    f"A sheet claims {max(end_row, 0):,} rows and {max(end_column, 0):,} "
                    "columns, more than an .xls sheet can hold; the file is damaged or was "
                    "not made by a spreadsheet program.",
                )
    return extent
