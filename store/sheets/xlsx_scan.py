"""The .xlsx pre-scan: a sheet's cells placed before calamine opens it, and what is read
of the sheet while calamine parses it.

Why a byte scan before calamine: calamine materialises the whole sheet, as a dense
rectangle, when it is opened, so the rows and columns it would hold must be bounded
earlier (`store.sheets.extent`). The scan streams the sheet part through `zipfile`
(bounded by the declared size, which the guard capped; zipfile stops at that size and
checks the CRC) with regular expressions, so it costs a fraction of the read and never
builds a tree. What does not bear on memory (formulas without a value, texts for a head
start) is read while calamine parses, in `Window`. A large sheet's first part is
scanned by the helper process (`store.worker`) while this process scans the rest.
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

from domain.imports.sessions import HeadStart
from store.sheets.extent.bounds import too_many_rows
from store.sheets.extent.xlsx import NeedsExactScan, SheetPieces, XlsxExtent
from store.sheets.guard import SheetLimits, SheetRefused
from store.sheets.strings import SHARED_STRINGS, TextPicker, shaped_texts
from store.worker import Job, Worker

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d*)(?::[A-Z]*(\d+))?\"")
_CELL_REF = re.compile(rb"\br=\"([A-Z]+\d+)\"")


def scan_xlsx(
    path: Path, sheet: str | None, limits: SheetLimits, head_start: HeadStart | None
) -> Window | None:
    """Refuse an .xlsx sheet whose values calamine would hold in too large a rectangle
    (the rows and columns of `store.sheets.extent`); what to read of it while calamine
    parses it (`Window`).

    A large sheet's first part is scanned by the helper process (`store.worker`) while
    this one scans the rest; if the helper cannot, this one scans it after."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return None  # calamine will say what is wrong with the workbook
        try:
            try:
                scan = SheetScan(limits)
                share = _helper_share(path, part, limits, archive.getinfo(part).file_size)
                with archive.open(part) as stream:
                    scan.feed_all(stream, after=share.end if share else 0)
                if share is not None and not scan.merge(share.answer()):
                    with archive.open(part) as stream:  # the helper did not: do it here
                        scan.feed_all(stream, before=share.end)
                scan.finish()
            except _MaybeTooMany:
                with archive.open(part) as stream:
                    scan = SheetScan(limits, exact=True)
                    scan.feed_all(stream)
                    scan.finish()
        except zipfile.BadZipFile as exc:
            raise SheetRefused("sheet.corrupt", "The file is damaged and cannot be read.") from exc
        shared = [SHARED_STRINGS] if SHARED_STRINGS in archive.namelist() else []
        return Window(part, scan.prefix or b"", head_start, shared)


SHARE_ABOVE = 8 * 1024 * 1024
"""Sheets of more XML than this (about 10,000 rows) have their first part scanned by the
helper process; a smaller one is scanned here before the helper would have started."""
HELPER_SHARE = 0.5
"""The part of a large sheet the helper scans, from its start. Half: the helper has
been started by then (`Normalisers.head_start`), and while this process inflates the
helper's half to reach its own, the helper scans it (measured on the benchmark sheet:
0.5 has this process wait 0.01 to 0.03 s for the helper, 0.4 has it wait none but
scan more itself)."""


@dataclass
class _Share:
    """The first `end` bytes of a sheet's XML, given to the helper to scan."""

    end: int
    job: Job

    def answer(self) -> tuple[object, ...] | None:
        # The job went in first: a helper alive takes it at once (`grace` covers this
        # thread holding the GIL meanwhile); one busy or gone leaves it to this process.
        found = self.job.result(grace=0.2)
        return tuple(found) if isinstance(found, tuple) else None


def _helper_share(path: Path, part: str, limits: SheetLimits, size: int) -> _Share | None:
    worker = Worker.shared() if size > SHARE_ABOVE else None
    if worker is None:
        return None
    end = int(size * HELPER_SHARE)
    return _Share(end, worker.submit("extent", str(path), part, limits, end, first=True))


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

    def feed_all(self, stream: IO[bytes], after: int = 0, before: int | None = None) -> None:
        """Scan the sheet part's pieces that start at `after` or later, and before
        `before` (all of them by default); `finish` once every piece is scanned."""
        pieces = SheetPieces(stream)
        for offset, piece in pieces:
            if self.prefix is None:
                self._start(piece, pieces.prefix or b"")
            if before is not None and offset >= before:
                return
            if offset >= after:
                if self.exact:
                    self._rows(piece)
                self._place(piece)

    def merge(self, answer: tuple[object, ...] | None) -> bool:
        """Take in the helper's scan of the first pieces (`quick_extent` of
        `store.sheets.extent.xlsx`); False when it has none to give, and this process
        must scan them."""
        if answer is None:
            return False
        if answer[0] == "refused":
            raise SheetRefused(str(answer[1]), str(answer[2]))
        if answer[0] == "exact":
            raise _MaybeTooMany
        _, rows, columns, boxed = answer
        with self._exactly_if_needed():
            self._cells.merge(int(rows), int(columns), bool(boxed))  # type: ignore[call-overload]
        return True

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
    the parse is over, and a head start's texts, picked from the cells' inline texts and
    the shared strings, then handed to its work. Neither bears on memory, so neither
    needs to come before the parse, which the extent scan alone must."""

    part: str
    prefix: bytes
    head_start: HeadStart | None
    shared: list[str]

    def run(self, path: Path) -> None:
        ahead = self.head_start
        picker = TextPicker(ahead.shape, self.prefix, attributes=False) if ahead else None
        p = self.prefix
        formula, inline = re.compile(re.escape(b"<" + p + b"f")), b"<" + p + b"is>"
        with zipfile.ZipFile(path) as archive, archive.open(self.part) as stream:
            for _, piece in SheetPieces(stream):
                if formula.search(piece):  # a regular expression finds it faster than `in`
                    _check_formulas(piece, p)
                if picker is not None and inline in piece:
                    picker.feed(piece)
        if ahead is not None and picker is not None:
            ahead.work(picker.texts() + shaped_texts(path, self.shared, ahead.shape))


def _check_formulas(data: bytes, p: bytes) -> None:
    """Refuse a formula with no computed value among these whole rows."""
    formula_tag = b"<" + p + b"f"
    for row in data.split(b"<" + p + b"row")[1:]:
        if formula_tag in row:
            _formulas(row, p)


def _formulas(row: bytes, p: bytes) -> None:
    for cell in row.split(b"<" + p + b"c")[1:]:
        if cell[:1] not in (b" ", b">") or not re.search(b"<" + p + rb"f[\s>/]", cell):
            continue
        if b"<" + p + b"v>" not in cell:
            ref = _CELL_REF.search(cell)
            where = ref.group(1).decode() if ref else "a cell"
            raise SheetRefused(
                "sheet.formula_without_value",
                f"Cell {where} holds a formula with no computed value; open the file in "
                "your spreadsheet program, save it, and send it again (or paste the "
                "values in place of the formulas).",
            )
