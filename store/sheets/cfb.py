"""Just enough of the OLE2 compound file format (CFB) to list a file's stream names and
read a stream.

An OLE2 file may be a legacy .xls workbook, a Word or PowerPoint file, or a password-
protected .xlsx: Office wraps an encrypted OOXML package in an OLE2 container holding
`EncryptionInfo` and `EncryptedPackage` streams. Telling them apart needs the directory
names only, so this reads the header, the FAT and the directory chain, with every loop
bounded by the file's own sector count so a crafted file cannot make it spin. Measuring
an .xls sheet before it is read (`store.sheets.extent`) needs the workbook stream
itself: `read_streams` follows its sector chain (or the mini stream's, for a stream under
4 KB), bounded the same way.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
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
    return [entry.name for entry in _directory(handle, sector, fat, sid, max_sectors)]


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


def _directory(
    handle: BinaryIO, sector: int, fat: list[int], sid: int, max_sectors: int
) -> list[_Entry]:
    entries: list[_Entry] = []
    for _ in range(max_sectors):  # a chain longer than the file is a loop
        if sid >= _END_OF_CHAIN or sid >= len(fat):
            return entries
        data = _read_sector(handle, sector, sid)
        for offset in range(0, sector, 128):
            entry = data[offset : offset + 128]
            name_len = struct.unpack_from("<H", entry, 64)[0]
            if entry[66] != 0 and 2 <= name_len <= 64:  # type 0 = unused slot
                start, size = struct.unpack_from("<IQ", entry, 116)
                if sector == 512:
                    size &= 0xFFFFFFFF  # version 3 files may leave the high half unset
                name = entry[: name_len - 2].decode("utf-16-le", "replace")
                entries.append(_Entry(name, entry[66], start, size))
        if len(entries) > _MAX_NAMES:
            raise NotCompoundFile("too many directory entries")
        sid = fat[sid]
    raise NotCompoundFile("directory chain loops")


def read_streams(handle: BinaryIO, file_size: int, names: set[str]) -> list[bytes]:
    """The streams whose casefolded names are in `names`, in directory order."""
    header = handle.read(512)
    if len(header) < 512 or header[:8] != MAGIC:
        raise NotCompoundFile("no OLE2 header")
    sector_shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise NotCompoundFile("bad sector size")
    sector = 1 << sector_shift
    max_sectors = file_size // sector + 1
    fat_count, first_dir = struct.unpack_from("<II", header, 0x2C)
    cutoff, first_mini_fat, mini_fat_count = struct.unpack_from("<III", header, 0x38)
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    if fat_count > max_sectors or difat_count > max_sectors or mini_fat_count > max_sectors:
        raise NotCompoundFile("FAT larger than the file")
    fat_sectors = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", header, 0x4C))
    fat_sectors += _difat_chain(handle, sector, first_difat, difat_count)
    fat = _read_fat(handle, sector, fat_sectors[:fat_count])
    entries = _directory(handle, sector, fat, first_dir, max_sectors)
    wanted = [e for e in entries if e.kind == 2 and e.name.casefold() in names]
    if not wanted:
        return []
    mini: tuple[bytes, list[int]] | None = None
    streams = []
    for entry in wanted:
        if entry.size > file_size:
            raise NotCompoundFile("stream larger than the file")
        if entry.size >= cutoff:
            streams.append(_chain(handle, sector, fat, entry.start, entry.size))
            continue
        if mini is None:
            root = entries[0] if entries and entries[0].kind == 5 else None
            if root is None or root.size > file_size:
                raise NotCompoundFile("no root entry")
            mini_fat_bytes = _chain(handle, sector, fat, first_mini_fat, mini_fat_count * sector)
            mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
            mini = (_chain(handle, sector, fat, root.start, root.size), mini_fat)
        streams.append(_mini_chain(*mini, entry.start, entry.size))
    return streams


def _chain(handle: BinaryIO, sector: int, fat: list[int], sid: int, size: int) -> bytes:
    parts: list[bytes] = []
    for _ in range((size + sector - 1) // sector):
        if sid >= len(fat):
            raise NotCompoundFile("stream beyond the FAT")
        parts.append(_read_sector(handle, sector, sid))
        sid = fat[sid]
    return b"".join(parts)[:size]


def _mini_chain(stream: bytes, mini_fat: list[int], sid: int, size: int) -> bytes:
    parts: list[bytes] = []
    for _ in range((size + 63) // 64):
        if sid >= len(mini_fat) or (sid + 1) * 64 > len(stream):
            raise NotCompoundFile("stream beyond the mini FAT")
        parts.append(stream[sid * 64 : (sid + 1) * 64])
        sid = mini_fat[sid]
    return b"".join(parts)[:size]
