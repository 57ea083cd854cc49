"""Picking a workbook's texts of one shape out of its XML, for work done while calamine
parses the sheet (see `domain.imports.sessions.HeadStart`).

Calamine parses a sheet without holding the GIL (about a second for 100,000 rows), so
this thread is free meanwhile. Work that depends on a text alone (the check digits of
a VAT number) can be begun on the texts of the workbook, found without parsing it: a
regular expression over the raw XML picks out every `<t>` element whose whole text has
the wanted shape. Excel and LibreOffice keep each distinct text once, in the shared
strings part; streaming writers (openpyxl among them) write texts inline in the sheet,
which the window of `store.sheets.read` streams (checking formulas) and hands to a
`TextPicker` piece by piece. It is only a head start: a text missed here is worked out
when its row is judged.

Read after the guard accepted the file (the parts' sizes are capped) and streamed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

SHARED_STRINGS = "xl/sharedStrings.xml"
MAX_TEXTS = 1_000_000
"""More distinct texts than this are not worth a head start: the rest wait for their rows."""
_CHUNK = 1024 * 1024
_ENTITIES = {"&apos;": "'", "&quot;": '"'}  # besides &amp; &lt; &gt;


class TextPicker:
    """Collects the distinct texts of `shape` from pieces of a part's XML.

    `prefix` is the namespace prefix the part's elements carry (`x:` in some writers)."""

    def __init__(self, shape: str, prefix: bytes = b"", attributes: bool = True) -> None:
        # Without `attributes`, plain <t> only: in a sheet's inline texts, attributes
        # (xml:space, for outer spaces) are rare, and allowing them costs half as much
        # again over every cell. LibreOffice gives every shared text xml:space.
        tag = b"<" + prefix + (rb"t(?: [^>]*)?>(" if attributes else b"t>(")
        self._pattern = re.compile(tag + shape.encode() + b")</" + prefix + b"t>")
        self._found: set[bytes] = set()

    def feed(self, xml: bytes) -> None:
        """Pick the texts out of a piece of XML that cuts no element in two."""
        if len(self._found) < MAX_TEXTS:
            self._found.update(self._pattern.findall(xml))

    def texts(self) -> list[str]:
        """The distinct texts picked so far, as written in the sheet."""
        texts = [text.decode("utf-8", "replace") for text in self._found]
        return [unescape(text, _ENTITIES) if "&" in text else text for text in texts]


def shaped_texts(path: Path, parts: list[str], shape: str) -> list[str]:
    """The distinct texts of `shape` held in these zip parts (shared strings)."""
    picker = TextPicker(shape)
    with zipfile.ZipFile(path) as archive:
        for part in parts:
            with archive.open(part) as stream:
                carry = b""
                while chunk := stream.read(_CHUNK):
                    buffer = carry + chunk
                    # Up to the last text element's start: it is whole in the next piece.
                    cut = max(buffer.rfind(b"<t"), 0)
                    picker.feed(buffer[:cut])
                    carry = buffer[cut:]
                picker.feed(carry)
    return picker.texts()
