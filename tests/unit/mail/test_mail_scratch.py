"""Scratch folders left by a killed listener are removed by the next one; live ones stay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mail.inbound.scratch import PREFIX, scratch_folder, sweep_orphans


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_folders_of_dead_processes_go_and_live_ones_stay(tmp_path: Path) -> None:
    dead = tmp_path / f"{PREFIX}{_dead_pid()}-abc"
    (dead / "sub").mkdir(parents=True)
    (dead / "sub" / "po.xlsx").write_bytes(b"x")
    mine = scratch_folder(str(tmp_path))
    other = tmp_path / "unrelated-1-folder"
    other.mkdir()
    odd = tmp_path / f"{PREFIX}notapid-x"
    odd.mkdir()
    assert Path(mine.name).name.startswith(f"{PREFIX}{os.getpid()}-")
    assert sweep_orphans(str(tmp_path)) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [Path(mine.name).name, other.name, odd.name]
    )
    mine.cleanup()
    assert not Path(mine.name).exists()
