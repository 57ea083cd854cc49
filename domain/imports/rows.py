"""A customer file's cleaned rows kept column by column, and the reading of any rows
by column.

The cleaner works a column at a time, and so does the judgement of the rows that no
other row bears on (`imports_customers`). Turning a 100,000-row file into as many
dicts of fifteen values and `StoredRow`s between the two cost about a quarter of a
second, and as much again in the memory those objects take, only for most of them to
be read back by column. `CustomerRows` keeps the columns and makes a row's `StoredRow`
when one is asked for (by index or by iterating), then keeps it: the judgement of the
rows that share a code or an email, the annotated copy, a test.

`Columns` reads any sequence of rows by column: a `CustomerRows` as it is, other rows
(a few, or an orders file's) through their dicts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import overload

from domain.imports.columns import CellValue
from domain.imports.sessions import StoredRow, Value


class CustomerRows(Sequence[StoredRow]):
    """Cleaned rows held as columns; a row becomes a `StoredRow` when asked for."""

    __slots__ = ("_made", "cells", "columns", "notes", "numbers", "problems")

    def __init__(
        self, numbers: list[int], cells: list[list[CellValue]],
        columns: dict[str, list[Value]], notes: list[tuple[str, ...]],
        problems: list[tuple[str, ...]],
    ) -> None:  # fmt: skip
        self.numbers = numbers
        self.cells = cells
        self.columns = columns
        """Every value key -> that value on each row, in the order of the rows' dicts."""
        self.notes = notes
        self.problems = problems
        self._made: list[StoredRow | None] = [None] * len(numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> StoredRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[StoredRow]: ...
    def __getitem__(self, index: int | slice) -> StoredRow | list[StoredRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is None:
            values = {key: column[index] for key, column in self.columns.items()}
            made = StoredRow(self.numbers[index], self.cells[index], values,
                             self.notes[index], self.problems[index])  # fmt: skip
            self._made[index] = made
        return made

    def __iter__(self) -> Iterator[StoredRow]:
        return map(self.__getitem__, range(len(self)))

    def __repr__(self) -> str:
        return f"CustomerRows({len(self)} rows)"


@dataclass(frozen=True)
class Columns:
    """Rows read by column: their numbers, messages and the values of some keys."""

    numbers: Sequence[int]
    notes: Sequence[tuple[str, ...]]
    problems: Sequence[tuple[str, ...]]
    values: Mapping[str, Sequence[Value]]

    @classmethod
    def of(cls, rows: Sequence[StoredRow], keys: Sequence[str]) -> Columns:
        """The columns `keys` of `rows` (at C speed for rows that are not columns)."""
        if isinstance(rows, CustomerRows):
            return cls(rows.numbers, rows.notes, rows.problems,
                       {key: rows.columns[key] for key in keys})  # fmt: skip
        dicts = list(map(attrgetter("values"), rows))
        return cls(
            list(map(attrgetter("number"), rows)),
            list(map(attrgetter("notes"), rows)),
            list(map(attrgetter("problems"), rows)),
            {key: list(map(itemgetter(key), dicts)) for key in keys},
        )


def row_numbers(rows: Sequence[StoredRow]) -> list[int]:
    """The rows' numbers in the sheet, without making rows of columns."""
    if isinstance(rows, CustomerRows):
        return list(rows.numbers)
    return [row.number for row in rows]


def numbered_cells(rows: Sequence[StoredRow]) -> Iterator[tuple[int, list[CellValue]]]:
    """(number, cells as read) of each row, without making rows of columns."""
    if isinstance(rows, CustomerRows):
        return zip(rows.numbers, rows.cells, strict=True)
    return ((row.number, row.cells) for row in rows)
