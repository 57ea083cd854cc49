"""The C allocator's threshold for mapping large blocks, fixed for parsing sheets.

python-calamine grows the vector of a sheet's cells by reallocating it: hundreds of MB
for a 100,000-row sheet. glibc's malloc maps a block that large into memory of its own,
which grows and goes back to the system cheaply; but once such a block is freed, glibc
raises its threshold to that block's size, so the next parse in the same process (a
service's next import, or a check after another sheet was read) grows its cells inside
the heap instead, copying them at every doubling. Measured on the benchmark sheet: a
second parse in one process took 1.6 to 3.5 s where the first took 1.3 s. Given a
threshold, glibc stops moving it: set once, every parse maps its large blocks again.
Other C libraries (and platforms without one) are left as they are.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter for the mapping threshold (malloc.h)."""
THRESHOLD = 4 * 1024 * 1024
"""Blocks from 4 MiB up are mapped: a sheet's cell vectors are, while the lists and
buffers of a few MB that reading makes and frees by the thousand come from the heap."""


def keep_large_blocks_mapped(threshold: int = THRESHOLD) -> bool:
    """Fix the C allocator's mapping threshold; True when glibc took it."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, threshold))
