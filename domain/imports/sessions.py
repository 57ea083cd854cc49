"""Spreadsheet imports: verdicts, sessions, reports and results.

This module owns the vocabulary shared by the three import kinds (customers, orders,
products): the verdict of a row (green, yellow, red, or skipped by the user), the
import session kept between *check* and *confirm*, the report and result handed back to
every door. The cell readers live in `values`, the kind-specific rules in `customers`,
`orders` and `products`; the services in `domain.services.imports`.

A row is judged in two stages. *Cleaning* looks at the row alone (is the email valid,
is the country known, is the quantity a positive number) and is done once, at check;
its outcome is kept in the session. *Resolving* looks at the row among the others and
against the database (a repeated customer code, a second default address, an unknown
product) and is done again at confirm, so a skipped row or a change made meanwhile is
taken into account; for customer files, confirm reuses the judgement made at check (or
at the last skip) when what it read is unchanged (`customers.plan.KeptPlan`). Pure:
no file or database access; the ports (`ports`) do the I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from domain.imports.columns import CellValue, SheetKind, columns_for

Value = str | bool | Decimal | date | None
"""A cleaned value: text, yes/no, number or date; None when empty."""


UNCHANGED = "unchanged"
"""The message of a green row that would change nothing: what it says is held already."""


class Verdict(StrEnum):
    """What happens to a row."""

    GREEN = "green"  # taken as it is
    YELLOW = "yellow"  # taken with a change, which the message names
    RED = "red"  # not taken; the message names the column and the reason
    SKIPPED = "skipped"  # left out by the user


class SessionStatus(StrEnum):
    """Where an import session stands."""

    CHECKED = "checked"  # checked, nothing written yet; rows may be skipped
    CONFIRMED = "confirmed"  # written, once; confirming again changes nothing


class RowVerdict(NamedTuple):
    """The verdict of one row; `row` is the spreadsheet's own row number.

    A named tuple rather than a frozen dataclass: a large file has one per row, made at
    every check and read back at every confirmation, and a tuple is made and compared
    at C speed (a frozen dataclass sets each field through `object.__setattr__`)."""

    row: int
    status: Verdict
    messages: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """The messages as one sentence list."""
        return "; ".join(self.messages)


@dataclass(slots=True)
class Cleaned:
    """A row judged alone: normalised values, changes made (yellow), refusals (red)."""

    values: dict[str, Value]
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoredRow:
    """A data row as kept in a session: the cells as read, and their cleaning."""

    number: int
    cells: list[CellValue]
    values: dict[str, Value]
    notes: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class SheetData:
    """What the file reader hands over: the header found and the data rows below it."""

    kind: SheetKind
    header_row: int
    header: list[CellValue]
    columns: Mapping[int, str]
    """Column index (0-based) -> column key."""
    warnings: tuple[str, ...]
    numbers: list[int]
    """Each data row's number in the sheet."""
    cells: list[list[CellValue]]
    """Each data row's cells as read."""
    values: Mapping[str, Sequence[CellValue]]
    """Column key -> that column's value on every row, coerced by the column's kind.
    Column by column, as the reader coerces them; `records` gives them row by row."""
    source: bytes = b""
    """The file as received, kept with an import session (see `ImportSession.source`)."""

    def __len__(self) -> int:
        return len(self.numbers)

    def records(
        self, start: int, stop: int
    ) -> list[tuple[int, list[CellValue], dict[str, CellValue]]]:
        """(row number, cells, values by column key) of the rows start:stop."""
        keys = list(self.values)
        parts = [self.values[key][start:stop] for key in keys]
        return [
            (number, cells, dict(zip(keys, row, strict=True)))
            for number, cells, row in zip(
                self.numbers[start:stop], self.cells[start:stop],
                zip(*parts, strict=True) if parts else [()] * len(self.numbers[start:stop]),
                strict=True,
            )
        ]  # fmt: skip


@dataclass
class ImportSession:
    """A checked file waiting for (or done with) confirmation."""

    id: str
    kind: SheetKind
    filename: str
    customer: str | None
    actor: str
    created_at: datetime
    header_row: int
    header: list[CellValue]
    labels: dict[str, str]
    warnings: tuple[str, ...]
    rows: Sequence[StoredRow]
    verdicts: list[RowVerdict]
    skipped: frozenset[int] = frozenset()
    status: SessionStatus = SessionStatus.CHECKED
    confirmed_at: datetime | None = None
    result: dict[str, object] | None = None
    columns: dict[int, str] = field(default_factory=dict)
    """Column index (0-based) -> column key, as the file's header placed them."""
    source: bytes | None = None
    """The file as received, set when the session is made: the session keeps the file
    itself rather than its rows, which are read from it again when a process that has
    not got them in memory needs them (see `RowsAgain`)."""


RowsAgain = Callable[[ImportSession, bytes], Sequence[StoredRow]]
"""rows_again(session, source): a session's rows read and cleaned again from its file."""


@dataclass(frozen=True)
class ImportReport:
    """A checked file: counts per verdict and every row that is not plainly green.

    `rows` holds the red, yellow and skipped rows, and the green rows that say something
    ("unchanged"), in sheet order (plain green rows are only counted, so a 100,000-row
    file of new customers gives a short report); `warnings` names unknown columns, which
    are ignored.
    """

    session_id: str
    kind: SheetKind
    filename: str
    status: SessionStatus
    counts: Mapping[Verdict, int]
    rows: tuple[RowVerdict, ...]
    warnings: tuple[str, ...] = ()
    customer: str | None = None
    changed: tuple[int, ...] = ()
    """The rows whose verdict changed since it was last shown, when a confirmation was
    stopped for them (nothing was written); empty otherwise."""

    @property
    def importable(self) -> int:
        """Rows that confirmation would take (green and yellow)."""
        return self.counts.get(Verdict.GREEN, 0) + self.counts.get(Verdict.YELLOW, 0)

    @property
    def unchanged(self) -> int:
        """Green rows whose customer already holds everything they say."""
        return sum(1 for v in self.rows if v.messages == (UNCHANGED,))

    def ref(self) -> str | None:
        """A key to find this result again (idempotent replays); None for a stopped
        confirmation, which is not replayed: once its new verdicts are seen, the same
        confirmation may be asked again."""
        return None if self.changed else f"import:{self.session_id}"


@dataclass(frozen=True)
class ImportResult:
    """What a confirmation wrote; `already_confirmed` when it had been written before."""

    session_id: str
    kind: SheetKind
    rows_imported: int
    rows_skipped: int
    rows_refused: int
    created: Mapping[str, int]
    updated: Mapping[str, int]
    orders: tuple[str, ...] = ()
    already_confirmed: bool = False

    def ref(self) -> str:
        """A key to find this result again (idempotent replays)."""
        return f"import:{self.session_id}"

    def as_dict(self) -> dict[str, object]:
        """The result as plain data, kept in the session."""
        return {
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "rows_refused": self.rows_refused,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "orders": list(self.orders),
        }


def count_verdicts(verdicts: Sequence[RowVerdict]) -> dict[Verdict, int]:
    """How many rows have each verdict (every verdict present, zero included)."""
    counts = dict.fromkeys(Verdict, 0)
    counts.update(Counter(map(itemgetter(1), verdicts)))  # by status, at C speed
    return counts


def green_verdicts(rows: Iterable[int]) -> list[RowVerdict]:
    """A green verdict for each of these row numbers, made at C speed (a large file's
    rows are mostly green)."""
    return list(map(tuple.__new__, repeat(RowVerdict), zip(rows, repeat(Verdict.GREEN),
                                                            repeat(()))))  # fmt: skip


def labels_for(
    kind: SheetKind, header: Sequence[CellValue], columns: Mapping[int, str]
) -> dict[str, str]:
    """Column key -> the header text as written in the file (for messages people know)."""
    labels = {column.key: column.en for column in columns_for(kind)}
    for index, key in columns.items():
        if index < len(header) and header[index] is not None:
            labels[key] = str(header[index])
    return labels


Progress = Callable[[str, int, int | None], None]
"""progress(phase, done, total): told how far a long import is (for a progress bar)."""
