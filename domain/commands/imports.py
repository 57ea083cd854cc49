"""Spreadsheet imports: check, skip rows, confirm, report, annotated copy, template."""

from __future__ import annotations

from domain.commands.base import Command, Query


class CheckImport(Command):
    """Read and judge a spreadsheet (customers, orders or products); writes only a session.

    `customer` names the customer of a single-order file (the email's sender, or
    `--customer`); multi-order files have a Customer code column instead.
    """

    kind: str
    path: str
    filename: str = ""
    customer: str | None = None


class SkipImportRows(Command):
    """Leave rows of a checked import out, by spreadsheet row number (or take them back)."""

    session_id: str
    rows: tuple[int, ...]
    unskip: bool = False


class ConfirmImport(Command):
    """Write a checked import in one transaction; confirming again changes nothing."""

    session_id: str


class ShowImport(Query):
    """The report of an import session."""

    session_id: str


class WriteAnnotatedCopy(Query):
    """Write the checked file with Status and Message columns (reads the database only)."""

    session_id: str
    path: str


class WriteImportTemplate(Query):
    """Write an empty import template of a kind (reads nothing, writes a file only), its
    headers and notes in `language` (en, fr, da)."""

    kind: str
    path: str
    language: str = "en"
