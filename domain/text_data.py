"""Sentences as JSON data and back: a `Text` kept in an outbox row, rendered when sent.

An outbox row's payload is JSON, written when the domain decides and read when the mail
is drawn, perhaps by a later version: a sentence goes in as its message id, its values
(a sentence inside a sentence nested the same way) and its plural form, so that it is
said in the reader's language at send time. The values each reader writes their own
way (`domain.text_values`: an amount, a unit price, a percentage, a quantity, a count,
a day, a list of sentences) are kept by their name (`{"money": "8.5", "currency": "EUR"}`,
`{"price": "0.333", "currency": "EUR"}`, `{"percent": "5"}`, `{"number": "2.5"}`,
`{"count": 100000}`, `{"date": "2026-05-01"}`, `{"sentences": [...]}`) and read back
as those values; other values that JSON cannot hold (amounts, dates) are kept as their
plain text. Data that is no sentence (an English string of a row written before
sentences were kept) reads back as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from domain.text_values import Amount, Count, Day, Percent, Price, Quantity, Sentences, Size
from domain.texts import Text


def sentence_data(sentence: Text | str) -> dict[str, Any] | str:
    """`sentence` as JSON data: {"msgid", "params"[, "plural", "n"][, "context"]}; a
    string as it is."""
    if not isinstance(sentence, Text):
        return str(sentence)
    data: dict[str, Any] = {
        "msgid": sentence.msgid,
        "params": {name: _value_data(value) for name, value in sentence.params.items()},
    }
    if sentence.plural is not None:
        data["plural"], data["n"] = sentence.plural, sentence.n
    if sentence.context is not None:
        data["context"] = sentence.context
    return data


def sentence_of(data: object) -> Text | str:
    """A sentence read back from `sentence_data`; anything else as its plain text."""
    if not isinstance(data, Mapping) or "msgid" not in data:
        return "" if data is None else str(data)
    params = data.get("params") or {}
    plural, n, context = data.get("plural"), data.get("n"), data.get("context")
    return Text(
        str(data["msgid"]),
        {str(name): _value_of(value) for name, value in dict(params).items()},
        str(plural) if plural is not None else None,
        int(n) if n is not None else None,
        str(context) if context is not None else None,
    )


def _value_data(value: Any) -> Any:
    if isinstance(value, Text):
        return sentence_data(value)
    if isinstance(value, Amount):
        return {"money": _decimal(value.amount), "currency": value.currency}
    if isinstance(value, Price):
        return {"price": _decimal(value.amount), "currency": value.currency}
    if isinstance(value, Percent):
        return {"percent": _decimal(value.value)}
    if isinstance(value, Sentences):
        return {
            "sentences": [sentence_data(item) for item in value.items],
            "joined_by": value.joined_by,
        }
    if isinstance(value, Quantity):
        return {"number": _decimal(value.value)}
    if isinstance(value, Count):
        return {"count": value.value}
    if isinstance(value, Size):
        return {"bytes": value.bytes}
    if isinstance(value, Day):
        return {"date": value.day.isoformat()}
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _decimal(value: Decimal) -> str:
    return format(value.normalize(), "f") if value.is_finite() else str(value)


def _value_of(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    if "msgid" in value:
        return sentence_of(value)
    if "money" in value:
        return Amount(Decimal(str(value["money"])), str(value.get("currency", "")))
    if "price" in value:
        return Price(Decimal(str(value["price"])), str(value.get("currency", "")))
    if "percent" in value:
        return Percent(Decimal(str(value["percent"])))
    if "sentences" in value:
        said = (sentence_of(item) for item in value["sentences"] or ())
        items = tuple(item for item in said if isinstance(item, Text))
        return Sentences(items, str(value.get("joined_by", ", ")))
    if "count" in value:
        return Count(int(value["count"]))
    if "bytes" in value:
        return Size(int(value["bytes"]))
    if "number" in value:
        return Quantity(Decimal(str(value["number"])))
    if "date" in value:
        return Day(date.fromisoformat(str(value["date"])))
    return value
