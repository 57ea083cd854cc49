"""Cells as the imports want them, and the rows they make.

Row numbers are the spreadsheet's own (1-based, the header row counted). A cell is
cleaned: 2.0 -> 2, datetimes -> dates, text stripped, empty -> None; text such as "007"
or "=1+1" stays text and is never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from domain.imports.columns import CellValue

Row = tuple[int, list[CellValue]]
"""(spreadsheet row number, cleaned cells); the first cell is column A."""


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
