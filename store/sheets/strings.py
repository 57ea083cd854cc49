"""The short texts of an .xlsx workbook, for work done while calamine parses the sheet.

Calamine parses a sheet without holding the GIL (about a second for 100,000 rows), so
a second core is free meanwhile. Work that depends on a text alone (the check digits
of a VAT number) can be done ahead on the workbook's shared strings, which hold every
distinct text of a workbook saved by Excel or LibreOffice, and remembered; the rows then
find it done. It is only a head start: a text missed here (or a file without shared
strings) is worked out when its row is judged.

Read after the guard and the sheet scan accepted the file (the parts' sizes are capped)
and streamed; a regular expression picks the texts out, no XML parser is involved.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

SHARED_STRINGS = "xl/sharedStrings.xml"
MAX_TEXT = 32
"""Longer texts are left out: what is worth doing ahead is about short codes."""
MAX_TEXTS = 1_000_000
_CHUNK = 1024 * 1024
_TEXT = re.compile(rb"<t(?: [^>]*)?>([^<]{1,%d})</t>" % MAX_TEXT)
_ENTITIES = {"&apos;": "'", "&quot;": '"'}  # besides &amp; &lt; &gt;
_OVERLAP = 256
"""Bytes carried to the next chunk: more than any element the pattern matches."""


def short_texts(path: Path, parts: list[str]) -> list[str]:
    """The distinct short texts of these zip parts: whatever sits in a `<t>` element."""
    found: set[bytes] = set()
    with zipfile.ZipFile(path) as archive:
        for part in parts:
            with archive.open(part) as stream:
                carry = b""
                while (chunk := stream.read(_CHUNK)) and len(found) < MAX_TEXTS:
                    buffer = carry + chunk
                    found.update(_TEXT.findall(buffer))
                    carry = buffer[-_OVERLAP:]
    texts = [text.decode("utf-8", "replace") for text in found]
    return [unescape(text, _ENTITIES) if "&" in text else text for text in texts]
