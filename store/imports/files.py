"""The `SheetFiles` port: uploaded files read through `store.sheets`, copies written back.

Every door's file goes through `read_table`, so the guard (size, real kind, zip bombs,
encryption, XML entities, row limit, formulas without values) refuses it before any
row is judged. The limits come from the settings (MAX_ATTACHMENT_MB and a row limit).
An order file may also be an Order-X PDF or an Order-X/UBL order XML
(`store.sheets.order_xml`), read into the same rows as an order sheet.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path

from openpyxl.utils import get_column_letter

from domain.imports.columns import CellValue, SheetKind, ValueKind, coerce_cell, columns_for
from domain.imports.sessions import ImportSession, Progress, SheetData, Verdict
from store.sheets.cells import Row
from store.sheets.guard import SheetLimits
from store.sheets.order_xml import is_order_document, read_order_document
from store.sheets.read import SheetTable, read_table
from store.sheets.templates import write_template
from store.sheets.write import write_annotated_copy

_PROGRESS_EVERY = 5_000
_TEXT_CODES = frozenset({ValueKind.CODE, ValueKind.PHONE})
_COERCED = frozenset({ValueKind.NUMBER, ValueKind.DATE, *_TEXT_CODES})
_TEXT_OR_EMPTY = frozenset({str, type(None)})


class SheetFileStore:
    """Reads sheets within `limits`; writes templates and annotated copies."""

    def __init__(self, limits: SheetLimits) -> None:
        self.limits = limits

    def read(self, path: str, kind: SheetKind, progress: Progress | None = None) -> SheetData:
        """The header and the data rows of a file, each with its values by column key."""
        return self._read(path, kind, progress, None)

    def _read(
        self, path: str, kind: SheetKind, progress: Progress | None, source: bytes | None
    ) -> SheetData:
        table = self._table(path, kind)
        match = table.match
        numbers, cells, values = _columns(kind, match.columns, table.rows, progress)
        if source is None:  # the guard capped its size; read once it passed, to be kept
            source = Path(path).read_bytes()
        warnings = [
            f"Column {get_column_letter(index + 1)} ({text!r}) is not a column of a "
            f"{kind.value} sheet; it was ignored."
            for index, text in match.unknown
        ]
        warnings += [
            f"Column {get_column_letter(index + 1)} repeats the column "
            f"{_header(table.header, match.columns, key)!r}; its values were ignored."
            for index, key in match.duplicates
        ]
        return SheetData(
            kind, table.header_row, table.header, dict(match.columns), tuple(warnings),
            numbers, cells, values, source,
        )  # fmt: skip

    def _table(self, path: str, kind: SheetKind) -> SheetTable:
        """The file's table: an order file may be an Order-X PDF or an order XML."""
        if kind is SheetKind.ORDERS:
            with Path(path).open("rb") as handle:
                if is_order_document(handle.read(64)):
                    return read_order_document(path, self.limits)
        return read_table(path, kind, self.limits)

    def read_source(
        self, source: bytes, kind: SheetKind, progress: Progress | None = None
    ) -> SheetData:
        """`read` on a file's content, through a private temporary file (the readers and
        the guard work on paths)."""
        with tempfile.NamedTemporaryFile(prefix="orderbot-import-") as file:
            file.write(source)
            file.flush()
            return self._read(file.name, kind, progress, source)

    def write_annotated(self, session: ImportSession, path: str) -> None:
        """The session's rows, at their own numbers, with Status and Message columns."""
        verdicts = {
            v.row: (v.status.value, v.message if v.status is not Verdict.SKIPPED else "skipped")
            for v in session.verdicts
        }
        write_annotated_copy(
            ((row.number, row.cells) for row in session.rows),
            session.header,
            verdicts,
            path,
            session.header_row,
        )

    def write_template(self, kind: SheetKind, path: str) -> None:
        """An empty template of the kind."""
        write_template(kind, path)


def _columns(
    kind: SheetKind, columns: Mapping[int, str], rows: Iterable[Row], progress: Progress | None
) -> tuple[list[int], list[list[CellValue]], dict[str, list[CellValue]]]:
    """Row numbers, cells, and each known column's values coerced by its kind: the same
    as `coerce_record`, minus the calls that cannot change a value (text stays text, and
    codes only change when they were read as numbers). Column by column, at C speed."""
    numbers: list[int] = []
    cells: list[list[CellValue]] = []
    iterator = iter(rows)
    while batch := list(islice(iterator, _PROGRESS_EVERY)):  # C speed, not a step per row
        batch_numbers, batch_cells = zip(*batch, strict=True)
        numbers += batch_numbers
        cells += batch_cells
        if progress is not None:
            progress("reading", len(numbers), None)
    if progress is not None:
        progress("reading", len(numbers), len(numbers))
    need = max(columns, default=-1) + 1
    padded = [row if len(row) >= need else row + [None] * (need - len(row)) for row in cells]
    by_index = list(zip(*padded, strict=False)) if padded else [()] * need
    kinds = {column.key: column.kind for column in columns_for(kind)}
    values: dict[str, list[CellValue]] = {}
    for index in sorted(columns):
        key, value_kind = columns[index], kinds[columns[index]]
        column = list(by_index[index]) if padded else []
        text_stays = value_kind in _TEXT_CODES
        if text_stays and set(map(type, column)) <= _TEXT_OR_EMPTY:
            pass  # codes and phones written as text, as most are: nothing to coerce
        elif value_kind in _COERCED:
            column = [
                v if v is None or (text_stays and type(v) is str) else coerce_cell(value_kind, v)
                for v in column
            ]
        values[key] = column
    return numbers, cells, values


def _header(header: list[CellValue], columns: dict[int, str] | object, key: str) -> str:
    if isinstance(columns, dict):
        for index, found in columns.items():
            if found == key and index < len(header):
                return str(header[index])
    return key
