"""A job run's note that is a sentence, kept as data so each reader reads it in their
own language.

Most notes are plain text (why a period was skipped). A job whose notes people act on
(the jeopardy job's orders at risk) writes a `Note`: a `str` whose value is the English
sentence, so every view that shows notes as text keeps working, and which carries the
sentence (`Text`) a door renders in its reader's language (`note_text`). In the job log
and in a digest's payload a `Note` is kept as its data (`note_data`: message id and
values), read back with `note_of`; a plain note, or one written by an earlier version,
stays the text it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.texts import Text


class Note(str):
    """A note that reads as its English sentence and carries the sentence itself."""

    text: Text

    def __new__(cls, text: Text) -> Note:
        note = super().__new__(cls, str(text))
        note.text = text
        return note


def sentence_note(text: Text) -> Note:
    """A note of `text`, its dates as ISO days (the job log's way of writing them)."""
    params = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in text.params.items()
    }
    return Note(Text(text.msgid, params, text.plural, text.n, text.context))


def note_text(note: str) -> Text | str:
    """What a door renders: the sentence of a `Note`, else the plain note."""
    return note.text if isinstance(note, Note) else note


def note_data(note: str) -> str | dict[str, Any]:
    """A note as JSON data: a `Note` as its message id and values, else its text."""
    if not isinstance(note, Note):
        return str(note)
    data: dict[str, Any] = {"msgid": note.text.msgid, "params": dict(note.text.params)}
    if note.text.plural is not None:
        data["plural"], data["n"] = note.text.plural, note.text.n
    return data


def note_of(value: object) -> str:
    """A note read back from JSON data (`note_data`)."""
    if isinstance(value, Mapping) and "msgid" in value:
        n = value.get("n")
        plural = value.get("plural")
        return Note(
            Text(
                str(value["msgid"]),
                dict(value.get("params") or {}),
                str(plural) if plural is not None else None,
                int(n) if n is not None else None,
            )
        )
    return str(value)
