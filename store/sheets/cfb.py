"""Just enough of the OLE2 compound file format (CFB) to list a file's stream names.

An OLE2 file may be a legacy .xls workbook, a Word or PowerPoint file, or a password-
protected .xlsx: Office wraps an encrypted OOXML package in an OLE2 container holding
`EncryptionInfo` and `EncryptedPackage` streams. Telling them apart needs the directory
names only, so this reads the header, the FAT and the directory chain, with every loop
bounded by the file's own sector count so a crafted file cannot make it spin.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_HEADER_DIFAT = 109
_MAX_NAMES = 10_000


class NotCompoundFile(ValueError):
    """The bytes are not a readable OLE2 compound file."""


def stream_names(handle: BinaryIO, file_size: int) -> list[str]:
    """The names of the storages and streams in an OLE2 file's directory."""
    header = handle.read(512)
    if len(header) < 512 or header[:8] != MAGIC:
        raise NotCompoundFile("no OLE2 header")
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise NotCompoundFile("bad sector size")
    sector = 1 << sector_shift
    max_sectors = file_size // sector + 1
    fat_count, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    if fat_count > max_sectors or difat_count > max_sectors:
        raise NotCompoundFile("FAT larger than the file")
    fat_sectors = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", header, 0x4C))
    fat_sectors += _difat_chain(handle, sector, first_difat, difat_count)
    fat = _read_fat(handle, sector, fat_sectors[:fat_count])
    return _directory_names(handle, sector, fat, first_dir, max_sectors)


def _read_sector(handle: BinaryIO, sector: int, sid: int) -> bytes:
    handle.seek((sid + 1) * sector)
    data = handle.read(sector)
    if len(data) != sector:
        raise NotCompoundFile("sector beyond the end of the file")
    return data


def _difat_chain(handle: BinaryIO, sector: int, sid: int, count: int) -> list[int]:
    per_sector = sector // 4 - 1  # the last slot points to the next DIFAT sector
    result: list[int] = []
    for _ in range(count):
        if sid >= _END_OF_CHAIN:
            break
        words = struct.unpack(f"<{per_sector + 1}I", _read_sector(handle, sector, sid))
        result.extend(words[:per_sector])
        sid = words[per_sector]
    return result


def _read_fat(handle: BinaryIO, sector: int, sids: list[int]) -> list[int]:
    fat: list[int] = []
    for sid in sids:
        fat.extend(struct.unpack(f"<{sector // 4}I", _read_sector(handle, sector, sid)))
    return fat


def _directory_names(
    handle: BinaryIO, sector: int, fat: list[int], sid: int, max_sectors: int
) -> list[str]:
    names: list[str] = []
    for _ in range(max_sectors):  # a chain longer than the file is a loop
        if sid >= _END_OF_CHAIN or sid >= len(fat):
            return names
        data = _read_sector(handle, sector, sid)
        for offset in range(0, sector, 128):
            entry = data[offset : offset + 128]
            name_len = struct.unpack_from("<H", entry, 64)[0]
            if entry[66] != 0 and 2 <= name_len <= 64:  # type 0 = unused slot
                names.append(entry[: name_len - 2].decode("utf-16-le", "replace"))
        if len(names) > _MAX_NAMES:
            raise NotCompoundFile("too many directory entries")
        sid = fat[sid]
    raise NotCompoundFile("directory chain loops")
