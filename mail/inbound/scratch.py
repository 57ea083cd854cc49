"""Scratch folders of attached spreadsheets, and the removal of those a killed listener left.

A batch's attachments are written to a folder named after the listener's process id; a
listener killed with SIGKILL cannot remove its folder, so the next one to start removes
every folder whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Written in memory when the machine has a RAM-backed /dev/shm (creating a file on disk
# cost ~1 ms on the test machine, 30 times more than there).
ROOT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
PREFIX = "orderbot-mail-"


def scratch_folder(root: str | None = ROOT) -> tempfile.TemporaryDirectory[str]:
    """A new scratch folder owned by this process."""
    # errors ignored at cleanup: a cancelled parse thread may still be writing into it
    return tempfile.TemporaryDirectory(
        prefix=f"{PREFIX}{os.getpid()}-", dir=root, ignore_cleanup_errors=True
    )


def sweep_orphans(root: str | None = ROOT) -> list[Path]:
    """Remove the scratch folders of processes that no longer run; returns what went."""
    removed = []
    for path in Path(root or tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        owner = path.name.removeprefix(PREFIX).split("-", 1)[0]
        if not owner.isdigit() or _alive(int(owner)) or not path.is_dir():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive, and not ours to judge
        return True
    return True
