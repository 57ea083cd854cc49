"""The stored parts of an import session read back exactly as they were written; what a
process remembers of its sessions goes when unused or pushed out."""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

from store.imports.cache import MAX_IDLE_SECONDS, _BoundedCache
from store.imports.parts import from_runs, pack, pack_file, runs, unpack, unpack_file


def test_numbers_and_verdicts_keep_decimals_and_dates() -> None:
    data = [[2, "yellow", ["Quantité: '2,5' read as 2.5"]], [3, "red", []]]
    assert unpack(pack(data)) == data
    values = {"amount": Decimal("2.50"), "when": date(2025, 3, 31), "n": [1, None, True]}
    back = unpack(pack(values))
    assert back == values
    assert str(back["amount"]) == "2.50"  # the written precision, not a float's


def test_a_zip_workbook_is_kept_as_it_is_and_a_text_file_compressed() -> None:
    workbook = b"PK\x03\x04" + bytes(range(256)) * 40
    stored = pack_file(workbook)
    assert stored[1:] == workbook  # already compressed: not again
    assert unpack_file(stored) == workbook
    csv = "Code client;Nom du client\n".encode("cp1252") + b"C1;Soci\xe9t\xe9\n" * 2000
    stored = pack_file(csv)
    assert len(stored) < len(csv) / 10
    assert unpack_file(stored) == csv
    assert unpack_file(pack_file(b"")) == b""
    assert zlib.decompress(stored[1:]) == csv


def test_remembered_sessions_go_when_unused_for_an_hour_or_pushed_out() -> None:
    now = [0.0]
    cache: _BoundedCache[list[int]] = _BoundedCache(len, max_rows=10, clock=lambda: now[0])
    cache.put("a", [1, 2, 3])
    cache.put("b", [4])
    now[0] = MAX_IDLE_SECONDS - 1
    assert cache.get("a") == [1, 2, 3]  # used: kept for another hour
    now[0] = MAX_IDLE_SECONDS + 1
    assert cache.get("b") is None  # unused for an hour: gone
    assert cache.get("a") == [1, 2, 3]
    cache.put("c", list(range(8)))  # 3 + 8 rows: past the bound, the least used goes
    assert (cache.get("a"), cache.get("c")) == (None, list(range(8)))


def test_row_numbers_are_kept_as_runs() -> None:
    numbers = [2, 3, 4, 7, 9, 10, 100_001]
    assert runs(numbers) == [[2, 4], [7, 7], [9, 10], [100_001, 100_001]]
    assert from_runs(runs(numbers)) == numbers
    assert runs(list(range(2, 100_002))) == [[2, 100_001]]
    assert (runs([]), from_runs([])) == ([], [])


def test_a_sentence_with_typed_values_and_a_context_survives_packing() -> None:
    from domain.text_values import Count, Size
    from domain.texts import Text

    said = Text("{rows} rows, {size}", {"rows": Count(3), "size": Size(2048)}, context="sheet")
    assert unpack(pack([said])) == [said]


def test_a_sentence_kept_by_an_earlier_version_reads_back() -> None:
    import json
    import zlib

    from domain.texts import Text

    old = json.dumps([{"t": ["Row {row} is empty", {"row": 4}, None, None]}]).encode()
    assert unpack(zlib.compress(old)) == [Text("Row {row} is empty", {"row": 4})]
