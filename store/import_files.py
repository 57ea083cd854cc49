"""The `SheetFiles` port: uploaded files read through `store.sheets`, copies written back.

Every door's file goes through `read_table`, so the guard (size, real kind, zip bombs,
encryption, XML entities, row limit, formulas without values) refuses it before any
row is judged. The limits come from the settings (MAX_ATTACHMENT_MB and a row limit).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from domain.imports import ImportSession, Progress, SheetData, Verdict
from domain.sheetcolumns import CellValue, SheetKind, ValueKind, coerce_cell, columns_for
from store.sheets.guard import SheetLimits
from store.sheets.read import read_table
from store.sheets.write import write_annotated_copy, write_template

_PROGRESS_EVERY = 5_000
_TEXT_CODES = frozenset({ValueKind.CODE, ValueKind.PHONE})
_COERCED = frozenset({ValueKind.NUMBER, ValueKind.DATE, *_TEXT_CODES})


class SheetFileStore:
    """Reads sheets within `limits`; writes templates and annotated copies."""

    def __init__(self, limits: SheetLimits) -> None:
        self.limits = limits

    def read(self, path: str, kind: SheetKind, progress: Progress | None = None) -> SheetData:
        """The header and the data rows of a file, each with its values by column key."""
        table = read_table(path, kind, self.limits)
        match = table.match
        kinds = {column.key: column.kind for column in columns_for(kind)}
        # Same result as `coerce_record`, minus the calls that cannot change a value:
        # text stays text, and codes only change when they were read as numbers.
        plain = [(i, key) for i, key in match.columns.items() if kinds[key] not in _COERCED]
        coerced = [(i, key, kinds[key]) for i, key in match.columns.items()
                   if kinds[key] in _COERCED]  # fmt: skip
        rows: list[tuple[int, list[CellValue], dict[str, CellValue]]] = []
        for number, cells in table.rows:
            width = len(cells)
            record = {key: cells[i] if i < width else None for i, key in plain}
            for i, key, value_kind in coerced:
                value = cells[i] if i < width else None
                text_code = type(value) is str and value_kind in _TEXT_CODES
                record[key] = (
                    value if value is None or text_code else coerce_cell(value_kind, value)
                )
            rows.append((number, cells, record))
            if progress is not None and len(rows) % _PROGRESS_EVERY == 0:
                progress("reading", len(rows), None)
        if progress is not None:
            progress("reading", len(rows), len(rows))
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
            kind, table.header_row, table.header, dict(match.columns), tuple(warnings), rows
        )

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


def _header(header: list[CellValue], columns: dict[int, str] | object, key: str) -> str:
    if isinstance(columns, dict):
        for index, found in columns.items():
            if found == key and index < len(header):
                return str(header[index])
    return key
