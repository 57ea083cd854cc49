"""Builders of the files the sheet tests read: raw .xlsx parts, zip bombs, OLE2 containers.

Hostile files are made by hand, byte by byte where needed, so the tests need nothing but
the standard library and the project's own dependencies.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

_PKG = b"http://schemas.openxmlformats.org/package/2006/"
_DOC = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = b"application/vnd.openxmlformats-officedocument.spreadsheetml."
_XML_DECL = b'<?xml version="1.0" encoding="UTF-8"?>'
CONTENT_TYPES = b"".join([
    _XML_DECL, b'<Types xmlns="', _PKG, b'content-types">',
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.',
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
    b'<Override PartName="/xl/workbook.xml" ContentType="', _SML, b'sheet.main+xml"/>',
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="', _SML,
    b'worksheet+xml"/></Types>',
])  # fmt: skip
ROOT_RELS = b"".join([
    _XML_DECL, b'<Relationships xmlns="', _PKG, b'relationships">',
    b'<Relationship Id="rId1" Type="', _DOC, b'/officeDocument" Target="xl/workbook.xml"/>',
    b"</Relationships>",
])  # fmt: skip
WORKBOOK = b"".join([
    _XML_DECL, b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
    b'xmlns:r="', _DOC, b'"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>',
    b"</workbook>",
])  # fmt: skip
WORKBOOK_RELS = b"".join([
    _XML_DECL, b'<Relationships xmlns="', _PKG, b'relationships">',
    b'<Relationship Id="rId1" Type="', _DOC, b'/worksheet" Target="worksheets/sheet1.xml"/>',
    b"</Relationships>",
])  # fmt: skip
SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def sheet_xml(rows: list[list[str]], dimension: str | None = None, prolog: bytes = b"") -> bytes:
    """A worksheet part with inline-string cells, an optional dimension and DTD prolog."""
    body = [b'<?xml version="1.0" encoding="UTF-8"?>', prolog, SHEET_OPEN[38:]]
    if dimension:
        body.append(f'<dimension ref="{dimension}"/>'.encode())
    body.append(b"<sheetData>")
    for number, cells in enumerate(rows, start=1):
        row = "".join(
            f'<c r="{chr(65 + col)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
            for col, text in enumerate(cells)
        )
        body.append(f'<row r="{number}">{row}</row>'.encode())
    body.append(b"</sheetData></worksheet>")
    return b"".join(body)


def write_xlsx_parts(path: Path, sheet: bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .xlsx around one worksheet part."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def many_rows_sheet(count: int) -> bytes:
    """A worksheet with `count` real one-cell rows and no dimension to give it away."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                    for n in range(1, count + 1))  # fmt: skip
    return SHEET_OPEN + b"<sheetData>" + rows + b"</sheetData></worksheet>"


def deflated_zeros(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of `mib` MiB of zero bytes, and its CRC-32, built in a blink.

    After a full flush the compressor forgets its history, so one compressed MiB can be
    repeated: the stream is valid without compressing the whole gigabyte.
    """
    block = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    return segment * mib + compressor.flush(), crc


def write_raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of pre-deflated entries: (name, raw deflate data, crc32, declared size)."""
    local, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(local)
        local += (
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0
            )
            + encoded
            + data
        )
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path.write_bytes(bytes(local + central + end))
    return path


def write_encrypted_ooxml(path: Path) -> Path:
    """An OLE2 compound file shaped like a password-protected .xlsx.

    Office stores an encrypted workbook as a CFB container with `EncryptionInfo` and
    `EncryptedPackage` streams; this writes the header, one FAT sector and one directory
    sector naming them (the streams are empty: only the names matter to the guard).
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"),
                         bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096,
                         end, 0, end, 0)  # fmt: skip
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name: str, kind: int, left: int, right: int, child: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, left, right,
                           child, bytes(16), 0, 0, 0, end, 0)  # fmt: skip

    none = 0xFFFFFFFF
    directory = (
        entry("Root Entry", 5, none, none, 1)
        + entry("EncryptionInfo", 2, none, 2, none)
        + entry("EncryptedPackage", 2, none, none, none)
        + bytes(128)
    )
    path.write_bytes(header + fat + directory)
    return path
