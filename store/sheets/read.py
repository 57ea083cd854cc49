"""Reading the rows of an uploaded sheet: .xlsx, .xls, .ods with python-calamine, .csv
with the standard library.

This module owns turning a file into `(row_number, cells)` pairs: row numbers are the
spreadsheet's own (1-based, the header row counted), empty rows are skipped with the
numbering kept, cells are cleaned (2.0 -> 2, datetimes -> dates, text stripped, empty ->
None; text such as "007" or "=1+1" stays text and is never evaluated). It enforces the
row limit as soon as it is exceeded and refuses formulas that carry no cached value.
Every file first passes `guard.check_file`. `read_table` then finds the header row of a
kind and hands the verdict code clean records keyed by column.

Why a byte scan of .xlsx sheets before calamine: calamine materialises the whole sheet,
as a dense rectangle, when it is opened, so the rows and columns it would hold must be
bounded earlier (`store.sheets.extent`). The scan streams the sheet part through
`zipfile` (bounded by the declared size, which the guard capped; zipfile stops at that
size and checks the CRC) with regular expressions, so it costs a fraction of the read
and never builds a tree. What does not bear on memory (formulas without a value, texts
for a head start) is read while calamine parses, in `_Window`.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import IO

import python_calamine
from defusedxml import ElementTree

from domain.imports.columns import (
    HEADER_SCAN_ROWS,
    CellValue,
    HeaderMatch,
    SheetKind,
    coerce_record,
    columns_for,
    find_header_row,
)
from domain.imports.sessions import HeadStart
from store.sheets import extent
from store.sheets.guard import FileKind, SheetLimits, SheetRefused, check_file
from store.sheets.strings import SHARED_STRINGS, TextPicker, shaped_texts
from store.worker import Job, Worker

Row = tuple[int, list[CellValue]]
"""(spreadsheet row number, cleaned cells); the first cell is column A."""

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d*)(?::[A-Z]*(\d+))?\"")
_CELL_REF = re.compile(rb"\br=\"([A-Z]+\d+)\"")


def clean_cell(value: object) -> CellValue:
    """A calamine or csv cell as the import wants it."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date | int):
        return value
    if isinstance(value, time | timedelta):
        return str(value)
    return None if value is None else str(value)


def clean_cells(cells: Sequence[object]) -> list[CellValue]:
    """`clean_cell` over a row, with text (most cells) handled inline: this runs per cell
    of every row, so it is the largest cost of reading after calamine itself."""
    return [(c.strip() or None) if type(c) is str else clean_cell(c) for c in cells]


def read_rows(
    path: str | Path, limits: SheetLimits, sheet: str | None = None,
    head_start: HeadStart | None = None,
) -> Iterator[Row]:  # fmt: skip
    """The non-empty rows of a file's first (or named) sheet, checked and cleaned.

    For an .xlsx file, `head_start`'s work is handed the workbook's texts of its shape
    and runs while calamine parses the sheet in another thread."""
    kind = check_file(path, limits)
    if kind is FileKind.CSV:
        rows = _csv_rows(Path(path))
    else:
        window = None
        if kind is FileKind.XLSX:
            window = _scan_xlsx(Path(path), sheet, limits, head_start)
        else:
            extent.check_workbook(Path(path), kind, limits)
        rows = _calamine_rows(Path(path), sheet, window)
    return _limited(rows, limits.max_rows)


@dataclass
class _Window:
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
            for _, piece in extent.SheetPieces(stream):
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


def _limited(rows: Iterator[Row], max_rows: int) -> Iterator[Row]:
    # The header row comes on top of the data rows the limit is about. islice counts at
    # C speed: this runs once per row of every file.
    yield from islice(rows, max_rows + 1)
    if next(rows, None) is not None:
        raise _too_many_rows(max_rows)


def _too_many_rows(max_rows: int, claimed: int | None = None) -> SheetRefused:
    what = f"claims {claimed:,} rows" if claimed else "has more rows"
    return SheetRefused(
        "sheet.too_many_rows",
        f"The sheet {what} than the {max_rows:,} allowed; split it, or delete the empty "
        "rows below your data.",
    )


# --- calamine ---------------------------------------------------------------------------


def _calamine_rows(path: Path, sheet: str | None, window: _Window | None) -> Iterator[Row]:
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
        raise SheetRefused(
            "sheet.password_protected",
            "The file is password-protected; remove the password and send it again.",
        ) from exc
    except python_calamine.CalamineError as exc:
        raise SheetRefused("sheet.corrupt", "The file is damaged and cannot be read.") from exc


def _load(
    workbook: python_calamine.CalamineWorkbook, sheet: str | None, path: Path,
    window: _Window | None,
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
            "sheet.not_found", f"There is no sheet {name!r}; the sheets are {names}."
        )
    return workbook.get_sheet_by_name(name)


# --- the .xlsx pre-scan -----------------------------------------------------------------


def _scan_xlsx(
    path: Path, sheet: str | None, limits: SheetLimits, head_start: HeadStart | None
) -> _Window | None:
    """Refuse an .xlsx sheet whose values calamine would hold in too large a rectangle
    (the rows and columns of `store.sheets.extent`); what to read of it while calamine
    parses it (`_Window`).

    A large sheet's first part is scanned by the helper process (`store.worker`) while
    this one scans the rest; if the helper cannot, this one scans it after."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return None  # calamine will say what is wrong with the workbook
        try:
            try:
                scan = _SheetScan(limits)
                share = _helper_share(path, part, limits, archive.getinfo(part).file_size)
                with archive.open(part) as stream:
                    scan.feed_all(stream, after=share.end if share else 0)
                if share is not None and not scan.merge(share.answer()):
                    with archive.open(part) as stream:  # the helper did not: do it here
                        scan.feed_all(stream, before=share.end)
                scan.finish()
            except _MaybeTooMany:
                with archive.open(part) as stream:
                    scan = _SheetScan(limits, exact=True)
                    scan.feed_all(stream)
                    scan.finish()
        except zipfile.BadZipFile as exc:
            raise SheetRefused("sheet.corrupt", "The file is damaged and cannot be read.") from exc
        shared = [SHARED_STRINGS] if SHARED_STRINGS in archive.namelist() else []
        return _Window(part, scan.prefix or b"", head_start, shared)


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
class _SheetScan:
    """Places the cells of a sheet's XML, one piece at a time, before calamine reads it.

    The quick pass hands every piece to `extent.XlsxExtent`, whose bounds stand for the
    rows too (no value may lie below the last row allowed), and refuses a `dimension`
    claiming too many rows. When it cannot tell, the sheet is scanned again `exact`ly:
    the cells walked as calamine walks them, the rows holding values counted, formulas
    without a value refused (the window checks those otherwise, see `_Window`).
    """

    limits: SheetLimits
    exact: bool = False
    rows: int = 0
    prefix: bytes | None = None
    cells: extent.XlsxExtent | None = None
    """Placed quickly, or walked `exact`ly; made at the first piece (it needs the prefix)."""

    def feed_all(self, stream: IO[bytes], after: int = 0, before: int | None = None) -> None:
        """Scan the sheet part's pieces that start at `after` or later, and before
        `before` (all of them by default); `finish` once every piece is scanned."""
        pieces = extent.SheetPieces(stream)
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
        """Take in the helper's scan of the first pieces (`extent.quick_extent`); False
        when it has none to give, and this process must scan them."""
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
    def _cells(self) -> extent.XlsxExtent:
        if self.cells is None:
            raise _MaybeTooMany  # no piece seen: let the exact walk say what the part is
        return self.cells

    @contextmanager
    def _exactly_if_needed(self) -> Iterator[None]:
        try:
            yield
        except extent.NeedsExactScan:
            raise _MaybeTooMany from None

    def _start(self, head: bytes, prefix: bytes) -> None:
        self.prefix = prefix
        self.cells = extent.XlsxExtent(self.limits, prefix, exact=self.exact)
        max_rows = self.limits.max_rows
        dimension = _DIMENSION.search(head)
        if dimension:
            first = int(dimension.group(1) or 1)
            last = int(dimension.group(2) or first)
            if last - first + 1 > max_rows + 1:
                raise _too_many_rows(max_rows, last - first + 1)

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
                    raise _too_many_rows(max_rows)
            if formula_tag in piece:
                _formulas(piece, p)


# --- CSV --------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Five bytes have no Windows-1252 meaning; Latin-1 keeps them rather than failing.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(lines: list[str]) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""

    def score(delimiter: str) -> tuple[bool, int, int]:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        if not widths:
            return (False, 0, 0)
        return (widths[0] > 1, sum(w == widths[0] for w in widths), widths[0])

    return max((";", ",", "\t"), key=score)  # max keeps the first of equals: ";" wins ties


def _csv_rows(path: Path) -> Iterator[Row]:
    # The guard capped the size; newline="" lets csv see quoted line breaks as data.
    stream = io.StringIO(decode_text(path.read_bytes()), newline="")
    first = stream.readline()
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]  # Excel's own hint line, which Excel does not show
    else:
        head = [first] + [stream.readline() for _ in range(19)]
        delimiter = sniff_delimiter([line for line in head if line.strip()])
        stream.seek(0)
    try:
        for number, cells in enumerate(csv.reader(stream, delimiter=delimiter), start=1):
            cleaned = clean_cells(cells)
            if cleaned.count(None) != len(cleaned):
                yield number, cleaned
    except csv.Error as exc:
        raise SheetRefused("sheet.corrupt", f"The CSV file cannot be read: {exc}.") from exc


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
    path: str | Path, kind: SheetKind, limits: SheetLimits, sheet: str | None = None,
    head_start: HeadStart | None = None,
) -> SheetTable:  # fmt: skip
    """Open a file, find the kind's header row within the first rows, and return the rest."""
    rows = read_rows(path, limits, sheet, head_start)
    leading: list[Row] = []
    for row in rows:
        leading.append(row)
        if len(leading) >= HEADER_SCAN_ROWS:
            break
    found = find_header_row(kind, [cells for _, cells in leading])
    if found is None:
        required = [f"{c.en} ({c.fr})" for c in columns_for(kind) if c.required]
        raise SheetRefused(
            "sheet.no_header",
            f"No header row found in the first {HEADER_SCAN_ROWS} rows; a {kind} sheet needs "
            f"the columns {', '.join(required)}.",
        )
    position, match = found
    header_row, header = leading[position]
    return SheetTable(kind, header_row, header, match, chain(leading[position + 1 :], rows))
