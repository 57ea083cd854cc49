"""How an import session's parts are kept in the database: the file as received, and
compressed JSON for its row numbers (as runs) and verdicts (Decimals, dates and
sentences tagged; a verdict of an earlier version is plain English text).

The file is compressed only when it is not a zip archive already (.xlsx and .ods are);
a CSV or an .xls file shrinks several times.
"""

from __future__ import annotations

import json
import zlib
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any

from domain.text_data import sentence_data, sentence_of
from domain.texts import Text


def json_default(value: object) -> object:
    """`json.dumps` default: Decimal, date and sentence (`Text`) as tagged objects."""
    if isinstance(value, Text):
        return {"t": [value.msgid, value.params, value.plural, value.n, value.context]}
    if hasattr(value, "format_as"):  # a typed value of a sentence (a count, an amount)
        data = sentence_data(Text("{v}", {"v": value}))
        return {"v": data["params"]["v"] if isinstance(data, dict) else data}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__}")


def json_hook(obj: dict[str, Any]) -> object:
    """`json.loads` object hook: the tagged objects back as Decimal, date and `Text`."""
    if len(obj) == 1:
        if "t" in obj:  # sessions of earlier versions kept no context
            msgid, params, plural, n, *context = obj["t"]
            return Text(msgid, params, plural, n, context[0] if context else None)
        if "v" in obj:
            said = sentence_of({"msgid": "{v}", "params": {"v": obj["v"]}})
            return said.params["v"] if isinstance(said, Text) else said
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


_ZIP, _STORED, _DEFLATED = b"PK\x03\x04", b"=", b"z"


def pack_file(source: bytes) -> bytes:
    """A file as received, compressed unless it is a zip archive; tagged by one byte."""
    if source.startswith(_ZIP):
        return _STORED + source
    return _DEFLATED + zlib.compress(source, 1)


def unpack_file(blob: bytes) -> bytes:
    """The inverse of `pack_file`."""
    if blob[:1] == _STORED:
        return blob[1:]
    return zlib.decompress(blob[1:])


def runs(numbers: list[int]) -> list[list[int]]:
    """Ascending row numbers as runs [first, last] of consecutive ones: a sheet's data rows
    are mostly one run, stored in a few bytes rather than as 100,000 numbers."""
    whole = numbers and numbers[-1] - numbers[0] == len(numbers) - 1
    if whole and numbers == list(range(numbers[0], numbers[-1] + 1)):  # one run: C speed
        return [[numbers[0], numbers[-1]]]
    found: list[list[int]] = []
    for number in numbers:
        if found and number == found[-1][1] + 1:
            found[-1][1] = number
        else:
            found.append([number, number])
    return found


def from_runs(found: list[list[int]]) -> list[int]:
    """The inverse of `runs`."""
    return list(chain.from_iterable(range(first, last + 1) for first, last in found))
