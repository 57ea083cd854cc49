"""Reading a .csv file: its encoding and delimiter guessed, its rows cleaned."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from domain.texts import _
from store.sheets.cells import Row, clean_cells
from store.sheets.guard import SheetRefused


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


def csv_rows(path: Path) -> Iterator[Row]:
    """The non-empty rows of a CSV file, cleaned; the delimiter is Excel's `sep=` hint
    line, else the one that splits the first lines most consistently."""
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
        raise SheetRefused(
            "sheet.corrupt", _("The CSV file cannot be read: {problem}.", problem=str(exc))
        ) from exc
