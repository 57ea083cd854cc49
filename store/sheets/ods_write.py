"""Writing a one-sheet OpenDocument spreadsheet (.ods) from rows of values.

openpyxl writes no .ods, and a template is the only .ods orderbot hands out: a few rows
of text, numbers and dates, so the parts are written here as ODF 1.2 needs them (the
mimetype first and stored, the manifest, content.xml) rather than through a library.
Text is written as text, never as a formula.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from domain.imports.columns import CellValue

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _cell(value: CellValue) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        shown = "true" if value else "false"
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{shown}">'
                f"<text:p>{shown.upper()}</text:p></table:table-cell>")  # fmt: skip
    if isinstance(value, int | float | Decimal):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")  # fmt: skip
    if isinstance(value, date | datetime):
        shown = value.isoformat()
        return (f'<table:table-cell office:value-type="date" office:date-value="{shown}">'
                f"<text:p>{shown}</text:p></table:table-cell>")  # fmt: skip
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>")  # fmt: skip


def write_ods(path: Path, sheet: str, rows: Sequence[Sequence[CellValue]]) -> None:
    """One sheet named `sheet` holding `rows`."""
    body = "".join(
        "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>" for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet)}>"
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
