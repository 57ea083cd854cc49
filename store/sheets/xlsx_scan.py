"""The .xlsx pre-scan: a sheet's cells placed before calamine opens it, and what is read
of the sheet while calamine parses it.

Why a byte scan before calamine: calamine materialises the whole sheet, as a dense
rectangle, when it is opened, so the rows and columns it would hold must be bounded
earlier (`store.sheets.extent`). The scan streams the sheet part through `zipfile`
(bounded by the declared size, which the guard capped; zipfile stops at that size and
checks the CRC) with regular expressions, so it costs a fraction of the read and never
builds a tree. What does not bear on memory (formulas without a value) is read while
calamine parses, in `Window`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from defusedxml import ElementTree

from domain.texts import Text, _
from store.sheets.extent.bounds import too_many_rows
from store.sheets.extent.xlsx import NeedsExactScan, SheetPieces, XlsxExtent
from store.sheets.guard import DAMAGED, SheetLimits, SheetRefused

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d*)(?::[A-Z]*(\d+))?\"")
_CELL_REF = re.compile(rb"\br=\"([A-Z]+\d+)\"")


def scan_xlsx(path: Path, sheet: str | None, limits: SheetLimits) -> Window | None:
    """Refuse an .xlsx sheet whose values calamine would hold in too large a rectangle
    (the rows and columns of `store.sheets.extent`); what to read of it while calamine
    parses it (`Window`)."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return None  # calamine will say what is wrong with the workbook
        try:
            try:
                scan = SheetScan(limits)
                with archive.open(part) as stream:
                    scan.feed_all(stream)
                scan.finish()
            except _MaybeTooMany:
                with archive.open(part) as stream:
                    scan = SheetScan(limits, exact=True)
                    scan.feed_all(stream)
                    scan.finish()
        except zipfile.BadZipFile as exc:
            raise SheetRefused("sheet.corrupt", DAMAGED) from exc
        return Window(part, scan.prefix or b"")


def _sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The zip path of the first (or named) worksheet, from the workbook's relations."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    sheets = [el for el in workbook.iter() if el.tag.endswith("}sheet")]
    chosen = next((el for el in sheets if sheet is None or el.get("name") == sheet), None)
    if chosen is None:
        return None
    rel_id = chosen.get(f"{{{_REL_NS}}}id")
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = str(rel.get("Target", ""))
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


class _MaybeTooMany(Exception):
    """The quick extent check could not tell: rows must be counted, and cells placed,
    exactly."""


@dataclass
class SheetScan:
    """Places the cells of a sheet's XML, one piece at a time, before calamine reads it.

    The quick pass hands every piece to `XlsxExtent`, whose bounds stand for the
    rows too (no value may lie below the last row allowed), and refuses a `dimension`
    claiming too many rows. When it cannot tell, the sheet is scanned again `exact`ly:
    the cells walked as calamine walks them, the rows holding values counted, formulas
    without a value refused (the window checks those otherwise, see `Window`).
    """

    limits: SheetLimits
    exact: bool = False
    rows: int = 0
    prefix: bytes | None = None
    cells: XlsxExtent | None = None
    """Placed quickly, or walked `exact`ly; made at the first piece (it needs the prefix)."""

    def feed_all(self, stream: IO[bytes]) -> None:
        """Scan every piece of the sheet part; `finish` after."""
        pieces = SheetPieces(stream)
        for _number, piece in pieces:
            if self.prefix is None:
                self._start(piece, pieces.prefix or b"")
            if self.exact:
                self._rows(piece)
            self._place(piece)

    def finish(self) -> None:
        """After every piece: the bounds of the cells not looked at must hold too."""
        with self._exactly_if_needed():
            self._cells.finish()

    @property
    def _cells(self) -> XlsxExtent:
        if self.cells is None:
            raise _MaybeTooMany  # no piece seen: let the exact walk say what the part is
        return self.cells

    @contextmanager
    def _exactly_if_needed(self) -> Iterator[None]:
        try:
            yield
        except NeedsExactScan:
            raise _MaybeTooMany from None

    def _start(self, head: bytes, prefix: bytes) -> None:
        self.prefix = prefix
        self.cells = XlsxExtent(self.limits, prefix, exact=self.exact)
        max_rows = self.limits.max_rows
        dimension = _DIMENSION.search(head)
        if dimension:
            first = int(dimension.group(1) or 1)
            last = int(dimension.group(2) or first)
            if last - first + 1 > max_rows + 1:
                raise too_many_rows(max_rows, last - first + 1)

    def _place(self, data: bytes) -> None:
        """Place the cells of a piece (after its rows: a sheet with too many rows is
        refused as such)."""
        with self._exactly_if_needed():
            self._cells.feed(data)

    def _rows(self, data: bytes) -> None:
        """Exact pass only: count the rows holding values, refuse formulas without one
        (the quick pass leaves rows to the extent's bounds, formulas to the window)."""
        p, max_rows = self.prefix or b"", self.limits.max_rows
        value_tags = (b"<" + p + b"v>", b"<" + p + b"is>")
        formula_tag = b"<" + p + b"f"
        for piece in data.split(b"<" + p + b"row")[1:]:
            if value_tags[0] in piece or value_tags[1] in piece:
                self.rows += 1
                if self.rows > max_rows + 1:
                    raise too_many_rows(max_rows)
            if formula_tag in piece:
                _formulas(piece, p)


@dataclass
class Window:
    """What is read of an .xlsx sheet on this thread while calamine parses it on another
    (calamine holds no GIL meanwhile): formulas without a computed value, refused once
    the parse is over. They do not bear on memory, so they need not come before the
    parse, which the extent scan alone must."""

    part: str
    prefix: bytes

    def run(self, path: Path) -> None:
        p = self.prefix
        formula = re.compile(re.escape(b"<" + p + b"f"))
        with zipfile.ZipFile(path) as archive, archive.open(self.part) as stream:
            for _index, piece in SheetPieces(stream):
                if formula.search(piece):  # a regular expression finds it faster than `in`
                    _check_formulas(piece, p)


def _check_formulas(data: bytes, p: bytes) -> None:
    """Refuse a formula with no computed value among these whole rows."""
    formula_tag = b"<" + p + b"f"
    for row in data.split(b"<" + p + b"row")[1:]:
        if formula_tag in row:
            _formulas(row, p)


def _has_value(cell: bytes, p: bytes) -> bool:
    """A formula cell's cached value is there: a non-empty `<v>`, or an empty one that is a
    text result (`t="str"`, a formula giving ""). Writers that never computed the formula
    leave `<v>` out or, as openpyxl does when lxml is installed, write it empty."""
    found = re.search(b"<" + p + rb"v>([^<]*)</" + p + b"v>", cell)
    if found is None:
        return False
    return bool(found.group(1).strip()) or b't="str"' in cell.split(b">", 1)[0]


def _formulas(row: bytes, p: bytes) -> None:
    for cell in row.split(b"<" + p + b"c")[1:]:
        if cell[:1] not in (b" ", b">") or not re.search(b"<" + p + rb"f[\s>/]", cell):
            continue
        if not _has_value(cell, p):
            ref = _CELL_REF.search(cell)
            raise SheetRefused(
                "sheet.formula_without_value", _formula(ref.group(1).decode() if ref else "")
            )


def _formula(cell: str) -> Text:
    if not cell:
        return _(
            "A cell holds a formula with no computed value; open the file in your spreadsheet "
            "program, save it, and send it again (or paste the values in place of the "
            "formulas)."
        )
    return _(
        "Cell {cell} holds a formula with no computed value; open the file in your "
        "spreadsheet program, save it, and send it again (or paste the values in place of "
        "the formulas).",
        cell=cell,
    )
