"""How an import session's rows are kept in the database: compressed JSON, by chunk.

A chunk (part "cols") holds a few thousand rows: their numbers, their cells as read,
the messages of the rows that have any, and the cleaned values of only those columns
whose values are not simply the cells (a country name read as its code, Yes read as
true, a code read as a number); every other column's values are the cells themselves
and are taken back from them. Most columns of a file are plain text, so this keeps
each value once, halving what is encoded and compressed at every check. Decimals and
dates are tagged. Chunks written before this form (part "rows", one list per row with
every value) are still read.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import is_
from typing import Any

from domain.imports import StoredRow
from domain.sheetcolumns import CellValue

COLUMNS, ROWS = "cols", "rows"
"""The chunk parts: this form, and the one before it (read only)."""


def json_default(value: object) -> object:
    """`json.dumps` default: Decimal and date as tagged objects."""
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__}")


def json_hook(obj: dict[str, Any]) -> object:
    """`json.loads` object hook: the tagged objects back as Decimal and date."""
    if len(obj) == 1:
        if "n" in obj:
            return Decimal(obj["n"])
        if "d" in obj:
            return date.fromisoformat(obj["d"])
    return obj


def pack(data: object) -> bytes:
    """JSON (Decimal and date tagged), compressed."""
    text = json.dumps(data, default=json_default, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 1)


def unpack(blob: bytes) -> Any:
    """The inverse of `pack`."""
    return json.loads(zlib.decompress(blob), object_hook=json_hook)


def _cell_column(cells: Sequence[list[CellValue]], index: int) -> list[CellValue]:
    return [row[index] if index < len(row) else None for row in cells]


def encode_rows(
    rows: Sequence[StoredRow], keys: Sequence[str], positions: Mapping[str, int]
) -> bytes:
    """A chunk of rows; `positions` gives the cell index each column key was read from."""
    cells = [row.cells for row in rows]
    if rows and all(list(row.values) == keys for row in rows):  # the cleaners' order: C speed
        by_key = dict(
            zip(keys, zip(*(row.values.values() for row in rows), strict=True), strict=True)
        )
    else:
        by_key = {key: tuple(row.values.get(key) for row in rows) for key in keys}
    kept: dict[str, Sequence[Any]] = {}
    for key, values in by_key.items():
        index = positions.get(key)
        # Identity, not equality: True == 1 and 1 == 1.0, but they read back differently.
        if index is None or not all(map(is_, values, _cell_column(cells, index))):
            kept[key] = values
    messages = [[i, row.notes, row.problems] for i, row in enumerate(rows)
                if row.notes or row.problems]  # fmt: skip
    return pack({"n": [row.number for row in rows], "c": cells, "v": kept, "m": messages})


def decode_rows(blob: bytes, keys: Sequence[str], positions: Mapping[str, int]) -> list[StoredRow]:
    """The rows of a chunk written by `encode_rows`."""
    data = unpack(blob)
    cells, kept = data["c"], data["v"]
    columns = [kept[key] if key in kept else _cell_column(cells, positions[key]) for key in keys]
    notes: list[tuple[str, ...]] = [()] * len(cells)
    problems: list[tuple[str, ...]] = [()] * len(cells)
    for index, row_notes, row_problems in data["m"]:
        notes[index], problems[index] = tuple(row_notes), tuple(row_problems)
    values = [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]
    return list(map(StoredRow, data["n"], cells, values, notes, problems))


def decode_old_rows(blob: bytes, keys: Sequence[str]) -> list[StoredRow]:
    """The rows of a chunk of the form before `encode_rows` (part "rows")."""
    return [
        StoredRow(n, cells, dict(zip(keys, values, strict=True)), tuple(notes), tuple(problems))
        for n, cells, values, notes, problems in unpack(blob)
    ]
