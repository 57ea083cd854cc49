"""Column types that keep domain values exact: Decimal money, str-valued enums, JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Numeric, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from domain.jobs.notes import note_data, note_of
from domain.text_data import sentence_data, sentence_of
from domain.texts import Text as Sentence


class Money(TypeDecorator[Decimal]):
    """Decimal stored exactly: NUMERIC on PostgreSQL, text on SQLite (which has no decimal)."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(20, 6, asdecimal=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return Decimal(value)
        return format(Decimal(value), "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)) if not isinstance(value, Decimal) else value


class StrEnumType(TypeDecorator[StrEnum]):
    """A StrEnum stored as its value, read back as the enum member."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, self.enum_cls):
            return value.value  # a member already: no look-up (bulk writes bind millions)
        return None if value is None else str(self.enum_cls(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> StrEnum | None:
        return None if value is None else self.enum_cls(value)


class JsonText(TypeDecorator[dict[str, Any]]):
    """A JSON object stored as text, the same on every database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, default=str, sort_keys=True)

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, Any] | None:
        return None if value is None else json.loads(value)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept in UTC; read back aware on every database (SQLite drops zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: orderbot keeps times in UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class JsonList(TypeDecorator[list[Any]]):
    """A JSON list stored as text; wrap with MutableList so appends are saved."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(list(value), default=str)

    def process_result_value(self, value: Any, dialect: Dialect) -> list[Any] | None:
        return None if value is None else list(json.loads(value))


class NotesList(JsonList):
    """A job run's notes or errors: plain ones as text, sentences
    (`domain.jobs.notes.Note`) as their data, so each reader renders them in their own
    language. The column is the same JSON text: those written before read back as the
    text they are."""

    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps([note_data(n) for n in value], default=str)

    def process_result_value(self, value: Any, dialect: Dialect) -> list[Any] | None:
        return None if value is None else [note_of(n) for n in json.loads(value)]


class SentenceJson(TypeDecorator[Sentence]):
    """A sentence kept as its JSON data (`domain.text_data`: message id and values), so
    each reader reads it in their own language; NULL on rows written before sentences
    were kept. A bulk writer may hand the JSON text it made once for many rows."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return sentence_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Sentence | None:
        if value is None:
            return None
        said = sentence_of(json.loads(value))
        return said if isinstance(said, Sentence) else None


def sentence_json(sentence: Sentence) -> str:
    """The JSON text a `SentenceJson` column keeps for `sentence`."""
    return json.dumps(sentence_data(sentence), sort_keys=True, ensure_ascii=False)
