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


# --- OpenDocument -----------------------------------------------------------------------

_ODS_NS = (
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(value: str | float | None = None, repeat: int = 1, style: str = "") -> bytes:
    """A `table:table-cell` as LibreOffice writes it: a text, a number, or empty."""
    attrs = f' table:style-name="{style}"' if style else ""
    if repeat > 1:
        attrs += f' table:number-columns-repeated="{repeat}"'
    if value is None:
        return f"<table:table-cell{attrs}/>".encode()
    if isinstance(value, str):
        return (f'<table:table-cell office:value-type="string"{attrs}><text:p>{value}'
                "</text:p></table:table-cell>").encode()  # fmt: skip
    return (f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
            f"<text:p>{value}</text:p></table:table-cell>").encode()  # fmt: skip


def ods_row(cells: list[bytes], repeat: int = 1) -> bytes:
    """A `table:table-row` of cells (no whitespace: calamine reads none between cells)."""
    attrs = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attrs}>".encode() + b"".join(cells) + b"</table:table-row>"


def write_ods(path: Path, tables: dict[str, list[bytes]]) -> Path:
    """A minimal .ods: a mimetype, a manifest and content.xml holding these tables' rows."""
    body = b"".join(
        f'<table:table table:name="{name}">'.encode() + b"".join(rows) + b"</table:table>"
        for name, rows in tables.items()
    )
    content = (_XML_DECL + b"<office:document-content " + _ODS_NS + b' office:version="1.2">'
               b"<office:body><office:spreadsheet>" + body +
               b"</office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    manifest = (_XML_DECL + b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                b'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry'
                b' manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                b'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content'
                b'.xml" manifest:media-type="text/xml"/></manifest:manifest>')  # fmt: skip
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


# --- legacy .xls (BIFF8 in an OLE2 container) ---------------------------------------------


def biff_record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF record: type, length, data."""
    return struct.pack("<HH", kind, len(data)) + data


def biff_number(row: int, column: int, value: float) -> bytes:
    """A NUMBER record: a float at a 0-based row and column."""
    return biff_record(0x0203, struct.pack("<HHHd", row, column, 0, value))


def biff_label(row: int, column: int, text: str) -> bytes:
    """A LABEL record: a Latin-1 text at a 0-based row and column."""
    encoded = text.encode("latin-1")
    return biff_record(0x0204, struct.pack("<HHHHB", row, column, 0, len(encoded), 0) + encoded)


def biff_dimensions(rows: int, columns: int) -> bytes:
    """A DIMENSIONS record claiming rows 0..rows-1 and columns 0..columns-1."""
    return biff_record(0x0200, struct.pack("<IIHHH", 0, rows, 0, columns, 0))


def _biff_bof(kind: int) -> bytes:
    return biff_record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def write_xls(path: Path, sheets: dict[str, list[bytes]]) -> Path:
    """A minimal BIFF8 workbook: a globals substream naming the sheets (a code page and
    one BOUNDSHEET each), then each sheet's records between BOF and EOF."""

    def globals_part(offsets: list[int]) -> bytes:
        records = [_biff_bof(0x0005), biff_record(0x0042, struct.pack("<H", 1200))]
        for name, offset in zip(sheets, offsets, strict=True):
            encoded = name.encode("latin-1")
            records.append(biff_record(0x0085, struct.pack("<IBBBB", offset, 0, 0,
                                                           len(encoded), 0) + encoded))  # fmt: skip
        return b"".join(records) + biff_record(0x000A)

    parts = [_biff_bof(0x0010) + b"".join(rs) + biff_record(0x000A) for rs in sheets.values()]
    offsets, position = [], len(globals_part([0] * len(sheets)))
    for part in parts:
        offsets.append(position)
        position += len(part)
    stream = globals_part(offsets) + b"".join(parts)
    return write_ole2(path, "Workbook", stream + bytes(max(0, 4096 - len(stream))))


def write_ole2(path: Path, name: str, stream: bytes) -> Path:
    """An OLE2 compound file holding one stream of at least 4 KB (no mini stream): the
    header, the FAT sectors, one directory sector, then the stream's sectors."""
    free, end, fat_mark = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    sectors = (len(stream) + 511) // 512
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + 1 + sectors:
        fat_sectors += 1
    first = fat_sectors + 1  # after the FAT and the directory
    fat = [fat_mark] * fat_sectors + [end]
    fat += [first + n + 1 for n in range(sectors - 1)] + [end]
    fat += [free] * (fat_sectors * 128 - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"),
                         bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, fat_sectors,
                         fat_sectors, 0, 4096, end, 0, end, 0)  # fmt: skip
    header += struct.pack("<109I", *range(fat_sectors), *[free] * (109 - fat_sectors))

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (entry_name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, free, free,
                           child, bytes(16), 0, 0, 0, start, size)  # fmt: skip

    directory = entry("Root Entry", 5, 1, end, 0) + entry(name, 2, free, first, len(stream))
    padded = stream + bytes(sectors * 512 - len(stream))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    path.write_bytes(header + fat_bytes + directory + bytes(256) + padded)
    return path
