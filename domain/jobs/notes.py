"""A job run's note or error that is a sentence, kept as data so each reader reads it in
their own language.

A run's notes (a period skipped and why, an order at risk) and errors (a subscription
that could not be ordered, why a run failed) are sentences the job writes as a `Note`:
a `str` whose value is the English sentence, so the log, the tests and every view that
shows them as text keep working, and which carries the sentence (`Text`) a door renders
in its reader's language (`note_text`). In the job log and in a digest's payload a
`Note` is kept as its sentence data (`note_data`, `domain.text_data`: message id and
values, typed values by their name), read back with `note_of`. A plain string (an
exception's own words), or a note or error written by an earlier version, stays the
text it is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.text_data import sentence_data, sentence_of
from domain.texts import Text


class Note(str):
    """A note or error that reads as its English sentence and carries the sentence."""

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
    """A note as JSON data: a `Note` as its sentence data, else its text."""
    return sentence_data(note.text) if isinstance(note, Note) else str(note)


def note_of(value: object) -> str:
    """A note read back from JSON data (`note_data`): a `Note` of a sentence, else the
    text it is."""
    said = sentence_of(value)
    return Note(said) if isinstance(said, Text) else said
