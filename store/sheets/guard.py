"""The gate every uploaded file passes before any spreadsheet reader opens it.

This module owns the refusals that do not need a reader: the byte size, what the file
really is (judged by content, never by its name), and for zip-based workbooks the archive
itself — entry count, declared unpacked size, compression ratio, encrypted entries and
XML parts that declare a DTD (billion laughs, external entities). Neither calamine nor
openpyxl caps decompression, so this is the only place a zip bomb is stopped. Every
refusal is one `SheetRefused` with a stable code and a sentence for a person
(`domain.texts.Text`, said in the reader's language at the door).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from domain.errors import DomainError
from domain.text_values import Count, Size
from domain.texts import Text, _
from store.sheets import cfb

MiB = 1024 * 1024


class SheetRefused(DomainError):
    """A file refused before or while reading it; nothing was imported."""


class FileKind(StrEnum):
    """What a file is by its content."""

    XLSX = "xlsx"  # Office Open XML workbook (also .xlsm)
    ODS = "ods"  # OpenDocument spreadsheet
    XLS = "xls"  # legacy binary Excel workbook in an OLE2 container
    CSV = "csv"  # delimited text


@dataclass(frozen=True)
class SheetLimits:
    """The bounds a file must stay within; the settings provide real values."""

    max_bytes: int = 20 * MiB
    max_rows: int = 100_000
    max_unpacked_bytes: int = 200 * MiB
    max_zip_entries: int = 2_000
    max_ratio: int = 200  # deflate tops out near 1,030:1; real workbooks stay far below 200:1
    ratio_floor_bytes: int = MiB  # small parts may compress absurdly well; only judge big ones
    # The reader holds a sheet as a dense rectangle from A1 to its last value (see
    # `store.sheets.extent`). Every column named with one or two letters (A to ZZ) is far
    # more than any real sheet of ours needs: a kind has 15 known columns at most, and
    # unknown ones are only warned about.
    max_columns: int = 702
    # 100,000 rows of 30 columns. calamine holds 32 bytes a cell (.ods and .xls sheets
    # are parsed, then copied: 64), so a rectangle this big costs 100 to 200 MB.
    max_cells: int = 3_000_000


_PROLOG_BYTES = 64 * 1024
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_MAGIC_NAMES: tuple[tuple[bytes, Text], ...] = (
    (b"%PDF-", _("This is a PDF, not a spreadsheet.")),
    (b"\x89PNG", _("This is a PNG image, not a spreadsheet.")),
    (b"\xff\xd8\xff", _("This is a JPEG image, not a spreadsheet.")),
    (b"GIF8", _("This is a GIF image, not a spreadsheet.")),
    (b"{\\rtf", _("This is an RTF document, not a spreadsheet.")),
    (b"Rar!", _("This is a RAR archive, not a spreadsheet.")),
    (b"7z\xbc\xaf", _("This is a 7-Zip archive, not a spreadsheet.")),
    (b"\x1f\x8b", _("This is a gzip archive, not a spreadsheet.")),
)
DAMAGED = _("The file is damaged and cannot be read.")
PASSWORD = _("The file is password-protected; remove the password and send it again.")
_WORD = _("This is a Word document, not a spreadsheet.")
_POWERPOINT = _("This is a PowerPoint presentation, not a spreadsheet.")


def check_file(path: str | Path, limits: SheetLimits) -> FileKind:
    """Refuse a file that is too big, not a spreadsheet, encrypted or a bomb; else its kind."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise SheetRefused("sheet.empty", _("The file is empty."))
    if size > limits.max_bytes:
        raise too_large(size, limits)
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_BYTES)
        if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return _check_zip(path, limits)
        if head.startswith(cfb.MAGIC):
            handle.seek(0)
            return _check_ole2(handle, size)
    return _check_text(head)


def _check_text(head: bytes) -> FileKind:
    for magic, said in _MAGIC_NAMES:
        if head.startswith(magic):
            raise SheetRefused("sheet.not_spreadsheet", said)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (b"\x00" in head or re.search(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]", head)):
        raise SheetRefused(
            "sheet.not_spreadsheet",
            _("This is a binary file of an unknown kind, not a spreadsheet or a CSV file."),
        )
    start = head.decode("utf-16" if utf16 else "latin-1", "ignore").lstrip("\ufeff \t\r\n")
    lowered = start[:400].lower()
    if lowered.startswith(("<!doctype html", "<html", "<table")):
        raise SheetRefused(
            "sheet.not_spreadsheet",
            _(
                "This is a web page saved with a spreadsheet name; open it in your "
                "spreadsheet program and save it as .xlsx or .csv."
            ),
        )
    if lowered.startswith("<"):  # "<?xml" included
        raise SheetRefused(
            "sheet.not_spreadsheet",
            _("This is an XML file (perhaps an old 'XML Spreadsheet 2003'); save it as .xlsx."),
        )
    return FileKind.CSV


def _check_ole2(handle: BinaryIO, size: int) -> FileKind:
    try:
        names = {name.casefold() for name in cfb.stream_names(handle, size)}
    except cfb.NotCompoundFile as exc:
        raise SheetRefused("sheet.corrupt", DAMAGED) from exc
    if "encryptedpackage" in names or "encryptioninfo" in names:
        raise SheetRefused("sheet.password_protected", PASSWORD)
    if "workbook" in names or "book" in names:
        return FileKind.XLS
    if "worddocument" in names:
        raise SheetRefused("sheet.not_spreadsheet", _WORD)
    if "powerpoint document" in names:
        raise SheetRefused("sheet.not_spreadsheet", _POWERPOINT)
    raise SheetRefused("sheet.not_spreadsheet", _("This is an Office file, not a spreadsheet."))


def _check_zip(path: Path, limits: SheetLimits) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_entries(infos, limits)
            kind = _zip_kind(archive)
            _check_xml_prologs(archive, infos)
            if kind is FileKind.ODS:
                _check_ods_encryption(archive)
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise SheetRefused("sheet.corrupt", DAMAGED) from exc


def _check_entries(infos: list[zipfile.ZipInfo], limits: SheetLimits) -> None:
    if len(infos) > limits.max_zip_entries:
        raise SheetRefused(
            "sheet.too_many_parts",
            _(
                "The workbook holds {parts} parts, more than the {allowed} allowed.",
                parts=Count(len(infos)),
                allowed=Count(limits.max_zip_entries),
            ),
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise SheetRefused("sheet.password_protected", PASSWORD)
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise SheetRefused(
            "sheet.unpacked_too_large",
            _(
                "The workbook would unpack to {size}, more than the {allowed} allowed.",
                size=Size(total),
                allowed=Size(limits.max_unpacked_bytes),
            ),
        )
    worst = max(infos, key=lambda info: info.file_size / max(info.compress_size, 1), default=None)
    candidates: list[tuple[int, int, str | None]] = [(total, packed, None)]
    if worst is not None:
        candidates.append((worst.file_size, worst.compress_size, worst.filename))
    for unpacked, compressed, part in candidates:
        ratio = unpacked / max(compressed, 1)
        if unpacked >= limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise SheetRefused("sheet.compression_ratio", _bomb(part, ratio, limits.max_ratio))


def _zip_kind(archive: zipfile.ZipFile) -> FileKind:
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.open("mimetype").read(200).decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            return FileKind.ODS
        raise SheetRefused(
            "sheet.not_spreadsheet",
            _("This is an OpenDocument file ({mimetype}), not a spreadsheet.", mimetype=mimetype),
        )
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "xl/workbook.bin" in names:
        raise SheetRefused(
            "sheet.unsupported",
            _("This is a binary Excel workbook (.xlsb); save it as .xlsx and send it again."),
        )
    if "word/document.xml" in names:
        raise SheetRefused("sheet.not_spreadsheet", _WORD)
    if any(name.startswith("ppt/") for name in names):
        raise SheetRefused("sheet.not_spreadsheet", _POWERPOINT)
    raise SheetRefused("sheet.not_spreadsheet", _("This is a zip archive, not a spreadsheet."))


def _check_xml_prologs(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse any XML part that declares a DTD: the door to entity bombs and XXE.

    A DTD may only stand before the root element, so reading up to the root is enough.
    """
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = part.read(_PROLOG_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", "ignore").encode("utf-8")
        root = _ROOT_START.search(head)
        prolog = head if root is None else head[: root.start()]
        if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
            raise SheetRefused(
                "sheet.xml_entities",
                _(
                    "The workbook part '{part}' declares XML entities (a DTD), which "
                    "spreadsheet programs never write; the file was refused as unsafe.",
                    part=info.filename,
                ),
            )
        if root is None and len(head) >= _PROLOG_BYTES:
            raise SheetRefused(
                "sheet.corrupt",
                _("The workbook part '{part}' is not valid XML.", part=info.filename),
            )


def _check_ods_encryption(archive: zipfile.ZipFile) -> None:
    try:
        manifest = archive.open("META-INF/manifest.xml").read(4 * MiB)
    except KeyError:
        return
    if b"encryption-data" in manifest:
        raise SheetRefused("sheet.password_protected", PASSWORD)


def too_large(size: int, limits: SheetLimits) -> SheetRefused:
    """A file of more bytes than allowed."""
    return SheetRefused(
        "sheet.too_large",
        _(
            "The file is {size}, more than the {allowed} allowed.",
            size=Size(size),
            allowed=Size(limits.max_bytes),
        ),
    )


def _bomb(part: str | None, ratio: float, allowed: int) -> Text:
    if part is None:
        return _(
            "The workbook is compressed {ratio} to 1 (more than {allowed} to 1 is allowed); "
            "it looks like a zip bomb.",
            ratio=Count(round(ratio)),
            allowed=Count(allowed),
        )
    return _(
        "Its part '{part}' is compressed {ratio} to 1 (more than {allowed} to 1 is "
        "allowed); it looks like a zip bomb.",
        part=part,
        ratio=Count(round(ratio)),
        allowed=Count(allowed),
    )
