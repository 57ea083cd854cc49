"""The words an import writes into files and says of them: the annotated copy's sheet
name, Status and Message headers and verdict words, a template's notes, the warnings
about a file's columns; in the language of the file.

They are sentences (`domain.texts.Text`) like the verdicts; the file writers (in store)
are handed a `Render` that says them in a language, so that store needs no catalogs.
`file_language` is the language a session's file is written in: that of its headers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from domain.imports.columns import SheetKind, headers_language
from domain.imports.sessions import ImportSession, Verdict
from domain.texts import Text, _

Render = Callable[[Text, str], str]
"""render(text, language): the sentence said in the language (en, fr, da)."""


def english(text: Text, language: str) -> str:
    """The `Render` of a writer that was given none: the English sentence."""
    return str(text)


# Translators: the name of the annotated copy's sheet: the rows as checked.
SHEET_NAME = _("Checked")
# Translators: header of the annotated copy's column holding each row's verdict.
STATUS_HEADER = _("Status")
# Translators: header of the annotated copy's column holding each row's messages.
MESSAGE_HEADER = _("Message")
STATUS_WORDS: Mapping[Verdict, Text] = {
    # Translators: the verdict of a row taken as it is (the colour green).
    Verdict.GREEN: _("Green"),
    # Translators: the verdict of a row taken with a change (the colour yellow).
    Verdict.YELLOW: _("Yellow"),
    # Translators: the verdict of a row not taken (the colour red).
    Verdict.RED: _("Red"),
    # Translators: the verdict of a row the user left out.
    Verdict.SKIPPED: _("Skipped"),
}

EXAMPLE_NOTE = _("Example row: write your own over it, or delete it, before importing.")
"""The note on a template's example row."""
REQUIRED = _("Required.")
OPTIONAL = _("Optional.")
CHOOSE = _("{column}: choose a value from the list.")
"""The warning of a template's drop-down list when another value is typed."""


def file_language(session: ImportSession) -> str:
    """The language of a checked file: that of its header row."""
    return headers_language(session.kind, session.header)


def sheet_title(kind: SheetKind) -> Text:
    """The name of a template's sheet."""
    if kind is SheetKind.CUSTOMERS:
        return _("Customers")
    if kind is SheetKind.ORDERS:
        return _("Orders")
    return _("Products")


def unknown_column(kind: SheetKind, letter: str, header: str) -> Text:
    """The warning about a column the kind does not have; its values are ignored."""
    # One whole sentence per kind, so each language can agree its words with the kind.
    if kind is SheetKind.CUSTOMERS:
        return _("Column {letter} ({header}) is not a column of a customers sheet; it was "
                 "ignored.", letter=letter, header=header)  # fmt: skip
    if kind is SheetKind.ORDERS:
        return _("Column {letter} ({header}) is not a column of an orders sheet; it was "
                 "ignored.", letter=letter, header=header)  # fmt: skip
    return _("Column {letter} ({header}) is not a column of a products sheet; it was "
             "ignored.", letter=letter, header=header)  # fmt: skip


def repeated_column(letter: str, header: str) -> Text:
    """The warning about a second column for a column already read."""
    return _("Column {letter} repeats the column {header}; its values were ignored.",
             letter=letter, header=header)  # fmt: skip
