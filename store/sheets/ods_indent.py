"""Indented .ods files (Gnumeric's) made readable by python-calamine.

Gnumeric writes content.xml pretty-printed: every element of a table on its own line,
indented, so whitespace-only text lies between `<table:table>`, `<table:table-column/>`,
`<table:table-row>` and `<table:table-cell>` elements. python-calamine 0.9.1 (calamine
0.30) refuses that whitespace as if the file were broken, and a Gnumeric file reached
people as "damaged". The whitespace means nothing there (ODF 1.2 part 1, 3.18: white
space between structural elements is not content), so it is taken out, and only there:
text inside a paragraph (`<text:p>`) is left as written.

Report for upstream (calamine, src/ods.rs), ready to file:

    Title: ods: whitespace-only text between table elements is refused
    ("Expecting 'table-cell', found 'Text(BytesText { content: Borrowed("\\n  ...") })'")

    A spreadsheet saved as .ods by Gnumeric (ssconvert, 1.12) writes content.xml
    indented, e.g.

        <table:table table:name="Sheet1">
          <table:table-column table:number-columns-repeated="2"/>
          <table:table-row>
            <table:table-cell office:value-type="string">
              <text:p>Customer code</text:p>
            </table:table-cell>
          </table:table-row>
        </table:table>

    python-calamine 0.9.1: CalamineWorkbook.from_path("gnumeric.ods") raises
    CalamineError: Expecting 'table-cell', found 'Text(BytesText { content:
    Borrowed("\\n          ") })'. LibreOffice and Gnumeric open the file. The reader
    of a table row (and of the table around it) takes any event other than a start tag
    as an error; quick-xml's `trim_text(true)` on the table reader, or skipping
    whitespace-only `Event::Text` between structural elements, would fix it. Minimal
    file: tests/fixtures/customers_gnumeric.ods of this repository.

`readable_ods` answers None for a file that needs nothing (LibreOffice writes no
indentation), so those are read as they are.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

_INDENTED = re.compile(rb"<(?:/table:|table:)[^>]*>\s+<")
"""Whitespace after a table element: the sign of an indented content.xml."""
_GAP = re.compile(rb"(<(/?)([\w.-]+:[\w.-]+)[^>]*?(/?)>)(\s+)(?=<(/?)([\w.-]+:[\w.-]+))")
"""A tag, the whitespace-only text after it, and the name of the tag that follows."""
_STRUCTURE = (b"table:", b"office:")
_PARAGRAPHS = (b"text:p", b"text:h")


def _is_gap(match: re.Match[bytes]) -> bool:
    """True when the whitespace lies between structural elements (or between a cell's
    paragraphs), not inside a paragraph's text."""
    closing, name, empty, next_closing, next_name = match.group(2, 3, 4, 6, 7)
    after_structure = name.startswith(_STRUCTURE) or (
        name in _PARAGRAPHS and bool(closing or empty)
    )
    before_structure = next_name.startswith(_STRUCTURE) or (
        next_name in _PARAGRAPHS and not next_closing
    )
    return after_structure and before_structure


def without_indents(xml: bytes) -> bytes:
    """content.xml with the whitespace-only text between structural elements removed."""
    return _GAP.sub(lambda m: m[1] if _is_gap(m) else m[0], xml)


def readable_ods(path: Path, folder: str) -> Path | None:
    """A copy of the .ods at `path`, in `folder`, whose content.xml calamine can read;
    None when the file can be read as it is. The guard and the extent checks have
    passed: the archive is sound and content.xml within bounds."""
    with zipfile.ZipFile(path) as source:
        try:
            content = source.read("content.xml")
        except KeyError:
            return None  # calamine says what is missing
        if _INDENTED.search(content) is None:
            return None
        target = Path(folder) / "readable.ods"
        with zipfile.ZipFile(target, "w") as copy:
            for info in source.infolist():
                if info.filename == "content.xml":
                    copy.writestr(info, without_indents(content))
                else:
                    with source.open(info) as part, copy.open(info, "w") as out:
                        shutil.copyfileobj(part, out)
    return target


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A private folder for the readable copy, removed when the reading ends."""
    return tempfile.TemporaryDirectory(prefix="orderbot-ods-")
