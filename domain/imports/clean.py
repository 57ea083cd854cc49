"""Cleaning a whole customer file fast: column by column, readers compiled once per file,
answers memoised.

A 100,000-row file has 1.5 million cells; one Python call per cell is a second. So
`CustomerCleaner` works a batch of rows one column at a time: plain text columns are
taken as they are (a comprehension, no call), and each checked column keeps, per
distinct cell, the answer (value, notes, problems) of its `imports_values` reader, so a
repeated cell (a country, Yes/No) costs a dict lookup and an expensive check (a VAT
number's check digits, an email's syntax) runs once per distinct value. A `quick` test
recognises the common cell the reader would take unchanged without building its
messages; any other cell goes through the reader itself, so values and messages are
exactly those of the readers (the identity rule's, for emails, VAT numbers, countries,
phones and postal codes), in the order of `MESSAGE_ORDER`. A phone is read in its row's
country, so its answers are kept per phone and country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from domain.customers import identity
from domain.imports.columns import CellValue, SheetKind, columns_for
from domain.imports.rows import CustomerRows
from domain.imports.sessions import Cleaned, Normalisers, Value
from domain.imports.values import (
    EXACT,
    as_text,
    code,
    country,
    email,
    phone,
    postal_code,
    vat_number,
    yes_no,
)

Answer = tuple[Value, tuple[str, ...], tuple[str, ...]]
"""What a reader made of one cell: the value, its notes (yellow), its problems (red)."""
Reader = Callable[[CellValue, Cleaned], Value]

KEYS = tuple(column.key for column in columns_for(SheetKind.CUSTOMERS))
"""The cleaned values' keys, in the order of the columns (the order rows are stored in)."""
MESSAGE_ORDER = ("customer_code", "vat_number", "address_code", "postal_code", "country",
                 "contact_phone", "contact_email", "default_address",
                 "default_contact")  # fmt: skip
"""The checked columns in the order their notes and problems are given."""


Whole = Callable[[Sequence[str | None]], list[Value] | None]
"""whole(cells): the values of a column of texts and empty cells when the reader takes
every one of them without a note or a problem, worked out for the column at once (a
C-speed test over all its texts); None when some cell needs its own reading."""
_TEXT_OR_EMPTY = frozenset({str, type(None)})
_NOTHING: Answer = (None, (), ())


@dataclass
class _Column:
    """One checked column: its reader (label bound), a quick test, the answers per text."""

    key: str
    read: Reader
    quick: Callable[[str], bool] | None = None
    """True for a text the reader takes unchanged, with no note and no problem."""
    extra_when_empty: tuple[str, ...] = ()
    whole: Whole | None = None
    """The column at once, when every cell is taken as it is (see `Whole`)."""
    memo: dict[str, Answer] = field(default_factory=dict)
    typed_memo: dict[tuple[type, CellValue], Answer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        value, notes, problems = self._read(None)
        self._empty: Answer = (value, notes, problems + self.extra_when_empty)

    def _read(self, value: CellValue) -> Answer:
        out = Cleaned({})
        result = self.read(value, out)
        return result, tuple(out.notes), tuple(out.problems)

    def answers(
        self, cells: Sequence[CellValue]
    ) -> tuple[list[Value], dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
        """The values of a column's cells, and the notes and problems by position."""
        if self.whole is not None:
            kinds = set(map(type, cells))
            if kinds <= _TEXT_OR_EMPTY and (type(None) not in kinds or self._empty == _NOTHING):
                whole = self.whole(cells)  # type: ignore[arg-type]  # str or None, just checked
                if whole is not None:
                    return whole, {}, {}
        values: list[Value] = []
        notes: dict[int, tuple[str, ...]] = {}
        problems: dict[int, tuple[str, ...]] = {}
        memo, quick, append = self.memo, self.quick, values.append
        for index, cell in enumerate(cells):
            if type(cell) is str:
                found = memo.get(cell)
                if found is None:
                    taken = quick is not None and quick(cell)
                    found = memo[cell] = (cell, (), ()) if taken else self._read(cell)
            elif cell is None:
                found = self._empty
            else:  # numbers, booleans, dates: by type too, since True == 1 == 1.0
                typed = self.typed_memo.get((type(cell), cell))
                if typed is None:
                    typed = self.typed_memo[(type(cell), cell)] = self._read(cell)
                found = typed
            append(found[0])
            if found[1]:
                notes[index] = found[1]
            if found[2]:
                problems[index] = found[2]
        return values, notes, problems


@dataclass
class _Phones:
    """The phone column: each cell read in its row's country (`values.phone`), the
    answers kept per cell and country."""

    label: str
    memo: dict[tuple[type, CellValue, Value], Answer] = field(default_factory=dict)

    def answers(
        self, cells: Sequence[CellValue], countries: Sequence[Value]
    ) -> tuple[list[Value], dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
        """The values of a column's cells, and the notes and problems by position."""
        values: list[Value] = []
        notes: dict[int, tuple[str, ...]] = {}
        problems: dict[int, tuple[str, ...]] = {}
        for index, (cell, region) in enumerate(zip(cells, countries, strict=True)):
            if cell is None:
                values.append(None)
                continue
            key = (type(cell), cell, region)
            found = self.memo.get(key)
            if found is None:
                out = Cleaned({})
                value = phone(cell, self.label, out, region if isinstance(region, str) else None)
                found = self.memo[key] = (value, tuple(out.notes), tuple(out.problems))
            values.append(found[0])
            if found[1]:
                notes[index] = found[1]
            if found[2]:
                problems[index] = found[2]
        return values, notes, problems


def _plain(cells: Sequence[CellValue]) -> list[Value]:
    """`as_text` over a column, with text (already stripped by the reader) inline; a
    column of texts and empty cells, as most are, taken as it is at C speed."""
    if set(map(type, cells)) <= _TEXT_OR_EMPTY and "" not in cells:
        return list(cells)  # type: ignore[arg-type]  # str or None, just checked
    return [(c or None) if type(c) is str else (None if c is None else as_text(c))
            for c in cells]  # fmt: skip


def _one_word(text: str) -> bool:
    return text.split() == [text]


_SPACE = re.compile(r"\s")
"""What `str.split` splits on, as the regular expression engine knows it."""
_YES_NO: dict[str | None, bool | None] = {None: None}
_YES_NO.update(EXACT)


def _texts(cells: Sequence[str | None]) -> list[str]:
    return list(filter(None, cells))  # the reader gives None, never "", for an empty cell


def _codes(cells: Sequence[str | None]) -> list[Value] | None:
    """Codes of one word each: the cells as they are (`code` would say nothing)."""
    return list(cells) if _SPACE.search("\0".join(_texts(cells))) is None else None


def _yes_no(cells: Sequence[str | None]) -> list[Value] | None:
    """Yes/No and Oui/Non as the drop-downs write them, read without a note."""
    return list(map(_YES_NO.__getitem__, cells)) if set(cells) <= _YES_NO.keys() else None


def _vat_numbers(norm: Normalisers) -> Whole:
    def whole(cells: Sequence[str | None]) -> list[Value] | None:
        texts = _texts(cells)
        joined = "".join(texts)
        if texts and not (joined.isalnum() and joined.upper() == joined):
            return None  # some number has spaces, dots or small letters: said per cell
        return list(cells) if norm.vat_none_wrong(texts) else None

    return whole


def _countries(cells: Sequence[str | None]) -> list[Value] | None:
    written = set(_texts(cells))  # a file names a few countries, many times each
    return list(cells) if all(identity.judge_country(t) == t for t in written) else None


_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $|\0 | \0")
"""Whitespace `identity.judge_postal_code` would change, in texts joined by NUL."""


def _postal_codes(cells: Sequence[str | None]) -> list[Value] | None:
    """Codes of 20 characters at most, single spaces inside: the cells as they are."""
    texts = _texts(cells)
    if not texts:
        return list(cells)
    short = max(map(len, texts)) <= identity.POSTAL_CODE_MAX
    return list(cells) if short and _ODD_SPACE.search("\0".join(texts)) is None else None


def _emails(norm: Normalisers) -> Whole:
    def whole(cells: Sequence[str | None]) -> list[Value] | None:
        texts = _texts(cells)
        return list(cells) if not texts or norm.emails_as_written(texts) else None

    return whole


class CustomerCleaner:
    """Cleans the rows of one customer file: the readers' values and messages, per column."""

    def __init__(self, labels: Mapping[str, str], norm: Normalisers) -> None:
        def bound(reader: Callable[..., Value], key: str, *extra: object) -> Reader:
            label = labels[key]
            return lambda value, out: reader(value, label, out, *extra)

        def vat_taken(text: str) -> bool:
            # the rule's verdict (`identity.judge_vat`), with check digits worked out ahead
            return text.isalnum() and text.upper() == text and norm.vat_valid(text) is not False

        def as_judged(judge: Callable[[str], object]) -> Callable[[str], bool]:
            return lambda text: judge(text) == text

        missing = (f"{labels['customer_code']}: missing",)
        self._checked = {
            "customer_code": _Column("customer_code", bound(code, "customer_code"), _one_word,
                                     missing, _codes),
            "vat_number": _Column("vat_number", bound(vat_number, "vat_number"), vat_taken,
                                  whole=_vat_numbers(norm)),
            "address_code": _Column("address_code", bound(code, "address_code"), _one_word,
                                    whole=_codes),
            "postal_code": _Column("postal_code", bound(postal_code, "postal_code"),
                                   as_judged(identity.judge_postal_code), whole=_postal_codes),
            "country": _Column("country", bound(country, "country"),
                               as_judged(identity.judge_country), whole=_countries),
            "contact_email": _Column("contact_email", bound(email, "contact_email"),
                                     as_judged(identity.judge_email), whole=_emails(norm)),
            "default_address": _Column("default_address", bound(yes_no, "default_address"),
                                       whole=_yes_no),
            "default_contact": _Column("default_contact", bound(yes_no, "default_contact"),
                                       whole=_yes_no),
        }  # fmt: skip

        self._phones = _Phones(labels["contact_phone"])

    def clean(self, record: Mapping[str, CellValue]) -> Cleaned:
        """One row judged alone."""
        values = {key: [value] for key, value in record.items()}
        row = self.rows([0], [[]], values)[0]
        return Cleaned(row.values, list(row.notes), list(row.problems))

    def rows(
        self, numbers: Sequence[int], cells: Sequence[list[CellValue]],
        values: Mapping[str, Sequence[CellValue]],
    ) -> CustomerRows:  # fmt: skip
        """A batch of rows judged alone, each kept with its cells; `values` holds each
        column's values (the file's columns only), in row order. The rows stay columns
        (see `CustomerRows`)."""
        count = len(numbers)
        columns: list[list[Value]] = []
        notes: dict[str, dict[int, tuple[str, ...]]] = {}
        problems: dict[str, dict[int, tuple[str, ...]]] = {}
        for key in KEYS:
            given = values.get(key)
            column_cells = [None] * count if given is None else given
            column = self._checked.get(key)
            if key == "contact_phone":  # read in the row's country, cleaned before it
                countries = columns[KEYS.index("country")]
                found, notes[key], problems[key] = self._phones.answers(column_cells, countries)
            elif column is None:
                found = _plain(column_cells)
            else:
                found, notes[key], problems[key] = column.answers(column_cells)
            columns.append(found)
        return CustomerRows(list(numbers), list(cells), dict(zip(KEYS, columns, strict=True)),
                            _by_row(notes, count), _by_row(problems, count))  # fmt: skip


def _by_row(found: Mapping[str, dict[int, tuple[str, ...]]], count: int) -> list[tuple[str, ...]]:
    """Each row's messages, column after column (`MESSAGE_ORDER`); most rows have none."""
    rows: list[tuple[str, ...]] = [()] * count
    ordered = [found[key] for key in MESSAGE_ORDER]
    for index in sorted(set().union(*ordered)):
        rows[index] = tuple(text for column in ordered for text in column.get(index, ()))
    return rows
