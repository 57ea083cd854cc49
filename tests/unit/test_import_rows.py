"""The stored form of an import session's rows reads back exactly as it was written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.imports import StoredRow
from store.import_rows import decode_old_rows, decode_rows, encode_rows, pack, unpack

KEYS = ["code", "flag", "amount", "when", "city"]
POSITIONS = {"code": 0, "flag": 1, "amount": 2, "when": 3, "city": 4}


def _row(
    number: int, cells: list[object], values: list[object], **messages: tuple[str, ...]
) -> StoredRow:
    return StoredRow(number, cells, dict(zip(KEYS, values, strict=True)),  # type: ignore[arg-type]
                     messages.get("notes", ()), messages.get("problems", ()))  # fmt: skip


def test_values_that_are_not_their_cells_are_kept_and_the_rest_read_from_cells() -> None:
    # Plain columns hold the very cell objects, as the cleaner leaves them.
    lyon, paris = "Lyon", "Paris"
    rows = [
        # a code read as a number, "oui" read as true, an amount read from text
        _row(2, [123, "oui", "2.50", date(2025, 3, 31), lyon],
             ["123", True, Decimal("2.50"), date(2025, 3, 31), lyon], notes=("oui read as Yes",)),
        # a spreadsheet true stays true (not 1); a short row has no city
        _row(3, ["A1", True, 1, None], ["A1", True, Decimal(1), None, None],
             problems=("bad", "worse")),
        _row(4, ["A2", False, 1.5, "2025-01-02", paris],
             ["A2", False, Decimal("1.5"), date(2025, 1, 2), paris]),
    ]  # fmt: skip
    blob = encode_rows(rows, KEYS, POSITIONS)
    assert sorted(unpack(blob)["v"]) == ["amount", "code", "flag", "when"]  # not "city"
    back = decode_rows(blob, KEYS, POSITIONS)
    assert back == rows
    assert [type(v) for v in back[1].values.values()] == [
        str,
        bool,
        Decimal,
        type(None),
        type(None),
    ]


def test_a_column_without_a_position_is_kept() -> None:
    rows = [_row(2, ["x"], ["x", None, None, None, "Nice"])]
    assert decode_rows(encode_rows(rows, KEYS, {"code": 0}), KEYS, {"code": 0}) == rows


def test_chunks_of_the_form_before_are_read() -> None:
    blob = pack([[2, ["C1", "Yes"], ["C1", True, None, None, None], ["n"], []]])
    assert decode_old_rows(blob, KEYS) == [
        StoredRow(2, ["C1", "Yes"], dict(zip(KEYS, ["C1", True, None, None, None], strict=True)),
                  ("n",), ())
    ]  # fmt: skip
