"""The extent of an .xlsx sheet: a quick pass of regular expressions over each piece of the
sheet XML, or, when that cannot tell, an exact walk with expat as calamine walks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, BinaryIO
from xml.parsers import expat

from store.sheets.extent.bounds import (
    CHUNK,
    Extent,
    corrupt,
    local_name,
    position,
    unescape,
    xml_parser,
)
from store.sheets.guard import SheetLimits

_BOX_COLUMNS = 26  # a one-letter reference: A to Z
_BOX_ROWS = 99_999  # at most five digits


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
        while chunk := self._stream.read(CHUNK):
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


_TAG_ATTRS = rb"((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>"
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c" + _TAG_ATTRS)
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_R_ATTR = re.compile(rb"\sr\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class XlsxExtent:
    """The extent of an .xlsx sheet, fed its XML piece by piece, in order; each piece
    ends before a row starts (see `store.sheets.xlsx_scan.SheetScan`).

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
        where = position(unescape(text))
        if where is not None:  # else calamine refuses the file itself
            self.extent.add(*where)


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
        self.parser = xml_parser(self._start, self._end)

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
            raise corrupt() from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = local_name(name)
        if local == "c":
            where = position(attrs["r"]) if "r" in attrs else (self.row, self.column)
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
        local = local_name(name)
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
